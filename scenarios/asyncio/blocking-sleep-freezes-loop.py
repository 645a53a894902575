# time.sleep inside async def blocks the whole event loop; await asyncio.sleep lets it run.
# A heartbeat task ticks every 0.1 s. Beside it, a job waits 0.47 s: first with time.sleep
# (the heartbeat stops until the job is done), then with await asyncio.sleep (it keeps ticking).
import asyncio
import time

async def heartbeat(start):
    for _ in range(5):
        print(f"  tick at {time.perf_counter() - start:.1f} s")
        await asyncio.sleep(0.1)

async def blocking_job(start):
    print("  job: time.sleep(0.47)")
    time.sleep(0.47)                 # WRONG in async code: nothing else can run
    print(f"  job done at {time.perf_counter() - start:.1f} s")

async def polite_job(start):
    print("  job: await asyncio.sleep(0.47)")
    await asyncio.sleep(0.47)        # the loop runs other tasks meanwhile
    print(f"  job done at {time.perf_counter() - start:.1f} s")

async def main():
    print("with time.sleep:")
    start = time.perf_counter()
    await asyncio.gather(heartbeat(start), blocking_job(start))
    print("with asyncio.sleep:")
    start = time.perf_counter()
    await asyncio.gather(heartbeat(start), polite_job(start))

asyncio.run(main())
