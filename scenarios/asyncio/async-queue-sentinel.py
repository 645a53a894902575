import asyncio

async def producer(queue):
    for i in range(5):
        await queue.put(i)
        print(f"Produced {i}")
    await queue.put(None)  # Sentinel to signal completion

async def consumer(queue):
    results = []
    while True:
        item = await queue.get()
        if item is None:
            break
        results.append(item * 2)
        print(f"Consumed {item}")
    return results

async def main():
    queue = asyncio.Queue()
    prod = asyncio.create_task(producer(queue))
    cons = asyncio.create_task(consumer(queue))
    await prod
    results = await cons
    print(results)  # [0, 2, 4, 6, 8]

asyncio.run(main())
