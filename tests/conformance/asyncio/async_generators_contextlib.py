import asyncio
from contextlib import asynccontextmanager, contextmanager, suppress

async def ticker(n, delay):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield i
    finally:
        print("ticker cleanup")

@asynccontextmanager
async def connection(name):
    print("open", name)
    await asyncio.sleep(0.1)
    try:
        yield name.upper()
    finally:
        await asyncio.sleep(0.1)
        print("close", name)

@contextmanager
def section(title):
    print("begin", title)
    try:
        yield title
    except ValueError as e:
        print("handled", e)
    print("end", title)

async def main():
    async for t in ticker(3, 0.2):
        print("tick", t)
    got = [x async for x in ticker(2, 0.1)]
    print(got)
    async with connection("db") as c:
        print("using", c)
    try:
        async with connection("cache") as c:
            raise KeyError("k")
    except KeyError as e:
        print("caught", repr(e))
    with section("s1"):
        raise ValueError("bad")
    with suppress(ZeroDivisionError):
        1 / 0
    print("done")

asyncio.run(main())
