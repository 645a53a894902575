import threading
import time
import itertools

counter = itertools.count(1)
ids = []
def grab():
    for _ in range(3):
        ids.append(next(counter))
        time.sleep(0.001)
ts = [threading.Thread(target=grab) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(ids))
from functools import partial, reduce, wraps
def timed(fn):
    @wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper
@timed
def add(a, b=2):
    return a + b
print(add.__name__, add(1), partial(add, b=10)(5), reduce(lambda x, y: x * y, range(1, 6)))
print(list(itertools.islice(itertools.cycle("ab"), 5)), list(itertools.chain([1], [2, 3])))
print(list(itertools.product("ab", repeat=2)), list(itertools.combinations(range(4), 2))[:3])
