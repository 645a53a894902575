import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, as_completed, wait

def square(x):
    return x * x

def cpu(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

def boom(x):
    raise ValueError(f"bad {x}")

def where():
    return mp.current_process().name.startswith("ForkProcess-"), os.getpid() != PARENT

PARENT = os.getpid()

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(square, range(6))))
        futures = [ex.submit(cpu, n) for n in (10_000, 20_000, 30_000)]
        print(sorted(f.result() for f in as_completed(futures)))
        done, pending = wait(futures)
        print(len(done), len(pending))
        print(ex.submit(where).result())
        f = ex.submit(boom, 3)
        try:
            f.result()
        except ValueError as e:
            print("caught", e, type(f.exception()).__name__)
        g = ex.submit(lambda: 1)
        try:
            g.result()
        except Exception as e:
            print(type(e).__name__)
    try:
        ex.submit(square, 2)
    except RuntimeError as e:
        print(e)
    print(mp.active_children())
