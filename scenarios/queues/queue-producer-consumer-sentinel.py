# 11) Queue (best for producer-consumer patterns)
# Queue is thread-safe and the cleanest way to pass work/results.

import threading
from queue import Queue

q = Queue()

def producer():
    for item in ["A", "B", "C"]:
        q.put(item)                 # add work
        print("Produced:", item)
    q.put(None)                     # special marker to stop consumer

def consumer():
    while True:
        item = q.get()              # take work (waits if empty)
        if item is None:
            print("Consumer: stopping")
            break
        print("Consumed:", item)

t1 = threading.Thread(target=producer)
t2 = threading.Thread(target=consumer)

t1.start(); t2.start()
t1.join();  t2.join()

# OUTPUT:
# Produced: A
# Produced: B
# Produced: C
# Consumed: A
# Consumed: B
# Consumed: C
# Consumer: stopping
