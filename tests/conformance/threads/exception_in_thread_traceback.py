import threading
import time


class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__(name=f"worker-{n}")
        self.n = n

    def run(self):
        time.sleep(0.01 * self.n)
        if self.n == 2:
            raise RuntimeError(f"worker {self.n} failed")
        print(f"{self.name} ok")


def crash(values):
    return values[10]


workers = [Worker(n) for n in range(1, 4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
t = threading.Thread(target=crash, args=([1, 2, 3],))
t.start()
t.join()
print("main continues after", threading.active_count(), "thread(s)")
