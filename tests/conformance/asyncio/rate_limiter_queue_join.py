import asyncio

class RateLimiter:
    def __init__(self, rate):
        self.sem = asyncio.Semaphore(rate)
        self.active = 0
        self.peak = 0

    async def __aenter__(self):
        await self.sem.acquire()
        self.active += 1
        self.peak = max(self.peak, self.active)
        return self

    async def __aexit__(self, *exc):
        self.active -= 1
        self.sem.release()
        return False

async def task(limiter, n):
    async with limiter:
        await asyncio.sleep(0.1)
        return n ** 2

async def producer(q, n):
    for i in range(n):
        await q.put(i)
    for _ in range(3):
        await q.put(None)

async def consumer(name, q, out):
    while True:
        item = await q.get()
        try:
            if item is None:
                return
            await asyncio.sleep(0.01 * (item % 3 + 1))
            out.append((name, item))
        finally:
            q.task_done()

async def main():
    lim = RateLimiter(3)
    squares = await asyncio.gather(*(task(lim, i) for i in range(10)))
    print(squares, "peak", lim.peak)
    q = asyncio.Queue(maxsize=4)
    out = []
    consumers = [asyncio.create_task(consumer(f"c{i}", q, out)) for i in range(3)]
    await producer(q, 12)
    await q.join()
    await asyncio.gather(*consumers)
    print(sorted(i for _, i in out))
    print({name for name, _ in out} == {"c0", "c1", "c2"})
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.05)
    except asyncio.TimeoutError as e:
        print("timeout", type(e).__name__, repr(e))
    t = asyncio.create_task(asyncio.sleep(1, result="late"))
    await asyncio.sleep(0)
    t.cancel("stop now")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled with", e.args)

asyncio.run(main())
