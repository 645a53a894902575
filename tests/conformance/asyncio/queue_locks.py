import asyncio
import random

async def producer(q, n, name, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        await q.put(f"{name}-{i}")
        print(f"{name} put {name}-{i} (size {q.qsize()})")
    await q.put(None)

async def consumer(q, name, results, lock):
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            break
        await asyncio.sleep(0.09)
        async with lock:
            results.append(item)
        print(f"{name} got {item}")
        q.task_done()

async def main():
    random.seed(7)
    q = asyncio.Queue(maxsize=2)
    results = []
    lock = asyncio.Lock()
    await asyncio.gather(producer(q, 4, "p1", 0.3), producer(q, 3, "p2", 0.75),
                         consumer(q, "c1", results, lock), consumer(q, "c2", results, lock))
    print(len(results), sorted(results))
    ev = asyncio.Event()
    async def waiter(i):
        print(f"waiter {i} waiting")
        await ev.wait()
        print(f"waiter {i} released")
    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0.1)
    ev.set()
    await asyncio.gather(*ws)
    cond = asyncio.Condition()
    items = []
    async def cons(i):
        async with cond:
            await cond.wait_for(lambda: items)
            print(f"cons {i} took {items.pop()}")
    cs = [asyncio.create_task(cons(i)) for i in range(2)]
    await asyncio.sleep(0.01)
    for v in ("a", "b"):
        async with cond:
            items.append(v)
            cond.notify()
        await asyncio.sleep(0.01)
    await asyncio.gather(*cs)
    pq = asyncio.PriorityQueue()
    for p in (3, 1, 2):
        pq.put_nowait((p, f"prio{p}"))
    while not pq.empty():
        print(pq.get_nowait())
    try:
        asyncio.Queue().get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    sem = asyncio.BoundedSemaphore(2)
    async with sem:
        print("locked?", sem.locked())
    try:
        sem.release()
    except ValueError as e:
        print(e)

asyncio.run(main())
