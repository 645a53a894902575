import asyncio

async def fetch(url):
    await asyncio.sleep(1)
    return f"data from {url}"

async def main():
    # Run all concurrently, get results in ORDER
    results = await asyncio.gather(
        fetch("url1"),
        fetch("url2"),
        fetch("url3"),
    )
    print(results)    # ['data from url1', 'data from url2', 'data from url3']
    
    # With error handling
    results = await asyncio.gather(
        fetch("url1"),
        fetch("url2"),
        return_exceptions=True    # Don't crash on errors, return them
    )

asyncio.run(main())  # (added) run it
