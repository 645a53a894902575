from multiprocessing import Process, Queue
import time


def producer(q):
    for i in range(5):
        q.put(f"item_{i}")
        time.sleep(0.05)
    q.put(None)


def consumer(q):
    while True:
        item = q.get()
        if item is None:
            break
        print(f"Got: {item}")
    print("consumer done")


if __name__ == "__main__":
    q = Queue()
    p = Process(target=producer, args=(q,))
    c = Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
    print("both finished:", p.exitcode, c.exitcode)
