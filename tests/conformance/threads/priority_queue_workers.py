import threading
import queue
import time

tasks = queue.PriorityQueue()
results = {}
results_lock = threading.Lock()
stop = threading.Event()

def worker():
    name = threading.current_thread().name
    while not stop.is_set():
        try:
            prio, job = tasks.get(timeout=0.05)
        except queue.Empty:
            continue
        time.sleep(0.01 * prio)
        with results_lock:
            results.setdefault(name, []).append(job)
        tasks.task_done()

for i, job in enumerate(["e", "a", "d", "b", "c", "f"]):
    tasks.put((i % 3, job))
ws = [threading.Thread(target=worker, daemon=True) for _ in range(2)]
for w in ws: w.start()
tasks.join()
stop.set()
for w in ws: w.join()
print(sorted(j for js in results.values() for j in js))
print(tasks.qsize(), tasks.empty(), threading.active_count())
try:
    tasks.get_nowait()
except queue.Empty:
    print("empty:", repr(queue.Empty()))
lq = queue.LifoQueue()
for x in range(3): lq.put(x)
print([lq.get() for _ in range(3)])
sq = queue.SimpleQueue(); sq.put(1); print(sq.get(), sq.empty())
