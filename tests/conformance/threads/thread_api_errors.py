import threading, queue
t = threading.Thread(target=lambda: None)
try:
    t.join()
except RuntimeError as e:
    print("join:", e)
t.start(); t.join()
try:
    t.daemon = True
except RuntimeError as e:
    print("daemon:", e)
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("semaphore:", e)
q = queue.Queue()
try:
    q.task_done()
except ValueError as e:
    print("task_done:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("self join:", e)
b = threading.Barrier(2, timeout=0.2)
try:
    b.wait()
except threading.BrokenBarrierError:
    print("barrier broken:", b.broken)
