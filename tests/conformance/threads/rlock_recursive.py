import threading
lock = threading.RLock()
def factorial(n):
    with lock:
        if n <= 1:
            return 1
        return n * factorial(n - 1)
results = {}
def worker(n):
    results[n] = factorial(n)
ts = [threading.Thread(target=worker, args=(n,)) for n in (5, 10, 20)]
for t in ts: t.start()
for t in ts: t.join()
for n in sorted(results):
    print(n, results[n])
