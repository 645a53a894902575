def risky(n):
    if n == 0:
        raise ValueError("zero")
    return 10 / n
results = []
for n in [2, 0, 5]:
    try:
        results.append(risky(n))
    except ValueError as e:
        results.append(f"error: {e}")
print(results)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    "x" + 1
except TypeError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    {}["k"]
except KeyError as e:
    print(repr(e), str(e))
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    risky()
except TypeError as e:
    print(e)
try:
    risky(1, 2)
except TypeError as e:
    print(e)
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert:", e)
class E(Exception):
    pass
try:
    raise E
except E as e:
    print("E caught", repr(e), type(e).__mro__[1].__name__)
try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise TypeError("outer")
except TypeError as e:
    print(e, "context:", repr(e.__context__))
def g():
    try:
        yield 1
    finally:
        print("gen cleanup")
for v in g():
    print("got", v)
import sys
print("to stderr", file=sys.stderr)
sys.exit(3)
