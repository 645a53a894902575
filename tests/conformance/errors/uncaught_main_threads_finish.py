import threading, time
def worker():
    time.sleep(0.3)
    print("worker still finishes")
threading.Thread(target=worker).start()
print("main about to fail")
raise RuntimeError("main failed")
