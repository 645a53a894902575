def make_counters():
    counts = {}
    def add(key, n=1):
        counts[key] = counts.get(key, 0) + n
        return counts[key]
    def report():
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return add, report
add, report = make_counters()
for word in "the cat and the hat and the bat".split():
    add(word)
print(report())
print([w.upper() for w, c in report() if c > 1])
matrix = [[i * j for j in range(1, 4)] for i in range(1, 4)]
print(matrix, [row[-1] for row in matrix], list(zip(*matrix)))
