import asyncio

async def worker(name, delay):
    try:
        print(f"{name}: working")
        await asyncio.sleep(delay)
        print(f"{name}: finished")
        return name
    except asyncio.CancelledError:
        print(f"{name}: cancelled, cleaning up")
        raise
    finally:
        print(f"{name}: finally")

async def main():
    t1 = asyncio.create_task(worker("slow", 5))
    t2 = asyncio.create_task(worker("fast", 0.1))
    await asyncio.sleep(0.5)
    print("cancel ->", t1.cancel())
    try:
        await t1
    except asyncio.CancelledError:
        print("t1 cancelled:", t1.cancelled(), t1.done())
    print("t2 result:", t2.result())
    try:
        await asyncio.wait_for(worker("timed", 3), timeout=1)
    except asyncio.TimeoutError:
        print("timed out; TimeoutError is asyncio.TimeoutError:", TimeoutError is asyncio.TimeoutError)
    t3 = asyncio.create_task(worker("shielded", 0.3))
    try:
        await asyncio.wait_for(asyncio.shield(t3), timeout=0.1)
    except TimeoutError:
        print("shield timed out, task still running:", not t3.done())
    print("shielded result", await t3)
    print(asyncio.current_task().get_name())

asyncio.run(main())
