import threading, queue, time
jobs = queue.Queue()
results = []
results_lock = threading.Lock()
def worker(wid):
    while True:
        try:
            n = jobs.get(timeout=0.5)
        except queue.Empty:
            return
        time.sleep(0.05)
        with results_lock:
            results.append((n, wid))
        jobs.task_done()
for n in range(8):
    jobs.put(n)
pool = [threading.Thread(target=worker, args=(w,)) for w in range(3)]
for t in pool: t.start()
jobs.join()
for t in pool: t.join()
print(sorted(n for n, _ in results), len({w for _, w in results}))
