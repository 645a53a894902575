import threading
import multiprocessing
import time

def cpu_task():
    total = 0
    for _ in range(10_000_000):
        total += 1

def run_threads():
    threads = [threading.Thread(target=cpu_task) for _ in range(2)]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("Threads time:", time.time() - start)

def run_processes():
    processes = [multiprocessing.Process(target=cpu_task) for _ in range(2)]
    start = time.time()
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print("Processes time:", time.time() - start)

if __name__ == "__main__":
    run_threads()
    run_processes()
