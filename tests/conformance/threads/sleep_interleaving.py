import threading
import time

# Three workers with distinct periods; no two prints from different threads are due within
# 0.3 s of each other (A: 0.4 0.8, B: 1.1 2.2, C: 1.5).
def worker(name: str, period: float, steps: int) -> None:
    for step in range(1, steps + 1):
        time.sleep(period)
        print(f"{name} step {step} at ~{period * step:.1f}s")
    print(f"{name} done")


t1 = threading.Thread(target=worker, args=("A", 0.4, 2))
t2 = threading.Thread(target=worker, args=("B", 1.1, 2))
t3 = threading.Thread(target=worker, args=("C", 1.5, 1))
t1.start()
t2.start()
t3.start()
print("all started")
t1.join()
print("A joined")
t2.join()
print("B joined")
t3.join()
print("C joined")
