# User classes that subclass dict and list keep the built-ins' behaviour.
class Registry(dict):
    def __missing__(self, key):
        return f"<no {key}>"

    def register(self, name, value):
        self[name] = value
        return self


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


class Loud(dict):
    def __setitem__(self, key, value):
        print("setting", key)
        super().__setitem__(key, value)


r = Registry(a=1)
r.register("b", 2)
print(r, r["a"], r["zzz"], len(r), "b" in r, sorted(r), r.get("c", 0))
print(isinstance(r, dict), dict(r), list(r.items()), r == {"a": 1, "b": 2})
s = Stack([1, 2])
s.push(3)
print(s, s.peek(), s[0:2], len(s), s.pop(), s, bool(Stack()), isinstance(s, list))
loud = Loud()
loud["k"] = 1
loud.update(j=2)
print(loud, type(loud).__name__)
try:
    {s: 1}
except TypeError as e:
    print(e)
