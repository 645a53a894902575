# Integer floor division and modulo by zero have their own messages.
print(7 // 2, 7 % 2)
x = 0
print(7 // x)
