import threading

lock = threading.Lock()
balance = 0

def deposit():
    global balance
    for _ in range(100_000):
        with lock:
            balance += 1

def withdraw():
    global balance
    for _ in range(100_000):
        with lock:
            balance -= 1

# (added) a driver: run both in threads, then print the balance
t1 = threading.Thread(target=deposit)
t2 = threading.Thread(target=withdraw)
t1.start(); t2.start()
t1.join(); t2.join()
print("balance:", balance)
