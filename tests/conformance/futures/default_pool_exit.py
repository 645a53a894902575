# A pool that is never shut down: the interpreter's exit joins its workers, which finish
# their queued work first.
import time
from concurrent.futures import ThreadPoolExecutor

pool = ThreadPoolExecutor(2)


def late(n):
    time.sleep(0.2 * n)
    print("late task", n, "done")


for n in (1, 2, 3):
    pool.submit(late, n)
print("main module ends")
