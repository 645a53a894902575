import threading, queue, time

q = queue.Queue(maxsize=2)
def producer():
    for i in range(5):
        q.put(i)
        print(f"produced {i}")
    q.put(None)

def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        time.sleep(0.1)
        print(f"consumed {item}")
        q.task_done()

threading.Thread(target=producer).start()
c = threading.Thread(target=consumer)
c.start()
q.join()
print("all done")
lq = queue.LifoQueue()
pq = queue.PriorityQueue()
for x in [3, 1, 2]:
    lq.put(x); pq.put((x, f"task{x}"))
print([lq.get() for _ in range(3)], [pq.get()[1] for _ in range(3)])
try:
    queue.Queue().get_nowait()
except queue.Empty:
    print("empty!")
try:
    q2 = queue.Queue(1); q2.put(1); q2.put(2, timeout=0.1)
except queue.Full:
    print("full!")
results = []
def worker(n):
    results.append(n * n)
ts = [threading.Thread(target=worker, args=(i,), name=f"W{i}") for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(results), [t.name for t in ts], ts[0].is_alive())
start = time.perf_counter()
time.sleep(1.25)
print(f"slept {time.perf_counter() - start:.2f}s")
