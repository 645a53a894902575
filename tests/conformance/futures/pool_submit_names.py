# Submitting tasks to a thread pool: each worker is a named thread, results come back
# through futures in submission order.
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def download(page, seconds):
    name = threading.current_thread().name
    print(f"{name} starts page {page}")
    time.sleep(seconds)
    print(f"{name} finished page {page}")
    return len(page) * 10


pages = [("home", 0.3), ("about", 0.1), ("blog", 0.5), ("contact", 0.2)]
with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(download, page, s) for page, s in pages]
    print("all submitted")
    for (page, _), fut in zip(pages, futures):
        print(page, "->", fut.result())
print("pool closed, main is", threading.current_thread().name)
