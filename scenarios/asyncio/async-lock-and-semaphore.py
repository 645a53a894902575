import asyncio

# (added) fetch() from the gather example just above in the notes
async def fetch(url):
    await asyncio.sleep(1)
    return f"data from {url}"

# Async Lock
lock = asyncio.Lock()

async def safe_update(shared_data):
    async with lock:    # Only one coroutine at a time
        value = shared_data["count"]
        await asyncio.sleep(0.1)    # Simulate async work
        shared_data["count"] = value + 1

# Async Semaphore (limit concurrent operations)
semaphore = asyncio.Semaphore(10)    # Max 10 concurrent

async def limited_fetch(url):
    async with semaphore:    # Only 10 at a time
        return await fetch(url)

async def main():
    urls = [f"https://api.com/page/{i}" for i in range(100)]
    results = await asyncio.gather(*[limited_fetch(url) for url in urls])

# (added) a driver: five safe_update calls at once, then main()
async def demo():
    shared_data = {"count": 0}
    await asyncio.gather(*(safe_update(shared_data) for _ in range(5)))
    print(shared_data)

asyncio.run(demo())
asyncio.run(main())
