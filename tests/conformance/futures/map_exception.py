# Executor.map re-raises a task's exception when the iteration reaches that item; the
# items before it are still delivered.
import time
from concurrent.futures import ThreadPoolExecutor


def parse(text):
    time.sleep(0.05 * len(text))
    return int(text)


inputs = ["10", "20", "oops", "40"]
with ThreadPoolExecutor(max_workers=4) as pool:
    total = 0
    try:
        for value in pool.map(parse, inputs):
            print("parsed", value)
            total += value
    except ValueError as e:
        print("failed:", e)
    print("total so far", total)

with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(parse, t) for t in inputs]
    for t, f in zip(inputs, futures):
        exc = f.exception()
        if exc is None:
            print(t, "ok", f.result())
        else:
            print(t, "raised", type(exc).__name__, exc)
