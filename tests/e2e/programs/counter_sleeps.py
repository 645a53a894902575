import threading
import time

counter = 0


def work(n):
    global counter
    for i in range(n):
        counter += 1
        time.sleep(0.01)


t = threading.Thread(target=work, args=(5,), name="worker")
t.start()
t.join()
print(counter)
