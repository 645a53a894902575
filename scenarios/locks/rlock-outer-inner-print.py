import threading

rlock = threading.RLock()

def outer():
    with rlock:          # Acquire
        print("outer")
        inner()          # Can acquire AGAIN (same thread)

def inner():
    with rlock:          # Re-acquire (OK with RLock, deadlock with Lock!)
        print("inner")

outer()  # (added) call it
