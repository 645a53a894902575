# B) Running CPU-heavy work safely inside asyncio (use a process)
# CPU-heavy work blocks everything (even in async).
# So push CPU work into a separate process.

import asyncio
from concurrent.futures import ProcessPoolExecutor

def cpu_heavy(n):
    total = 0
    for i in range(n):
        total += i
    return total

async def main():
    loop = asyncio.get_running_loop()

    # create a process pool for CPU heavy tasks
    with ProcessPoolExecutor() as pool:
        # run cpu_heavy in another process
        result = await loop.run_in_executor(pool, cpu_heavy, 50_000_000)

    print("CPU result:", result)

asyncio.run(main())
