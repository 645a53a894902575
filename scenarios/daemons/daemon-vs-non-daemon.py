import threading
import time

def background_task():
    while True:
        print("Running in background")
        time.sleep(1)

t = threading.Thread(target=background_task, daemon=True)
t.start()
