# An LRU cache on OrderedDict, shared by threads under a lock.
import threading
import time
from collections import OrderedDict


class LRU:
    def __init__(self, size):
        self.size = size
        self.data = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key not in self.data:
                return None
            self.data.move_to_end(key)
            return self.data[key]

    def put(self, key, value):
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            if len(self.data) > self.size:
                old, _ = self.data.popitem(last=False)
                print("evicted", old)


cache = LRU(2)


def user(name, keys, delay):
    for k in keys:
        time.sleep(delay)
        if cache.get(k) is None:
            cache.put(k, k.upper())
            print(name, "miss", k)
        else:
            print(name, "hit", k)


a = threading.Thread(target=user, args=("A", ["x", "y", "x"], 0.1))
b = threading.Thread(target=user, args=("B", ["y", "z"], 0.25))
a.start(); b.start(); a.join(); b.join()
print(cache.data, list(cache.data.items()))
od = OrderedDict(a=1, b=2)
od.move_to_end("a", last=False)
print(od, od == OrderedDict(a=1, b=2), od == {"b": 2, "a": 1}, OrderedDict())
