import threading
import time

# Thread.start() waits until the new thread has started, and the new thread keeps the GIL
# until it blocks: its first line comes before anything the main thread prints afterwards.
def child():
    print("child: first line")
    time.sleep(0.4)
    print("child: after sleeping")


t = threading.Thread(target=child)
t.start()
time.sleep(0.1)
print("main: after start")
t.join()
print("main: after join")
