import threading
import time

# perf_counter and time are only printed as rounded differences. Sleep lengths like 0.96 s
# leave room for the real clock's overshoot before the rounded text changes.
t0 = time.perf_counter()
w0 = time.time()
time.sleep(0.96)
print(f"{time.perf_counter() - t0:.1f}")


def worker(delay):
    time.sleep(delay)


t1 = time.perf_counter()
a = threading.Thread(target=worker, args=(1.46,))
b = threading.Thread(target=worker, args=(0.5,))
a.start()
b.start()
a.join()
b.join()
print(f"threads took {time.perf_counter() - t1:.1f} s, not the sum of their sleeps")
print(f"wall clock: {time.time() - w0:.0f} s")
elapsed = time.perf_counter() - t0
print(elapsed > 2, elapsed < 3)
