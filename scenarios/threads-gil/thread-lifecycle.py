import threading
import time

def worker():
    print("Worker started")
    time.sleep(2)
    print("Worker finished")

t = threading.Thread(target=worker, name="Worker-1")
print("Thread created")

t.start()
print("Thread started")

t.join()
print("Thread joined, program exiting")
