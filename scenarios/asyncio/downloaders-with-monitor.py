import asyncio
import random
import time

class Downloader:
    def __init__(self, name, sizes):
        self.name = name
        self.sizes = sizes
        self.done = 0

    async def fetch(self, size):
        await asyncio.sleep(size / 100)
        self.done += size
        return f"{self.name}:{size}"

    async def run(self):
        results = []
        for coro in asyncio.as_completed([self.fetch(s) for s in self.sizes]):
            results.append(await coro)
        return results

async def monitor(downloaders, stop):
    while not stop.is_set():
        total = sum(d.done for d in downloaders)
        print(f"[monitor] total={total}")
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.25)
        except asyncio.TimeoutError:
            pass

async def main():
    random.seed(3)
    ds = [Downloader(f"d{i}", random.sample(range(5, 60, 5), 3)) for i in range(3)]
    stop = asyncio.Event()
    mon = asyncio.create_task(monitor(ds, stop))
    results = await asyncio.gather(*(d.run() for d in ds))
    stop.set()
    await mon
    for r in results:
        print(r)
    print("tasks left:", len(asyncio.all_tasks()))
    print(repr(asyncio.current_task().get_name()))

start = time.perf_counter()
asyncio.run(main())
print(f"took {time.perf_counter() - start:.1f}s")
