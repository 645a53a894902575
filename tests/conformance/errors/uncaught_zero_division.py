# An uncaught exception at top level: the output so far, a traceback on stderr, exit code 1.
def ratio(a, b):
    return a / b


print("before", ratio(1, 4))
count = 0
print("about to divide by", count)
print(10 / count)
print("never printed")
