import threading
import time

def cpu_task():
    count = 0
    for _ in range(10_000_000):
        count += 1

start = time.time()

threads = [
    threading.Thread(target=cpu_task),
    threading.Thread(target=cpu_task)
]

for t in threads:
    t.start()

for t in threads:
    t.join()

print("Time taken:", time.time() - start)
