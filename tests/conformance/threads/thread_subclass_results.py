import threading, time
class Worker(threading.Thread):
    def __init__(self, n, results):
        super().__init__(name=f"worker-{n}", daemon=False)
        self.n = n
        self.results = results
    def run(self):
        total = sum(i * i for i in range(self.n * 1000))
        time.sleep(0.01 * self.n)
        self.results[self.name] = total
results = {}
ws = [Worker(n, results) for n in (3, 1, 2)]
for w in ws: w.start()
for w in ws: w.join()
for k in sorted(results): print(k, results[k])
print(all(not w.is_alive() for w in ws), ws[0].ident is not None, ws[0].native_id is not None)
print(str(ws[0])[:20])
