import threading
import time

def task():
    time.sleep(1)

t = threading.Thread(target=task)
t.start()

print(t.is_alive())
t.join()
print(t.is_alive())
