import asyncio

async def timed():
    print("Start")
    await asyncio.sleep(0.5)
    print("End")

asyncio.run(timed())  # (added) run it
