import asyncio

async def async_range(start, stop):
    for i in range(start, stop):
        await asyncio.sleep(0.01)
        yield i

async def main():
    async for num in async_range(0, 5):
        print(num)

asyncio.run(main())
