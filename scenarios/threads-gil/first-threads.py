import threading
import time

def process_data(name: str, count: int):
    """Process data in a loop and sleep for 1 second between iterations."""
    print(f"Starting {name}")
    for i in range(count):
        print(f"{name} {i + 1}:")
        time.sleep(1)

# Create threads
thread1 = threading.Thread(target=process_data, kwargs={'name': 'Thread-1', 'count': 10})
thread2 = threading.Thread(target=process_data, kwargs={'name': 'Thread-2', 'count': 5})

# Start threads
thread1.start()
time.sleep(3)  # Wait for 3 seconds before starting the second thread
thread2.start()

# Wait for both threads to finish
thread1.join()
thread2.join()
