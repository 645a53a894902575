import asyncio

async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("boom")

async def main():
    asyncio.create_task(fail())
    await asyncio.sleep(0.3)
    print("main done")

asyncio.run(main())
print("after run")
