# namedtuple records built by worker threads, then sorted and reshaped.
import threading
import time
from collections import namedtuple

Result = namedtuple("Result", "worker task value")
Point = namedtuple("Point", ["x", "y"], defaults=[0])

results = []
lock = threading.Lock()


def worker(name, tasks, delay):
    for t in tasks:
        time.sleep(delay)
        with lock:
            results.append(Result(name, t, t * 10))


threads = [threading.Thread(target=worker, args=("w1", [1, 2], 0.1)),
           threading.Thread(target=worker, args=("w2", [3], 0.15))]
for t in threads:
    t.start()
for t in threads:
    t.join()
for r in sorted(results, key=lambda r: r.value):
    print(r)
r = results[0]
name, task, value = r
print(name, task, value, r[1], r[-1], len(r), r.worker)
print(r._asdict(), r._replace(value=-1), Result._fields)
p = Point(3)
print(p, Point(1, 2) == (1, 2), p + (9,), tuple(p), Point._make([5, 6]))
print(isinstance(p, tuple), type(p).__name__, {Point(1, 2): "a"}[(1, 2)])
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
try:
    Result("w", 1)
except TypeError as e:
    print(e)
try:
    p._replace(z=1)
except ValueError as e:
    print(e)
