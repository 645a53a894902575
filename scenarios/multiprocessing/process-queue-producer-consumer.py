from multiprocessing import Process, Value, Array, Queue

# ---- Shared Value ----
counter = Value('i', 0)    # 'i' = integer, initial 0

def increment(shared_counter, n):
    for _ in range(n):
        with shared_counter.get_lock():
            shared_counter.value += 1

# ---- Queue (message passing ‚Äî PREFERRED!) ----
def producer(q):
    for i in range(5):
        q.put(f"item_{i}")
    q.put(None)    # Sentinel: signal done

def consumer(q):
    while True:
        item = q.get()
        if item is None:
            break
        print(f"Got: {item}")

if __name__ == "__main__":
    q = Queue()
    p = Process(target=producer, args=(q,))
    c = Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
