data = {"a": [1, 2]}
def get(k, i):
    value = data[k][i]
    return value
print(get("a", 5))
