def churn(n):
    d = {}
    items = []
    for i in range(n):
        key = f"k{i % 1000}"
        d[key] = d.get(key, 0) + i
        items.append(i * 2)
        if len(items) > 100:
            items.pop(0)
    return len(d), sum(items)

print(churn(300_000))
