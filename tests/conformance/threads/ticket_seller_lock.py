import threading, time
tickets = 10
lock = threading.Lock()
sold = {}
def seller(name):
    global tickets
    while True:
        with lock:
            if tickets <= 0:
                break
            tickets -= 1
            sold[name] = sold.get(name, 0) + 1
        time.sleep(0.01)
ss = [threading.Thread(target=seller, args=(f"seller{i}",)) for i in range(3)]
for s in ss: s.start()
for s in ss: s.join()
print("left:", tickets, "total sold:", sum(sold.values()))
