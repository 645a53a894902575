def f(x):
    print("f", x)
    return x * 2
for y in map(f, [1, 2, 3]):
    print("got", y)
print(list(zip(range(3), (c for c in "abc"))))
for i, v in enumerate((x * x for x in range(3)), 1):
    print(i, v)
print(list(filter(lambda v: v % 2, range(7))))
print(list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
try:
    list(zip([1, 2], (x for x in [1]), strict=True))
except ValueError as e:
    print(e)
m = map(lambda a, b: a + b, [1, 2, 3], [10, 20])
print(next(m), list(m))
