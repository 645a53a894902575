# 6) Race condition example

import threading

counter = 0

def increment():
    global counter
    for _ in range(100_000):
        counter += 1  # not an atomic operation in Python

t1 = threading.Thread(target=increment)
t2 = threading.Thread(target=increment)

t1.start(); t2.start()
t1.join();  t2.join()

print("Counter:", counter)
# OUTPUT: Often NOT 200000 (may be less due to race condition)
