# if/elif/else, while, for over range with start/stop/step.
for n in range(5):
    if n == 0:
        print(n, "zero")
    elif n % 2 == 0:
        print(n, "even")
    else:
        print(n, "odd")

for i in range(2, 11, 3):
    print("step", i)
for i in range(5, 0, -2):
    print("down", i)
for i in range(0):
    print("never")

count = 3
while count > 0:
    print("countdown", count)
    count -= 1
print("liftoff")

total = 0
i = 0
while i < 100:
    total += i
    i += 1
print("sum", total)

for row in range(1, 4):
    line = ""
    for col in range(1, 4):
        line = line + f"{row * col:3}"
    print(line)

x = 15
if x > 10 and x < 20:
    print("between")
if not x == 15:
    print("unreachable")
else:
    print("fifteen")
