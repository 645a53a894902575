# 10) Semaphore (limit how many threads can run a section)
# Useful when you want “max N threads doing this at once”.

import threading
import time

sem = threading.Semaphore(2)  # allow only 2 threads at a time

def limited_work(i):
    with sem:
        print("Start:", i)
        time.sleep(1)
        print("End:", i)

threads = [threading.Thread(target=limited_work, args=(i,)) for i in range(4)]
for t in threads: t.start()
for t in threads: t.join()

# OUTPUT (pattern: only 2 starts appear before 2 ends):
# Start: 0
# Start: 1
# End: 0
# End: 1
# Start: 2
# Start: 3
# End: 2
# End: 3
