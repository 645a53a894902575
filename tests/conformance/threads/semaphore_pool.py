import threading, time
pool = threading.BoundedSemaphore(2)
log_lock = threading.Lock()
active = 0
peak = 0
def use(i):
    global active, peak
    with pool:
        with log_lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.2 + 0.05 * i)
        with log_lock:
            active -= 1
ts = [threading.Thread(target=use, args=(i,)) for i in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print("peak concurrent:", peak)
