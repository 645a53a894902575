# Using Queue to collect results

import multiprocessing
import time

def cpu_task(n, out_q):
    total = 0
    for i in range(n):
        total += i
    out_q.put(total)  # send result back to main process

if __name__ == "__main__":
    start = time.time()

    q = multiprocessing.Queue()  # process-safe queue

    p1 = multiprocessing.Process(target=cpu_task, args=(100_000, q))
    p2 = multiprocessing.Process(target=cpu_task, args=(100_000, q))

    p1.start()
    p2.start()

    p1.join()
    p2.join()

    r1 = q.get()  # get result from process 1
    r2 = q.get()  # get result from process 2

    end = time.time()
    print("Two results received:", r1, r2)
    print("Time taken:", round(end - start))
