import threading
import time

lock_a = threading.Lock()
lock_b = threading.Lock()

def safe_task():
    with lock_a:
        time.sleep(0.5)
        with lock_b:
            print("Safe task completed")

t1 = threading.Thread(target=safe_task)
t2 = threading.Thread(target=safe_task)

t1.start()
t2.start()

t1.join()
t2.join()
