import asyncio

async def worker(n):
    for _ in range(10):
        await asyncio.sleep(0)
    return n

async def main():
    results = await asyncio.gather(*(worker(i) for i in range(10_000)))
    print(sum(results))

asyncio.run(main())
