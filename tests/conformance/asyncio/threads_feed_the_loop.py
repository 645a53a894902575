import asyncio
import threading
import time

def worker(loop, q):
    for i in range(3):
        time.sleep(0.1)
        loop.call_soon_threadsafe(q.put_nowait, f"from thread {i}")
    fut = asyncio.run_coroutine_threadsafe(echo("coroutine from thread"), loop)
    print("thread got:", fut.result(timeout=2))

async def echo(msg):
    await asyncio.sleep(0.05)
    return msg.upper()

async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    t = threading.Thread(target=worker, args=(loop, q), name="feeder")
    t.start()
    for _ in range(3):
        print("loop got:", await q.get())
    await asyncio.sleep(0.2)
    await asyncio.to_thread(t.join)
    print("threads:", sorted(th.name for th in threading.enumerate()))

asyncio.run(main())
