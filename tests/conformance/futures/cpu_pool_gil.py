# CPU-bound work in a thread pool: the GIL serialises it, the results are the same.
from concurrent.futures import ThreadPoolExecutor, as_completed


def count_primes(limit):
    count = 0
    for n in range(2, limit):
        for d in range(2, int(n ** 0.5) + 1):
            if n % d == 0:
                break
        else:
            count += 1
    return limit, count


with ThreadPoolExecutor(max_workers=3) as pool:
    results = dict(f.result() for f in as_completed([pool.submit(count_primes, n) for n in (500, 1000, 1500)]))
    for limit in sorted(results):
        print(f"primes below {limit}: {results[limit]}")
    print(sum(pool.map(lambda n: count_primes(n)[1], [100, 200])))
