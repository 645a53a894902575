def mk(f):
    class K:
        def __init__(self, obj):
            self.obj = obj
        def __lt__(self, other):
            return f(self.obj, other.obj) < 0
    return K
K = mk(lambda a, b: b - a)
print(K(1) < K(2))
print(sorted([3, 1, 2], key=K))
