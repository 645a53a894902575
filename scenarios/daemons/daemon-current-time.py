import threading
import time

start = time.time()  # (adapted) seconds since start instead of the absolute clock

def infinite_loop():
    while True:
        print(f"Current time: {time.time() - start:.1f}")
        time.sleep(1)

# Create a daemon thread
thread = threading.Thread(target=infinite_loop, daemon=True)
thread.start()

# Main thread check
if __name__ == "__main__":
    print("Main thread is done")
