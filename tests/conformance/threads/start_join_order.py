import threading, time
def worker():
    print("Worker: starting")
    time.sleep(0.5)
    print("Worker: done")
print("Main: before start")
t = threading.Thread(target=worker)
t.start()
time.sleep(0.1)
print("Main: after start (worker may still be running)")
t.join()
print("Main: after join (worker must be finished now)")
