import threading
import time

class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__(name=f"worker-{n}")
        self.n = n
        self.result = None
    def run(self):
        time.sleep(0.1 * self.n)
        self.result = self.n ** 2
        print(f"{self.name} done in {threading.current_thread().name}")

ws = [Worker(i) for i in range(1, 4)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print([w.result for w in ws])
print(threading.current_thread() is threading.main_thread())

local = threading.local()
def show(v):
    local.value = v
    time.sleep(0.05)
    print(threading.current_thread().name, local.value)
ts = [threading.Thread(target=show, args=(i,), name=f"L{i}") for i in range(2)]
for t in ts: t.start(); time.sleep(0.01)
for t in ts: t.join()
t = threading.Thread(target=lambda: None)
print(t.daemon, t.is_alive())
t.start(); t.join()
try:
    t.start()
except RuntimeError as e:
    print(e)
print(threading.active_count(), len(threading.enumerate()))
