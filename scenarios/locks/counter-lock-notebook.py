# 7) Fix using Lock

import threading

counter = 0
lock = threading.Lock()

def increment():
    global counter
    for _ in range(100_000):
        with lock:          # only one thread can enter this block at a time
            counter += 1

t1 = threading.Thread(target=increment)
t2 = threading.Thread(target=increment)

t1.start(); t2.start()
t1.join();  t2.join()

print("Counter:", counter)
# OUTPUT: Counter: 200000

# Locks protect shared mutable state
# Always use a lock when:
# multiple threads write to shared data
# with lock: is the safest pattern

Counter: 200000


