import threading
import time

lock_a = threading.Lock()
lock_b = threading.Lock()

def task_one():
    with lock_a:
        time.sleep(1)
        with lock_b:
            print("Task one complete")

def task_two():
    with lock_b:
        time.sleep(1)
        with lock_a:
            print("Task two complete")

# (added) a driver: run both tasks in threads
t1 = threading.Thread(target=task_one)
t2 = threading.Thread(target=task_two)
t1.start()
t2.start()
t1.join()
t2.join()
