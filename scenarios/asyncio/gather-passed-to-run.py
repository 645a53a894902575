import asyncio, time
async def hello(n):
    await asyncio.sleep(1)
    print('hello', n)

t0=time.perf_counter()
asyncio.run(asyncio.gather(*(hello(i) for i in range(3))))
print('elapsed', time.perf_counter()-t0)
