import threading

event = threading.Event()

def waiter():
    print("Waiting for signal...")
    event.wait()              # Blocks until event is set
    print("Signal received! Proceeding...")

def setter():
    import time
    time.sleep(2)
    print("Setting signal!")
    event.set()               # Unblocks all waiters

threading.Thread(target=waiter).start()
threading.Thread(target=setter).start()
