import threading

def task(name):
    print(f"Task {name} running")

t = threading.Thread(target=task, args=("A",))
t.start()
t.join()
