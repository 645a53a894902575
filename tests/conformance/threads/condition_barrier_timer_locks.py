import threading, time

cond = threading.Condition()
items = []

def consumer(n):
    with cond:
        while not items:
            cond.wait()
        item = items.pop(0)
        print(f"consumer {n} got {item}")

def producer():
    for i in range(3):
        time.sleep(0.1)
        with cond:
            items.append(i)
            cond.notify()

cs = [threading.Thread(target=consumer, args=(i,)) for i in range(3)]
for c in cs:
    c.start()
p = threading.Thread(target=producer)
p.start()
for t in cs + [p]:
    t.join()

barrier = threading.Barrier(3)
def runner(i):
    time.sleep(i * 0.2)
    print(f"runner {i} waiting")
    idx = barrier.wait()
    time.sleep(0.2 * i)
    print(f"runner {i} passed")
rs = [threading.Thread(target=runner, args=(i,)) for i in range(3)]
for r in rs: r.start()
for r in rs: r.join()

def hello():
    print("timer fired")
t = threading.Timer(0.5, hello)
t.start()
t.join()
print("active", threading.active_count(), threading.main_thread().name)
ev = threading.Event()
print(ev.wait(0.2), ev.is_set())
lock = threading.Lock()
print(lock.acquire(), lock.acquire(timeout=0.1), lock.locked())
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
r = threading.RLock()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
s = threading.BoundedSemaphore(1)
s.acquire(); s.release()
try:
    s.release()
except ValueError as e:
    print("ValueError:", e)
