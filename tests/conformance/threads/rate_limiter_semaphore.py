import threading, time
limit = threading.Semaphore(2)
lock = threading.Lock()
events = []
def request(i):
    with limit:
        with lock:
            events.append(("start", i))
        time.sleep(0.1 * (i % 3 + 1))
        with lock:
            events.append(("end", i))
ts = [threading.Thread(target=request, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
    time.sleep(0.01)
for t in ts: t.join()
running = peak = 0
for kind, i in events:
    running += 1 if kind == "start" else -1
    peak = max(peak, running)
print("peak:", peak, "requests:", len(events) // 2)
