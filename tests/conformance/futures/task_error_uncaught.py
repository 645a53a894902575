# A task's exception re-raised by result() in the main thread is uncaught: exit 1.
from concurrent.futures import ThreadPoolExecutor


def divide(a, b):
    return a / b


with ThreadPoolExecutor(max_workers=2) as pool:
    ok = pool.submit(divide, 6, 3)
    bad = pool.submit(divide, 1, 0)
    print("ok:", ok.result())
    print("bad:", bad.result())
