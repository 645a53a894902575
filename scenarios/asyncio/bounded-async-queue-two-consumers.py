import asyncio

async def producer(queue):
    for i in range(10):
        await queue.put(f"item-{i}")
        print(f"Produced item-{i}")
        await asyncio.sleep(0.1)
    await queue.put(None)    # Signal done

async def consumer(queue, name):
    while True:
        item = await queue.get()
        if item is None:
            await queue.put(None)    # Pass sentinel to other consumers
            break
        print(f"{name} consumed {item}")
        await asyncio.sleep(0.2)
        queue.task_done()

async def main():
    queue = asyncio.Queue(maxsize=5)    # Backpressure: producer waits if full
    
    await asyncio.gather(
        producer(queue),
        consumer(queue, "Worker-1"),
        consumer(queue, "Worker-2"),
    )

asyncio.run(main())
