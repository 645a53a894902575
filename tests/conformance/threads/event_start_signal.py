import threading, time
start = threading.Event()
def runner(name, delay):
    start.wait()
    time.sleep(delay)
    print(f"{name} finished after {delay}s")
rs = [threading.Thread(target=runner, args=(f"runner-{i}", 0.3 * (3 - i))) for i in range(3)]
for r in rs: r.start()
print("ready... set... go!")
start.set()
for r in rs: r.join()
print("race over", start.is_set())
