import threading
import time

def process_data(name: str, count: int):
    """Process data in a loop and sleep for 1 second between iterations."""
    print(f"Starting {name}")
    for i in range(count):
        print(f"{name} {i + 1}:")
        time.sleep(1)

# The seed's example with the second thread started at 3.5 s, half-way between
# two of Thread-1's lines, so CPython's output order is fixed.
thread1 = threading.Thread(target=process_data, kwargs={'name': 'Thread-1', 'count': 10})
thread2 = threading.Thread(target=process_data, kwargs={'name': 'Thread-2', 'count': 5})

thread1.start()
time.sleep(3.5)
thread2.start()

thread1.join()
thread2.join()
print("both threads finished")
