# Producer/consumer with a bounded queue: Queue(maxsize=2) holds at most two items. The
# producer is fast and the consumer slow, so the queue fills up and put() blocks: the producer
# is held back to the consumer's pace (backpressure) instead of piling up work in memory.
import queue
import threading
import time

q = queue.Queue(maxsize=2)

def producer():
    for i in range(6):
        q.put(i)                     # blocks while the queue is full
        print(f"producer: put item {i}")
    q.put(None)                      # sentinel: no more items
    print("producer: done")

def consumer():
    while True:
        item = q.get()               # blocks while the queue is empty
        if item is None:
            break
        time.sleep(0.3)              # slow work on the item
        print(f"consumer: finished item {item} ({q.qsize()} waiting in the queue)")
    print("consumer: done")

p = threading.Thread(target=producer)
c = threading.Thread(target=consumer)
p.start()
c.start()
p.join()
c.join()
