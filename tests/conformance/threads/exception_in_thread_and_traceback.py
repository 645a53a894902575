import threading
def worker():
    print("worker start")
    raise RuntimeError("boom in thread")
t = threading.Thread(target=worker)
t.start(); t.join()
print("main still runs")
def a(): b()
def b(): c()
def c(): raise KeyError("k")
a()
