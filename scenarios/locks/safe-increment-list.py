import threading

lock = threading.Lock()

def safe_increment(counter_list):
    with lock:
        counter_list[0] += 1

# (added) a driver: four threads call safe_increment 1,000 times each
counter = [0]

def work():
    for _ in range(1000):
        safe_increment(counter)

threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter[0])
