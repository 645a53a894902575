# Integer arithmetic: + - * // % ** with negative operands and big results.
a = 7
b = -2
print(a + b, a - b, a * b)
print(7 // 2, 7 // -2, -7 // 2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(2 ** 10, 10 ** 20, (-3) ** 3, -3 ** 2)
print(2 ** 100)
print(10 ** 20 // 7, 10 ** 20 % 7)
print(-(10 ** 20) // 3)
print(1 + 2 * 3 - 4 // 2 % 3)
print((1 + 2) * (3 - 4))
x = 10
x += 5
x -= 3
x *= 2
x //= 5
x %= 3
print(x)
print(0 - 0, -0, +5, -(-5))
big = 123456789 * 987654321
print(big, big * big)
