import threading, time
def all_arrived():
    print("everyone is here")
b = threading.Barrier(3, action=all_arrived)
def hiker(name, delay):
    time.sleep(delay)
    print(name, "arrived")
    b.wait()
    time.sleep(delay)
    print(name, "continues")
hs = [threading.Thread(target=hiker, args=(n, d)) for n, d in (("ann", 0.1), ("bob", 0.5), ("cy", 0.3))]
for h in hs: h.start()
for h in hs: h.join()
print("parties", b.parties, "broken", b.broken)
