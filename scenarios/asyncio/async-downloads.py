# Async version

# A) Write an async coroutine

import asyncio
import time

async def download_simulation(n):
    # asyncio.sleep is non-blocking (it yields control to event loop)
    await asyncio.sleep(2)
    return f"file-{n}"

async def main():
    start = time.time()

    # schedule 3 downloads concurrently
    results = await asyncio.gather(
        download_simulation(1),
        download_simulation(2),
        download_simulation(3),
    )

    for r in results:
        print(r)

    end = time.time()
    print("Time taken:", round(end - start, 1))

asyncio.run(main())

# OUTPUT (approx):
# file-1
# file-2
# file-3
# Time taken: ~2.0
