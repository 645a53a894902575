# 2) Passing arguments to a thread

import threading

def greet(name):
    print("Hello", name)

t = threading.Thread(target=greet, args=("Asha",))  # args must be a tuple
t.start()
t.join()

# OUTPUT:
# Hello Asha
