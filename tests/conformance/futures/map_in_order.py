# Executor.map returns results in input order even when later items finish first;
# a thread_name_prefix names the workers prefix_0, prefix_1, ...
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def square(n):
    time.sleep({1: 0.6, 2: 0.4, 3: 0.1, 4: 0.1}[n])
    print(f"  {threading.current_thread().name} squared {n}")
    return n * n


with ThreadPoolExecutor(max_workers=3, thread_name_prefix="sq") as pool:
    results = pool.map(square, [1, 2, 3, 4])
    print("map returned", type(results).__name__)
    for r in results:
        print("result", r)

with ThreadPoolExecutor(2) as pool:
    print(list(pool.map(pow, [2, 3, 4], [5, 2, 1], chunksize=2)))
    print(sorted(pool.map(len, ["a", "abc", "ab"])))
