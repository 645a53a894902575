import threading

def worker(name):
    print(f"Thread {name} running")

t = threading.Thread(target=worker, args=("A",))
t.start()
t.join()  # Wait for thread to finish
