import threading
import time

sem = threading.Semaphore(5)

with sem:
    # Critical section code
    time.sleep(1)
