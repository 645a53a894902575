inventory = {"apples": 5, "pears": 0, "plums": 12}
inventory.update(pears=3, kiwis=7)
print(inventory)
print({k: v for k, v in sorted(inventory.items(), key=lambda kv: kv[1], reverse=True)})
low = {name for name, n in inventory.items() if n < 6}
print(sorted(low), len(low), "kiwis" in low)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(sorted({x * x % 7 for x in range(20)}))
d = dict(zip("abc", range(3)))
print(d, list(d), d.pop("b"), d, dict.fromkeys("xy", 0))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get))
