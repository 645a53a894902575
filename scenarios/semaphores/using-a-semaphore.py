import threading
import time

semaphore = threading.Semaphore(2)

def access_resource(name):
    with semaphore:
        print(f"{name} accessing resource")
        time.sleep(1)
        print(f"{name} leaving resource")

threads = [
    threading.Thread(target=access_resource, args=(f"Thread-{i}",))
    for i in range(4)
]

for t in threads:
    t.start()

for t in threads:
    t.join()
