import threading
import time

# The interpreter joins non-daemon threads at exit: the worker's last lines still appear
# after the main thread's last statement.
def background(n):
    for i in range(n):
        time.sleep(0.7)
        print("background", i)


t = threading.Thread(target=background, args=(4,))
t.start()
time.sleep(1.05)
print("main thread reaches the end")
