import threading
import time

# Two threads join each other: neither can finish. CPython hangs forever, so the expected
# output and exit code are in deadlock_join_cycle.stdout / .expect (interleave reports a deadlock).
def wait_for_second():
    print("first: waiting for second")
    time.sleep(0.1)
    second.join()
    print("first: never printed")


def wait_for_first():
    time.sleep(0.2)
    print("second: waiting for first")
    first.join()
    print("second: never printed")


first = threading.Thread(target=wait_for_second)
second = threading.Thread(target=wait_for_first)
first.start()
second.start()
print("main: joining first")
first.join()
print("main: never printed")
