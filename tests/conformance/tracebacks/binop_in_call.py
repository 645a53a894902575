values = [1, 2]
print(values[1] // (values[0] - 1))
