# str concatenation, repetition, len, and the str/int/float conversions.
greeting = "Hello" + ", " + "world"
print(greeting)
print("ab" * 3, 3 * "-", "x" * 0, "[" + "=" * 10 + "]")
print(len(greeting), len(""), len("é"))
print(str(42) + str(3.5) + str(True) + str(None))
print(str(-7), str(1 / 4), str(10 ** 20))
print(int("42") + 1, int("-17"), int(" 8 "), int(3.9), int(-3.9), int(True))
print(float("2.5") * 2, float(3), float("-0.5"), float(" 1e3 "))
print(int(float("7.25")), float(int(7.25)))
print("quote's", 'double "quote"', "back\\slash")
print("tab\tand", "newline\nin the middle")
s = "ab"
s += "cd"
s *= 2
print(s, len(s))
print("abc" == "abc", "abc" < "abd", "B" < "a", "" == "")
