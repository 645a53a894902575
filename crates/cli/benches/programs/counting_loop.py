def count(n):
    total = 0
    for i in range(n):
        total += 1
    return total

print(count(3_000_000))
