import threading

def task():
    print("Task running")

threading.Thread(target=task).start()
print("Main thread finished")
