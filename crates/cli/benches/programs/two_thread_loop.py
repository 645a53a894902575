import threading

def count(n):
    total = 0
    for i in range(n):
        total += 1

threads = [threading.Thread(target=count, args=(1_500_000,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
