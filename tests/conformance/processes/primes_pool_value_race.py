from multiprocessing import Pool, Process, Queue, current_process, Value, Lock
import os
import time

def is_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True

def count_primes(rng):
    lo, hi = rng
    return sum(1 for n in range(lo, hi) if is_prime(n))

def unsafe_increment(counter, n):
    for _ in range(n):
        counter.value += 1

def safe_increment(counter, lock, n):
    for _ in range(n):
        with lock:
            counter.value += 1

if __name__ == "__main__":
    chunks = [(i, i + 5000) for i in range(0, 20000, 5000)]
    with Pool(processes=4) as pool:
        counts = pool.map(count_primes, chunks)
    print(counts, sum(counts))
    c = Value("i", 0)
    ps = [Process(target=unsafe_increment, args=(c, 50_000)) for _ in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("unsafe lost updates:", c.value < 200_000)
    c2, lock = Value("i", 0), Lock()
    ps = [Process(target=safe_increment, args=(c2, lock, 2000)) for _ in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("safe:", c2.value)
    print(current_process().name, os.getpid() == os.getpid())
