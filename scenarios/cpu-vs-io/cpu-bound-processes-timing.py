import multiprocessing
import time

def cpu_task():
    count = 0
    for _ in range(10_000_000):
        count += 1

if __name__ == "__main__":
    start = time.time()

    processes = [
        multiprocessing.Process(target=cpu_task),
        multiprocessing.Process(target=cpu_task)
    ]

    for p in processes:
        p.start()

    for p in processes:
        p.join()

    print("Time taken:", time.time() - start)
