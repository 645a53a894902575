import threading

# WRONG — race condition
shared = []
def append_item(item):
    shared.append(item)  # list.append is thread-safe in CPython, but
                          # read-modify-write patterns are NOT

# CORRECT — use a lock for compound operations
lock = threading.Lock()
def safe_update(item):
    with lock:
        if item not in shared:
            shared.append(item)

# (added) a driver: three threads add the same five items
def worker():
    for item in ["a", "b", "c", "d", "e"]:
        safe_update(item)

threads = [threading.Thread(target=worker) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(shared)
