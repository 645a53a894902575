import threading

semaphore = threading.Semaphore(3)  # Allow 3 concurrent threads

def limited_access(n):
    with semaphore:
        print(f"Thread {n} entered")
        import time
        time.sleep(0.1)
        print(f"Thread {n} exiting")

threads = [threading.Thread(target=limited_access, args=(i,)) for i in range(10)]
for t in threads:
    t.start()
for t in threads:
    t.join()
