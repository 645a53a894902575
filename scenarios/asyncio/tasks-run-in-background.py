import asyncio

async def long_task(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name} completed"

async def main():
    # ---- Create tasks (start immediately in background!) ----
    task1 = asyncio.create_task(long_task("A", 2))
    task2 = asyncio.create_task(long_task("B", 3))
    
    # Do other work while tasks run...
    print("Tasks started, doing other work...")
    await asyncio.sleep(1)
    print("Other work done!")
    
    # Now wait for results
    result1 = await task1
    result2 = await task2
    print(result1, result2)

asyncio.run(main())
