import threading
import time

def download(url, delay):
    print(f"Downloading {url}...")
    time.sleep(delay)    # Simulating I/O wait
    print(f"Done: {url}")

# ---- Create and start threads ----
t1 = threading.Thread(target=download, args=("page1.html", 2))
t2 = threading.Thread(target=download, args=("page2.html", 3))
t3 = threading.Thread(target=download, args=("page3.html", 1))

start = time.time()
t1.start()    # Start thread (non-blocking)
t2.start()
t3.start()

t1.join()     # Wait for t1 to finish
t2.join()     # Wait for t2 to finish
t3.join()     # Wait for t3 to finish

print(f"Total: {time.time() - start:.1f}s")
# ~3s (parallel) instead of ~6s (sequential)!

# ---- Daemon threads (die when main program exits) ----
t = threading.Thread(target=download, args=("bg.html", 10), daemon=True)
t.start()
# If main exits, daemon thread is killed immediately
