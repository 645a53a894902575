import threading, time
lock_a = threading.Lock()
lock_b = threading.Lock()

def task_a():
    with lock_a:
        time.sleep(0.1)
        with lock_b:
            print("a got both")

def task_b():
    with lock_b:
        time.sleep(0.1)
        with lock_a:
            print("b got both")

t1 = threading.Thread(target=task_a)
t2 = threading.Thread(target=task_b)
t1.start(); t2.start()
t1.join(); t2.join()
