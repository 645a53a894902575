import asyncio

async def task_a(l1, l2):
    async with l1:
        print("A holds l1")
        await asyncio.sleep(0.1)
        async with l2:
            print("A holds both")

async def task_b(l1, l2):
    async with l2:
        print("B holds l2")
        await asyncio.sleep(0.1)
        async with l1:
            print("B holds both")

async def main():
    l1, l2 = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(task_a(l1, l2), task_b(l1, l2))

asyncio.run(main())
