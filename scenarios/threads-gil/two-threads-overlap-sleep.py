# Same thing with threads (multithreading)

import threading
import time

def task():
    print("Task started")
    time.sleep(2)   # waiting work (I/O-like)
    print("Task finished")

start = time.time()

t1 = threading.Thread(target=task)  # create thread 1 (it will run task)
t2 = threading.Thread(target=task)  # create thread 2

t1.start()  # start thread 1
t2.start()  # start thread 2

t1.join()   # wait until thread 1 finishes
t2.join()   # wait until thread 2 finishes

end = time.time()
print("Time taken:", round(end - start, 1))

# OUTPUT (approx, order can vary):
# Task started
# Task started
# Task finished
# Task finished
# Time taken: ~2.0
