import threading, time
def ring(msg):
    print("ring:", msg)
t1 = threading.Timer(0.3, ring, args=("first",))
t2 = threading.Timer(0.6, ring, kwargs={"msg": "cancelled"})
t1.start(); t2.start()
time.sleep(0.4)
t2.cancel()
t1.join(); t2.join()
print("done")
