import asyncio

async def fail():
    await asyncio.sleep(0.1)
    raise RuntimeError("task failed")

async def main():
    t = asyncio.create_task(fail())
    await asyncio.sleep(0.2)
    print("main sees", t.done())
    await t
    print("never")

asyncio.run(main())
