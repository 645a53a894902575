import threading
import time

def io_task():
    time.sleep(2)

start = time.time()

threads = []
for _ in range(5):
    t = threading.Thread(target=io_task)
    threads.append(t)
    t.start()

for t in threads:
    t.join()

print("Time taken:", round(time.time() - start, 1))
