import asyncio

async def ok(n):
    await asyncio.sleep(0.1 * n)
    print("ok", n)
    return n

async def bad(n):
    await asyncio.sleep(0.1 * n)
    raise ValueError(f"bad {n}")

async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(ok(1))
        t2 = tg.create_task(ok(2))
    print(t1.result(), t2.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok(1))
            tg.create_task(bad(2))
            slow = tg.create_task(ok(5))
    except ExceptionGroup as eg:
        print("group:", eg, [repr(e) for e in eg.exceptions])
        print("slow cancelled:", slow.cancelled())

asyncio.run(main())
