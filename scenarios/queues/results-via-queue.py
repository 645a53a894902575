# 3) Getting results back from threads
# Threads don’t directly “return” like a normal function call.
# Use a Queue (thread-safe) to collect results.

import threading
from queue import Queue

def square(n, out_q):
    out_q.put(n * n)  # safely store result for main thread

q = Queue()

t1 = threading.Thread(target=square, args=(3, q))
t2 = threading.Thread(target=square, args=(4, q))

t1.start(); t2.start()
t1.join();  t2.join()

print("Results:", q.get(), q.get())
# OUTPUT (order may vary):
# Results: 9 16
