import threading, queue, time
counter = 0
lock = threading.Lock()
def safe_inc():
    global counter
    for _ in range(100_000):
        with lock:
            counter += 1

threads=[threading.Thread(target=safe_inc) for _ in range(2)]
for t in threads:t.start()
for t in threads:t.join()
print('counter', counter)

# queue demo
q = queue.Queue()
def producer():
    for i in range(3): q.put(i)
    q.put(None)  # poison pill
def consumer():
    while (item := q.get()) is not None:
        print('got', item); q.task_done()
threading.Thread(target=producer).start()
threading.Thread(target=consumer).start()
