import asyncio
import time

async def job(n):
    await asyncio.sleep(n / 5)
    if n == 3:
        raise ValueError(f"job {n} failed")
    return n * n

async def main():
    tasks = [asyncio.create_task(job(n), name=f"job-{n}") for n in (5, 1, 3, 2)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first done:", sorted(t.get_name() for t in done), "pending:", len(pending))
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("after first exception:", sorted(t.get_name() for t in done))
    done, pending = await asyncio.wait(tasks, timeout=0.1)
    print("timeout wait:", len(done), len(pending))
    done, _ = await asyncio.wait(tasks)
    for t in tasks:
        if t.exception():
            print(t.get_name(), "raised", repr(t.exception()))
        else:
            print(t.get_name(), "->", t.result())
    for coro in asyncio.as_completed([job(4), job(1), job(2)]):
        print("as_completed:", await coro)
    res = await asyncio.gather(job(1), job(3), job(2), return_exceptions=True)
    print(res)
    try:
        await asyncio.gather(job(1), job(3))
    except ValueError as e:
        print("gather raised:", e)
    start = time.monotonic()
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except TimeoutError:
        print(f"timeout() fired after {time.monotonic() - start:.2f}s")

asyncio.run(main())
