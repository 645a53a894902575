import threading, time
ev = threading.Event()
def waiter(timeout):
    got = ev.wait(timeout)
    print(f"waiter({timeout}) got event: {got}")
a = threading.Thread(target=waiter, args=(0.2,))
b = threading.Thread(target=waiter, args=(1.0,))
a.start(); b.start()
time.sleep(0.5)
ev.set()
a.join(); b.join()
ev.clear()
print("after clear:", ev.is_set())
