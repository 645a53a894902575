def numbers(n):
    for i in range(n):
        yield i

def squares(it):
    for x in it:
        yield x * x

def evens(it):
    return (x for x in it if x % 2 == 0)

pipeline = evens(squares(numbers(10)))
print(list(pipeline))
g = numbers(3)
print(next(g), next(g), next(g), next(g, "end"))
def running_total():
    total = 0
    while True:
        value = yield total
        if value is None:
            return
        total += value
acc = running_total()
next(acc)
print(acc.send(5), acc.send(10), acc.send(-3))
