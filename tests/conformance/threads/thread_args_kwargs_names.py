import threading
import time

# Thread(target=, args=, kwargs=, name=), default names, current_thread().name.
def worker(label, delay, repeat=1, suffix=""):
    time.sleep(delay)
    me = threading.current_thread().name
    for i in range(repeat):
        print(f"{me}: {label} #{i + 1}{suffix}")


print("main is", threading.current_thread().name)
a = threading.Thread(target=worker, args=("positional", 0.2))
b = threading.Thread(target=worker, args=("mixed", 0.5), kwargs={"repeat": 2})
c = threading.Thread(target=worker, kwargs={"label": "keywords", "delay": 0.8, "suffix": "!"}, name="custom")
d = threading.Thread(target=worker, args=("late", 1.1, 1, "?"))
print(a.name, "|", b.name, "|", c.name, "|", d.name)
a.start()
b.start()
c.start()
d.start()
a.join()
b.join()
c.join()
d.join()
print("main is still", threading.current_thread().name)
