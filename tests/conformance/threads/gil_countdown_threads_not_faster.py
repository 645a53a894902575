import time
import threading

def countdown(n):
    while n > 0:
        n -= 1

N = 2_000_000
start = time.perf_counter()
countdown(N)
seq = time.perf_counter() - start

start = time.perf_counter()
t1 = threading.Thread(target=countdown, args=(N // 2,))
t2 = threading.Thread(target=countdown, args=(N // 2,))
t1.start(); t2.start(); t1.join(); t2.join()
par = time.perf_counter() - start
print(f"threads not faster: {par > seq * 0.8}")
print(f"switch interval: {__import__('sys').getswitchinterval()}")
