# def: positional and keyword arguments, defaults, annotations, docstrings, return.
def greet(name: str, greeting: str = "Hello", punctuation: str = "!") -> str:
    """Build a greeting."""
    return greeting + ", " + name + punctuation


def area(width: float, height: float) -> float:
    """Area of a rectangle.

    A multi-line docstring is just the first statement of the body.
    """
    return width * height


def nothing():
    """Returns None implicitly."""


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def describe(a, b=2, c=3):
    print(f"a={a} b={b} c={c}")


print(greet("Ada"))
print(greet("Grace", "Hi"))
print(greet("Linus", punctuation="?"))
print(greet(greeting="Welcome", name="Guido"))
print(area(3, 4.5), area(width=2, height=5))
print(nothing())
print(fib(15))
describe(1)
describe(1, 5)
describe(1, c=9)
describe(c=0, a=7, b=8)


def counter(limit):
    i = 0
    result = 0
    while i < limit:
        result = result + i * i
        i = i + 1
    return result


print(counter(10), counter(0))
