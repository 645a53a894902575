import threading

# DEADLOCK — Thread A holds lock1, waits for lock2
#            Thread B holds lock2, waits for lock1
lock1 = threading.Lock()
lock2 = threading.Lock()

def task_a():
    with lock1:
        with lock2:  # Waits forever if task_b holds lock2
            pass

def task_b():
    with lock2:
        with lock1:  # Waits forever if task_a holds lock1
            pass

# (added) a driver: run both tasks in threads
a = threading.Thread(target=task_a)
b = threading.Thread(target=task_b)
a.start(); b.start()
a.join(); b.join()
print("both tasks finished")
