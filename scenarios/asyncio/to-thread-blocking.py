# A) Running blocking code safely inside asyncio (use a thread)
# If you call blocking functions directly, you freeze the event loop.
# So you offload blocking work to a thread.

import asyncio
import time

def blocking_work():
    time.sleep(2)           # blocking sleep
    return "blocking done"

async def main():
    # run blocking_work in a separate thread so event loop stays free
    result = await asyncio.to_thread(blocking_work)

    print(result)
    # OUTPUT: blocking done

asyncio.run(main())

# Use asyncio.to_thread() to run blocking functions in async programs
# Ideal for:
# legacy synchronous code
# CPU-light but blocking I/O

# Keeps async code fast and responsive

