import threading
import time

# Allow max 3 threads at a time
semaphore = threading.Semaphore(3)

def access_resource(thread_id):
    with semaphore:    # Only 3 threads can be here simultaneously
        print(f"Thread {thread_id} accessing resource")
        time.sleep(2)
        print(f"Thread {thread_id} done")

threads = [threading.Thread(target=access_resource, args=(i,)) for i in range(10)]
for t in threads: t.start()
# Only 3 run at once, rest wait
