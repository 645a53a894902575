# bool and None values, comparisons, and/or/not (which return operands).
print(True, False, None)
print(1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 1 == 1.0, 1 != 2)
print(1 < 2 < 3, 3 > 2 > 2)
print(True and False, True or False, not True, not 0, not "")
print(0 or "fallback", "first" or "second", 0 and 1, 5 and 6)
print(None or 0, "" or None)
print(True + True, True * 10, False - 1)
print(bool(0), bool(3), bool(""), bool("x"), bool(None), bool(0.0))
x = None
print(x is None, x is not None, x == None)
print(10 > 3 and "big" or "small")
y = 7
if y > 5 and y % 2 == 1 or y == 0:
    print("odd and greater than 5")
if not (y < 5):
    print("not less than 5")
print(str(True) + "!", int(False), float(True))
