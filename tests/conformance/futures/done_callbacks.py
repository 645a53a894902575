# add_done_callback: callbacks run in the order added, in the thread that completes the
# future; a callback added to a finished future runs at once in the caller's thread.
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def report(label):
    def callback(fut):
        print(f"{label}: {fut.result()} in {threading.current_thread().name}")
    return callback


def compute(x):
    time.sleep(0.1 * x)
    return x * 100


with ThreadPoolExecutor(max_workers=2, thread_name_prefix="calc") as pool:
    f1 = pool.submit(compute, 2)
    f2 = pool.submit(compute, 1)
    f1.add_done_callback(report("first"))
    f1.add_done_callback(report("second"))
    f2.add_done_callback(report("other"))
    time.sleep(0.5)
    f1.add_done_callback(report("late"))


def broken(fut):
    raise ValueError("callback failed")


with ThreadPoolExecutor(max_workers=1) as pool:
    f = pool.submit(compute, 0)
    f.add_done_callback(broken)
    f.add_done_callback(report("after broken"))
print("main done")
