# Normal program (single-thread)

import time

def task():
    print("Task started")
    time.sleep(2)  # Pretend we are waiting for I/O
    print("Task finished")

start = time.time()
task()
task()
end = time.time()

print("Time taken:", round(end - start, 1))
# OUTPUT (approx):
# Task started
# Task finished
# Task started
# Task finished
# Time taken: ~4.0
