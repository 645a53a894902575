import threading, time
def slow():
    time.sleep(2)
    print("slow done")
t = threading.Thread(target=slow)
t.start()
t.join(timeout=0.5)
print("alive after 0.5s?", t.is_alive())
t.join()
print("alive after join?", t.is_alive())
