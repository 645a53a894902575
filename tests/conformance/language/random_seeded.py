import random
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice("abcdef"), random.uniform(1, 2))
xs = list(range(10))
random.shuffle(xs)
print(xs, random.sample(range(100), 5), random.randrange(0, 100, 7), random.getrandbits(70))
random.seed(12345678901234567890)
print([random.randint(1, 6) for _ in range(10)], random.choices("xyz", k=4))
import threading, time
def worker(i):
    time.sleep(random.random())
    print("worker", i)
random.seed(7)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(5)]
for t in ts: t.start()
for t in ts: t.join()
