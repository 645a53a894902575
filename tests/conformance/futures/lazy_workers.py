# Workers start lazily: a new thread only when no worker is idle, up to max_workers.
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def who(n):
    time.sleep(0.05)
    return threading.current_thread().name


with ThreadPoolExecutor(max_workers=3) as pool:
    for n in range(3):
        print("sequential", n, pool.submit(who, n).result())
    print("threads alive:", threading.active_count())
    names = [f.result() for f in [pool.submit(who, n) for n in range(5)]]
    print(sorted(set(names)))
    print("threads alive:", threading.active_count())
print([t.name for t in threading.enumerate()])

with ThreadPoolExecutor(max_workers=2) as second:
    print(second.submit(who, 0).result())
