# Core Thread Concepts
# start() vs join()
# start() begins the thread’s work.
# join() makes the main program wait until the thread completes.

import threading
import time

def task():
    print("Worker: starting")
    time.sleep(1)
    print("Worker: done")

t = threading.Thread(target=task)

print("Main: before start")
t.start()
print("Main: after start (worker may still be running)")
t.join()
print("Main: after join (worker must be finished now)")

# OUTPUT (order may slightly vary, but join guarantees final order):
# Main: before start
# Worker: starting
# Main: after start (worker may still be running)
# Worker: done
# Main: after join (worker must be finished now)
