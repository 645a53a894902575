import asyncio
import time

async def bad():
    time.sleep(1)          # WRONG — blocks the entire event loop

async def good():
    await asyncio.sleep(1)  # CORRECT — yields control to event loop

# (added) a driver: two bad() coroutines, then two good() ones, side by side
async def main():
    start = time.perf_counter()
    await asyncio.gather(bad(), bad())
    print(f"two bad():  {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    await asyncio.gather(good(), good())
    print(f"two good(): {time.perf_counter() - start:.1f} s")

asyncio.run(main())
