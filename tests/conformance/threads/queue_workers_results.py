import threading, queue
tasks = queue.Queue()
results = queue.Queue()
def worker():
    while True:
        n = tasks.get()
        if n is None:
            tasks.task_done()
            break
        results.put((n, n * n))
        tasks.task_done()
workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers: w.start()
for n in range(10):
    tasks.put(n)
for _ in workers:
    tasks.put(None)
tasks.join()
out = sorted(results.get() for _ in range(results.qsize()))
print(out)
print("empty:", results.empty(), "unfinished:", tasks.unfinished_tasks)
