import threading

# UNSAFE — race condition
balance = 0

def deposit():
    global balance
    for _ in range(100_000):
        balance += 1  # read-modify-write is NOT atomic

def withdraw():
    global balance
    for _ in range(100_000):
        balance -= 1

# After running both, balance should be 0 but often is not.

# (added) a driver: run both in threads, then print the balance
t1 = threading.Thread(target=deposit)
t2 = threading.Thread(target=withdraw)
t1.start(); t2.start()
t1.join(); t2.join()
print("balance:", balance)
