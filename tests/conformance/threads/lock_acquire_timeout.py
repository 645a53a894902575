import threading, time
lock = threading.Lock()
def holder():
    with lock:
        time.sleep(0.5)
def impatient():
    time.sleep(0.1)
    ok = lock.acquire(timeout=0.2)
    print("impatient got lock:", ok)
    if ok:
        lock.release()
def patient():
    time.sleep(0.1)
    ok = lock.acquire(timeout=1)
    print("patient got lock:", ok)
    if ok:
        lock.release()
ts = [threading.Thread(target=f) for f in (holder, impatient, patient)]
for t in ts: t.start()
for t in ts: t.join()
print("locked at end:", lock.locked())
