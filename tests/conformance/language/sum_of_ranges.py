# sum() over ranges and range iterators: every direction and step, empty ranges, starts that
# overflow 64 bits, a partly consumed iterator (left exhausted), a float start.
cases = [(0,), (10,), (1_000_000,), (5, 50, 7), (50, 5, -7), (5, 5), (10, 0), (-20, 20, 3), (0, 10, -1), (2**62, 2**62 + 10), (2**20,), (-(2**20), 0), (3, 4, 10), (100, -100, -1)]
for c in cases:
    r = range(*c)
    print(c, sum(r), sum(r, 7), sum(iter(r)), sum(r, 2**63))
it = iter(range(10))
next(it)
next(it)
print(sum(it), list(it), sum(it))
print(sum(range(2**62, 2**62 + 4)))
print(sum(range(10), 0.5))
