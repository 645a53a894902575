# Word counts computed by threads in Counters and merged under a lock.
import threading
import time
from collections import Counter

texts = [
    "the quick brown fox jumps over the lazy dog",
    "the dog barks and the fox runs",
    "a quick brown dog and a lazy fox",
]
total = Counter()
lock = threading.Lock()


def count(i, text):
    local = Counter(text.split())
    time.sleep(0.1 * (3 - i))
    with lock:
        total.update(local)
    print(f"text {i}: {len(local)} distinct words, most common {local.most_common(1)}")


threads = [threading.Thread(target=count, args=(i, t)) for i, t in enumerate(texts)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(total.most_common(4))
print(total["fox"], total["cat"], total.total(), len(total))
a = Counter("aabbbc")
b = Counter("abd")
print(a + b, a - b, a | b, a & b)
print(sorted(a.elements()), isinstance(a, dict), dict(b))
a.subtract(b)
print(a, +a, -a)
c = Counter({"x": 2})
c["y"] += 3
del c["nothing"]
print(c, Counter(), c == Counter(x=2, y=3))
