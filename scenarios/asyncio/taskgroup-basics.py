import asyncio

async def ok(n):
    await asyncio.sleep(0.1 * n)
    print("ok", n)
    return n

async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(ok(1))
        t2 = tg.create_task(ok(2))
    print(t1.result(), t2.result())

asyncio.run(main())
