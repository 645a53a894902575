import threading
import time

class Counter:
    def __init__(self, limit: int, name: str):
        self.limit = limit
        self.name = name

    def run(self) -> None:
        for i in range(self.limit):
            time.sleep(0.5)
            print(f"{self.name} - {i + 1}")

lock = threading.Lock()

def task1() -> None:
    lock.acquire()
    try:
        counter = Counter(5, "Thread 1")
        counter.run()
    finally:
        lock.release()

def task2() -> None:
    lock.acquire()
    try:
        counter = Counter(5, "Thread 2")
        counter.run()
    finally:
        lock.release()

def task3() -> None:
    lock.acquire()
    try:
        counter = Counter(5, "Thread 3")
        counter.run()
    finally:
        lock.release()

def main() -> None:
    thread1 = threading.Thread(target=task1)
    thread2 = threading.Thread(target=task2)
    thread3 = threading.Thread(target=task3)

    thread1.start()
    thread2.start()
    thread3.start()

    thread1.join()
    thread2.join()
    thread3.join()

if __name__ == "__main__":
    main()
