d = {"a": 1, "b": 2}
print(d.keys(), d.values(), d.items())
print(list(d.keys()), len(d.keys()), "a" in d.keys())
for k, v in d.items():
    print(k, v)
print(d.get("z", 0), d.pop("a"), d, d.setdefault("c", []), d)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20), [fib(i) for i in range(10)])
import math
print(math.sqrt(16), math.pi, math.floor(-2.5), math.ceil(2.1), math.gcd(12, 18), math.factorial(20))
nums = [5, 3, 8, 1]
nums.sort()
print(nums, nums[-1], nums[1:3], nums[::2], nums.index(8), nums.count(3))
nums[1:3] = [30, 80, 90]
print(nums, len(nums))
del nums[0]
print(nums, nums.pop(), nums)
words = ["banana", "Apple", "cherry"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True), max(words, key=len))
t = (1, 2, 3)
print(t, t[0], len(t), t + (4,), t.index(2))
s = set([1, 2, 3])
s.add(4); s.discard(1)
print(s, s | {9}, s & {2, 3}, s - {2}, 3 in s, len(s), sorted(s))
print(str(None), str(True), repr("it's"), repr('say "hi"'), repr("a\nb"), [None, True, 1.5, "x"])
print("a,b,,c".split(","), "  pad  ".strip(), "x=1".partition("="), "abc".upper().lower(), "Hello World".title())
print("%5.1f|%-5d|%05d|%x|%s" % (3.14159, 42, 42, 255, [1]), "%(a)s-%(b)s" % {"a": 1, "b": 2})
print("{:<10}|{:^10}|{:>10}".format("l", "c", "r"), "{0}{1}{0}".format("a", "b"), "{:.2e}".format(12345.678))
print(f"{'nested ' + str(1)!r:>15}", f"{10:b} {10:o} {10:#o} {-10:x}", f"{1_000_000.5:_.1f}", f"{0.000123:g} {123456789.0:g}")
x = 5
print(f"{x=} {x*2=} {x!r:>4}")
print(int("ff", 16), int("0b101", 0) if False else 5, hex(255), bin(5), oct(8), abs(-2.5), round(0.1 + 0.2, 10))
