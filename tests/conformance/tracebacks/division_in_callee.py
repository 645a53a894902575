x = 0
def f(n):
    return 10 / n
print(f(x) + 1)
