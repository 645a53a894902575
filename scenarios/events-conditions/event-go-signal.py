# 9) Event (one thread signals another)
# Use Event when one thread should wait until another thread signals “go”.

import threading
import time

ready = threading.Event()

def worker():
    print("Worker: waiting for signal")
    ready.wait()  # blocks until event is set
    print("Worker: got signal, starting work")

t = threading.Thread(target=worker)
t.start()

time.sleep(1)
print("Main: sending signal")
ready.set()

t.join()

# OUTPUT:
# Worker: waiting for signal
# Main: sending signal
# Worker: got signal, starting work
