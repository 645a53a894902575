import threading

event = threading.Event()

def waiter():
    print("Waiting for event...")
    event.wait()
    print("Event received!")

def setter():
    import time
    time.sleep(1)
    event.set()

threading.Thread(target=waiter).start()
threading.Thread(target=setter).start()
