import asyncio
async def work():
    await asyncio.sleep(0.5)
    return 42

async def main():
    coro = work()
    print('type', type(coro))
    result = await coro
    print('result', result)
asyncio.run(main())
