import threading

def task():
    current = threading.current_thread()
    print(current.name, current.ident)

t = threading.Thread(target=task)
t.start()
t.join()
