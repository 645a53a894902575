import threading
import time

lock_a = threading.Lock()
lock_b = threading.Lock()

def worker_one():
    with lock_a:
        time.sleep(0.1)
        with lock_b:
            print("one done")

def worker_two():
    with lock_b:
        time.sleep(0.1)
        with lock_a:
            print("two done")

t1 = threading.Thread(target=worker_one)
t2 = threading.Thread(target=worker_two)
t1.start(); t2.start()
t1.join(); t2.join()
