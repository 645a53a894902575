import asyncio


async def job(n):
    await asyncio.sleep(0.01 * n)
    return n


async def producer(q):
    for i in range(2):
        await asyncio.sleep(0.01)
        await q.put(i)


async def consumer(q):
    for _ in range(2):
        print("got", await q.get())


async def main():
    first = asyncio.create_task(job(1))
    print(await first)
    print(await asyncio.gather(job(2), job(1)))
    q = asyncio.Queue()
    await asyncio.gather(producer(q), consumer(q))


asyncio.run(main())
