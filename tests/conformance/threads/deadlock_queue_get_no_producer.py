import threading, queue
q = queue.Queue()
def c():
    print(q.get())
t = threading.Thread(target=c)
t.start()
t.join()
