# shutdown: no new work afterwards; cancel_futures cancels what has not started;
# wait=False returns at once while running tasks finish.
import time
import threading
from concurrent.futures import ThreadPoolExecutor, CancelledError


def slow(n):
    time.sleep(0.2)
    print("finished", n)
    return n


pool = ThreadPoolExecutor(max_workers=1)
futures = [pool.submit(slow, n) for n in range(4)]
time.sleep(0.05)
pool.shutdown(wait=True, cancel_futures=True)
for i, f in enumerate(futures):
    print(i, "cancelled" if f.cancelled() else f"result {f.result()}")
try:
    futures[2].result()
except CancelledError:
    print("result() of a cancelled future raises CancelledError")
try:
    pool.submit(slow, 99)
except RuntimeError as e:
    print("RuntimeError:", e)

pool = ThreadPoolExecutor(max_workers=2)
f = pool.submit(slow, 7)
pool.shutdown(wait=False)
print("shutdown returned; done?", f.done())
print("result", f.result())
pool.shutdown()
print("threads left:", threading.active_count())
