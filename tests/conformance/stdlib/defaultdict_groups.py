# defaultdict groups results produced by a thread pool.
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor


def classify(n):
    kind = "even" if n % 2 == 0 else "odd"
    return kind, n * n


groups = defaultdict(list)
with ThreadPoolExecutor(max_workers=3) as pool:
    for kind, square in pool.map(classify, range(7)):
        groups[kind].append(square)
print(groups)
print(dict(groups), sorted(groups.items()), len(groups), "odd" in groups)
counts = defaultdict(int)
for word in "a b a c b a".split():
    counts[word] += 1
print(counts, counts["zzz"], counts)
for k in counts:
    print(k, counts[k])
print(isinstance(counts, dict), type(counts).__name__, counts.default_factory)
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
print(nested["x"]["y"], list(nested), nested.get("q"))
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError", e)
print(plain, counts.copy() == counts)
