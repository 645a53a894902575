# Task (scheduled to run)
# To start it concurrently, you wrap it in a Task.

import asyncio

async def hello():
    await asyncio.sleep(1)
    return "Hello"

async def main():
    t = asyncio.create_task(hello())  # scheduled immediately
    result = await t                  # wait for task to finish
    print(result)
    # OUTPUT: Hello

asyncio.run(main())
