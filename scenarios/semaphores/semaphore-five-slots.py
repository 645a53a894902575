import threading
import time

# Create a semaphore with 5 slots
sem = threading.Semaphore(5)

def process_something(thread_id: int) -> None:
    sem.acquire()  # Acquire the semaphore
    try:
        print(f"Thread {thread_id} is running")
        time.sleep(5)  # Simulate some work
        print(f"Thread {thread_id} is now finished")
    finally:
        sem.release()  # Release the semaphore

if __name__ == "__main__":
    # Create and start 10 threads
    threads = []
    for i in range(10):
        thread = threading.Thread(
            target=process_something,
            kwargs={'thread_id': i + 1}
        )
        thread.start()
        threads.append(thread)
        time.sleep(0.5)  # Add a small delay between thread starts

    # Wait for all threads to complete
    for thread in threads:
        thread.join()
