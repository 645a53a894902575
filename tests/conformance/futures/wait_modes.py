# concurrent.futures.wait with FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED.
import time
from concurrent.futures import (ThreadPoolExecutor, wait, FIRST_COMPLETED,
                                FIRST_EXCEPTION, ALL_COMPLETED)


def task(n):
    time.sleep(n * 0.1)
    if n == 3:
        raise RuntimeError("task 3 failed")
    return n


with ThreadPoolExecutor(max_workers=4) as pool:
    fs = [pool.submit(task, n) for n in (4, 2, 6, 3)]
    done, not_done = wait(fs, return_when=FIRST_COMPLETED)
    print("first completed:", [f.result() for f in done], "pending:", len(not_done))
    result = wait(fs, return_when=FIRST_EXCEPTION)
    print(type(result).__name__, len(result.done), len(result.not_done))
    failed = [f for f in result.done if f.exception() is not None]
    print("failure:", failed[0].exception())
    done, not_done = wait(fs, timeout=0.1)
    print("after a short wait:", len(done), "done,", len(not_done), "not done")
    done, not_done = wait(fs, return_when=ALL_COMPLETED)
    print("all:", len(done), len(not_done))
    print(sorted(f.result() for f in done if f.exception() is None))
