# 4) Naming threads (helps debugging)

import threading
import time

def task():
    print("Running in:", threading.current_thread().name)
    time.sleep(0.5)

t = threading.Thread(target=task, name="Worker-1")
t.start()
t.join()

# OUTPUT:
# Running in: Worker-1
