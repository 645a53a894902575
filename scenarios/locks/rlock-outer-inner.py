import threading

rlock = threading.RLock()

def outer():
    with rlock:
        inner()  # Same thread can re-acquire

def inner():
    with rlock:
        print("inner")

outer()  # (added) call it
