def deco(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        return fn(*args, **kwargs)
    return wrapper

@deco
def add(a, b=2, *rest, scale=1, **extra):
    return (a + b + sum(rest)) * scale

print(add(1))
print(add(1, 2, 3, 4, scale=2, tag="x"))
fs = [lambda: i for i in range(3)]
gs = [lambda i=i: i for i in range(3)]
print([f() for f in fs], [g() for g in gs])
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter(); c(); print(c())
x = 10
def g():
    global x
    x += 5
g(); print(x)
a, *b, c = [1, 2, 3, 4, 5]
print(a, b, c)
first, (second, third) = 1, (2, 3)
print(first, second, third)
print(*[1, 2, 3], sep="-")
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d.items()), sorted(d, key=lambda k: -d[k]))
print({k: v * 2 for k, v in d.items() if v > 1}, {x % 3 for x in range(10)})
s = "Hello, World"
print(s.lower(), s.upper(), s.split(", "), s[::-1], s[1:5], s.find("o"), s.replace("l", "L", 2))
print(" ".join(["a", "b"]), "x".center(7, "*"), "42".zfill(5), s.startswith(("He", "x")))
print("%s is %d years and %.2f%%" % ("Bob", 30, 12.345), "{} {:>5} {name!r}".format(1, "ab", name="z"))
print(f"{3.14159:.3f} {1234567:,} {0.5:.1%} {255:#x} {42:08.2f} {'hi':^6}|{-3:+d} {1e-7} {1e22} {123.456:e}")
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1234, -2), 7 // 2, -7 // 2, 7 % -3, 2 ** -1)
print(10 ** 30, 2 ** 64 - 1, -(2 ** 63), (2 ** 64) // 3, 12345678901234567890 * 98765432109876543210)
print(1 / 3, 2 / 3, 0.1 * 3, 1e16, 1.5e-5, float("inf"), -0.0, 3.0, 100.0 / 3)
print(int("42"), int(3.9), int(-3.9), float("1.5"), str(1.0), bool([]), bool("x"), abs(-5), max(3, 7, 1), min([4, 2, 8]))
print(list(zip("abc", range(3))), list(enumerate("xy", 1)), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
print(any([0, 0, 1]), all([]), sum([0.1] * 10), divmod(17, 5), pow(2, 10, 1000), chr(65), ord("a"))
if (n := len(s)) > 5:
    print("long", n)
for i in range(3):
    if i == 1:
        continue
    print("i", i)
else:
    print("loop done")
while True:
    break
else:
    print("never")
print(isinstance(True, int), isinstance(3, (str, float)), type(3).__name__, type("x"), type(None))
print([1, 2] + [3], (1,) * 3, [[0] * 2] * 2, "ab" * 3, 3 in [1, 2, 3], "b" in "abc", [] == [], (1, 2) < (1, 3))
