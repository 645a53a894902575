import threading, time
def task(name, seconds):
    print(f"{name} started")
    time.sleep(seconds)
    print(f"{name} finished")
start = time.time()
task("A", 1); task("B", 1)
print(f"Sequential took ~{round(time.time() - start)}s")
start = time.time()
ts = [threading.Thread(target=task, args=(n, 1 + 0.5 * i)) for i, n in enumerate("CD")]
for t in ts: t.start()
for t in ts: t.join()
print(f"Threaded took ~{round(time.time() - start, 1)}s")
