import threading, time
forks = [threading.Lock() for _ in range(5)]
meals = [0] * 5
def philosopher(i):
    left, right = i, (i + 1) % 5
    first, second = min(left, right), max(left, right)
    for _ in range(3):
        with forks[first]:
            with forks[second]:
                meals[i] += 1
                time.sleep(0.01)
        time.sleep(0.01)
ps = [threading.Thread(target=philosopher, args=(i,)) for i in range(5)]
for p in ps: p.start()
for p in ps: p.join()
print("meals:", meals, "no deadlock")
