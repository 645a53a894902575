import asyncio

async def fetch(url, delay):
    await asyncio.sleep(delay)
    return {"url": url, "status": 200}

async def main():
    results = await asyncio.gather(
        fetch("http://a.com", 0.1),
        fetch("http://b.com", 0.2),
        fetch("http://c.com", 0.1),
    )
    print(results)  # List of dicts, in the same order as arguments

asyncio.run(main())
