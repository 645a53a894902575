import asyncio
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

def cpu_heavy(n):
    total = 0
    for i in range(n):
        total += i
    return total

def blocking_io(x):
    time.sleep(0.3)
    return x * 10

async def ticker():
    for i in range(4):
        print("tick", i)
        await asyncio.sleep(0.1)

async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(
            loop.run_in_executor(pool, cpu_heavy, 200_000),
            loop.run_in_executor(pool, cpu_heavy, 100_000),
            ticker(),
        )
    print(results[:2])
    with ThreadPoolExecutor(max_workers=3) as tp:
        rs = await asyncio.gather(*(loop.run_in_executor(tp, blocking_io, i) for i in range(3)))
    print(rs)
    r = await asyncio.to_thread(blocking_io, 7)
    print(r)

start = time.perf_counter()
asyncio.run(main())
print("elapsed under 2 s:", time.perf_counter() - start < 2)
