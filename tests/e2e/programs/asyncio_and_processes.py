import asyncio
import multiprocessing as mp


async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done after {delay}s")
    return name


async def main():
    print(await asyncio.gather(job("slow", 0.3), job("fast", 0.1)))


def child(q):
    q.put(f"hello from {mp.current_process().name}")


if __name__ == "__main__":
    asyncio.run(main())
    q = mp.Queue()
    p = mp.Process(target=child, args=(q,))
    p.start()
    print(q.get())
    p.join()
    print("exit code", p.exitcode)
