import threading
import queue
import time

q = queue.Queue()

def producer():
    for i in range(3):
        print(f"Producing {i}")
        q.put(i)
        time.sleep(1)
    q.put(None)

def consumer():
    while True:
        item = q.get()
        if item is None:
            break
        print(f"Consuming {item}")
        q.task_done()

t1 = threading.Thread(target=producer)
t2 = threading.Thread(target=consumer)

t1.start()
t2.start()

t1.join()
t2.join()
