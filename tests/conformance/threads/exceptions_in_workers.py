import threading
errors = []
lock = threading.Lock()
def risky(n):
    try:
        if n % 2:
            raise ValueError(f"odd {n}")
        return n
    except ValueError as e:
        with lock:
            errors.append(str(e))
ts = [threading.Thread(target=risky, args=(i,)) for i in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(errors))
