import threading
import time

event = threading.Event()

def wait_for_event():
    print("Waiting for event")
    event.wait()
    print("Event received")

def trigger_event():
    time.sleep(2)
    event.set()

threading.Thread(target=wait_for_event).start()
threading.Thread(target=trigger_event).start()
