# Writing async coroutines and tasks
# Calling an async function gives you a coroutine object, it does NOT run immediately.

import asyncio

async def hello():
    await asyncio.sleep(1)
    return "Hello"

async def main():
    c = hello()             # coroutine created, not running yet
    print(c)
    # OUTPUT: <coroutine object hello at ...>

asyncio.run(main())
