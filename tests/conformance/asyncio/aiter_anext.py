import asyncio

async def countdown(n):
    while n > 0:
        await asyncio.sleep(0.01)
        yield n
        n -= 1

class Ticker:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0.01)
        return self.n

async def main():
    it = aiter(countdown(3))
    print(await anext(it), await anext(it))
    async for x in it:
        print("rest", x)
    try:
        await anext(it)
    except StopAsyncIteration:
        print("exhausted")
    t = aiter(Ticker(2))
    print(await anext(t), await anext(t))
    print(sorted([v async for v in countdown(4) if v % 2 == 0]))

asyncio.run(main())
