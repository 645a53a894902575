import threading
import time

balance = 100
ready = threading.Barrier(2)


def withdraw(amount):
    global balance
    ready.wait()
    seen = balance  # read the balance
    time.sleep(0)  # a call: CPython may switch threads here
    balance = seen - amount  # write back what was computed from the read


alice = threading.Thread(target=withdraw, args=(30,), name="Alice")
bob = threading.Thread(target=withdraw, args=(50,), name="Bob")
alice.start()
bob.start()
alice.join()
bob.join()
print("balance =", balance)
