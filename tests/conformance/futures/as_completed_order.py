# as_completed yields futures as they finish: the shortest sleep first.
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def job(name, seconds):
    time.sleep(seconds)
    return f"{name} slept {seconds}"


start = time.perf_counter()
with ThreadPoolExecutor(max_workers=4) as pool:
    futures = {pool.submit(job, n, s): n for n, s in [("a", 0.38), ("b", 0.08), ("c", 0.68), ("d", 0.18)]}
    for fut in as_completed(futures):
        print(futures[fut], "->", fut.result(), f"at {time.perf_counter() - start:.1f}s")

with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(job, "slow", 0.6), pool.submit(job, "fast", 0.1)]
    try:
        for fut in as_completed(futures, timeout=0.3):
            print("in time:", fut.result())
    except TimeoutError as e:
        print("TimeoutError:", e)
