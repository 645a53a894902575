import asyncio

async def limited_fetch(sem, url):
    async with sem:
        await asyncio.sleep(0.1)
        return f"Data from {url}"

async def main():
    sem = asyncio.Semaphore(5)  # Max 5 concurrent fetches
    urls = [f"http://example.com/{i}" for i in range(20)]
    tasks = [limited_fetch(sem, url) for url in urls]
    results = await asyncio.gather(*tasks)

asyncio.run(main())
