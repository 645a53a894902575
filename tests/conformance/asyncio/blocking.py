import asyncio
import time

async def ticker():
    for i in range(3):
        print(f"tick {i} at {time.monotonic() - start:.0f}")
        await asyncio.sleep(0.2)

async def blocker():
    await asyncio.sleep(0.1)
    print("blocking the loop with time.sleep(1)")
    time.sleep(1)
    print("blocker done")

async def main():
    await asyncio.gather(ticker(), blocker())
    r = await asyncio.to_thread(time.sleep, 0.5)
    print("to_thread returned", r, f"at {time.monotonic() - start:.0f}")

start = time.monotonic()
asyncio.run(main())
