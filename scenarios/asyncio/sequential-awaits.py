import asyncio

async def step_one():
    await asyncio.sleep(0.1)
    return 1

async def step_two(x):
    await asyncio.sleep(0.1)
    return x + 1

async def pipeline():
    result = await step_one()
    result = await step_two(result)
    print(result)  # 2

asyncio.run(pipeline())
