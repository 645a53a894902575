import threading, time
buf = []
cap = 2
cond = threading.Condition()
def producer():
    for i in range(6):
        with cond:
            while len(buf) >= cap:
                cond.wait()
            buf.append(i)
            print("put", i, buf)
            cond.notify_all()
def consumer():
    got = []
    for _ in range(6):
        with cond:
            while not buf:
                cond.wait()
            got.append(buf.pop(0))
            cond.notify_all()
        time.sleep(0.05)
    print("consumer got", got)
c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start(); p.start()
p.join(); c.join()
