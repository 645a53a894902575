# True division always gives a float; floats print with the shortest repr that round-trips.
print(0.1 + 0.2)
print(1 / 3, 2 / 3, 2 / 2, 10 / 4, -7 / 2)
print(1 / 7)
print(3 + 0.5, 3 * 1.0, 2 - 0.25, 0.5 * 4)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
print(2 ** -1, 2 ** 0.5, 4 ** 0.5, 2.0 ** 10)
print(10 ** 20 / 1, 10 ** 16 / 1, 10 ** 15 / 1)
print(1e-5, 0.0001, 123456789.0, 1.5e300 * 1.0)
print(100.0, -0.5, 3.14159, 2.5e-3)
print(1 / 3 + 1 / 3 + 1 / 3)
print(0.1 * 3, 1.1 * 1.1)
total = 0.0
for i in range(10):
    total += 0.1
print(total)
x = 5
x /= 2
print(x)
print(10 / 5 == 2, 0.1 + 0.2 == 0.3)
