import threading
import time

lock = threading.Lock()

with lock:
    # Critical section code
    time.sleep(1)
