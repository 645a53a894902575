async def inner(x):
    print("inner", x)
    return x * 2

async def outer():
    a = await inner(1)
    b = await inner(a)
    return a + b

c = outer()
print(type(c).__name__)
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)

def gen():
    try:
        x = yield 1
        print("got", x)
        y = yield 2
        print("got", y)
    except ValueError as e:
        print("caught", e)
        yield 99
    return "done"

def deleg():
    r = yield from gen()
    print("returned", r)
    yield r

g = deleg()
print(next(g))
print(g.send("hello"))
print(g.throw(ValueError("boom")))
print(next(g))
try:
    next(g)
except StopIteration:
    print("stop")

class Awaitable:
    def __await__(self):
        v = yield "suspend"
        return v

async def uses():
    r = await Awaitable()
    print("awaited", r)
    return r

c = uses()
print(c.send(None))
try:
    c.send(42)
except StopIteration as e:
    print("value", e.value)

class ACM:
    async def __aenter__(self):
        print("enter")
        return self
    async def __aexit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True

async def w():
    async with ACM() as a:
        print("body")
        raise KeyError("x")
    print("after")

try:
    w().send(None)
except StopIteration:
    print("w done")

class Counter:
    def __init__(self, n):
        self.i = 0; self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def af():
    async for x in Counter(3):
        print("x", x)
    else:
        print("else")
try:
    af().send(None)
except StopIteration:
    print("af done")
