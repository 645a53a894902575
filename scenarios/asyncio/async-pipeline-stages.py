import asyncio

async def stage1(out_q):
    for i in range(5):
        await out_q.put(i)
        print(f"stage1 produced {i}")
        await asyncio.sleep(0.05)
    await out_q.put(None)

async def stage2(in_q, out_q):
    while (item := await in_q.get()) is not None:
        await asyncio.sleep(0.12)
        await out_q.put(item * item)
        print(f"stage2 squared {item}")
    await out_q.put(None)

async def stage3(in_q):
    total = 0
    while True:
        item = await in_q.get()
        if item is None:
            break
        total += item
        print(f"stage3 total {total}")
    return total

async def main():
    q1, q2 = asyncio.Queue(maxsize=2), asyncio.Queue()
    res = await asyncio.gather(stage1(q1), stage2(q1, q2), stage3(q2))
    print(res)
    sem = asyncio.Semaphore(2)
    async def limited(i):
        async with sem:
            print(f"start {i}")
            await asyncio.sleep(0.1 * (i % 3 + 1))
            print(f"end {i}")
            return i
    print(await asyncio.gather(*(limited(i) for i in range(5))))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.2, fut.set_result, "later")
    loop.call_soon(print, "soon 1")
    loop.call_soon(print, "soon 2")
    print(await fut)

asyncio.run(main())
