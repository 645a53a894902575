class Animal:
    kind = "animal"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return f"{self.name} makes a sound"
    def __str__(self):
        return f"Animal({self.name})"
    def __repr__(self):
        return f"<Animal {self.name!r}>"

class Dog(Animal):
    kind = "dog"
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        base = super().speak()
        return base + " (woof)"

d = Dog("Rex", "lab")
print(d, repr(d), d.speak(), d.kind, Animal.kind, Animal.count, [d])
print(isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__, Dog.__mro__[1].__name__)

class Stack:
    def __init__(self):
        self.items = []
    def __len__(self):
        return len(self.items)
    def __iter__(self):
        return iter(self.items)
    def __contains__(self, x):
        return x in self.items
    def __getitem__(self, i):
        return self.items[i]
    def __eq__(self, other):
        return isinstance(other, Stack) and self.items == other.items
    def push(self, x):
        self.items.append(x)
        return self

s = Stack().push(1).push(2)
print(len(s), list(s), 2 in s, s[0], s == Stack().push(1).push(2), bool(Stack()))

class Managed:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return exc_type is KeyError

with Managed("a") as m, Managed("b"):
    print("inside", m.name)
with Managed("c"):
    raise KeyError("suppressed")
print("after")

class ValidationError(Exception):
    def __init__(self, field, msg):
        super().__init__(f"{field}: {msg}")
        self.field = field

def check(v):
    if v < 0:
        raise ValidationError("v", "negative")
    return v

for v in (1, -1):
    try:
        check(v)
    except ValidationError as e:
        print("error", e, e.field, e.args)
    else:
        print("ok", v)
    finally:
        print("checked", v)

def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("wrapped") from e
except ValueError as e:
    print(type(e.__cause__).__name__, e)

class P:
    def __init__(self):
        self._x = 0
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        self._x = v * 2
    @staticmethod
    def s():
        return "static"
    @classmethod
    def c(cls):
        return cls.__name__
p = P(); p.x = 5
print(p.x, P.s(), P.c(), p.c())

def gen():
    yield 1
    yield 2
    return
g = gen()
print(next(g), next(g), next(g, "done"), list(x * x for x in range(4)))
