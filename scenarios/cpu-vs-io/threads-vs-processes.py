# The same CPU-bound work three ways: two chunks one after the other, in two threads, and in
# two processes. Threads take turns on the GIL, so they are no faster than doing the chunks one
# after the other; processes each have their own interpreter and GIL and run on two cores at once.
import multiprocessing
import threading
import time

N = 5_000_000                        # loop iterations per chunk

def count(n):
    total = 0
    for i in range(n):
        total += i
    return total

def sequential():
    count(N)
    count(N)

def with_threads():
    workers = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

def with_processes():
    workers = [multiprocessing.Process(target=count, args=(N,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

def timed(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start

if __name__ == "__main__":
    base = timed(sequential)
    threads = timed(with_threads)
    processes = timed(with_processes)
    print("2 threads faster than one after another:  ", threads < 0.8 * base)
    print("2 processes faster than one after another:", processes < 0.8 * base)
