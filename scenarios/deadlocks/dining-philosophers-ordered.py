# Dining philosophers, fixed by lock ordering: number the forks and let everyone pick up the
# lower-numbered of their two forks first. Philosopher 4 now reaches for fork 0 before fork 4,
# so the circle of waits cannot close: someone can always eat, and then pass the forks on.
import threading
import time

N = 5
forks = [threading.Lock() for _ in range(N)]

def philosopher(i):
    first, second = sorted((i, (i + 1) % N))     # lower number first
    with forks[first]:
        print(f"Philosopher {i} picked up fork {first}")
        time.sleep(0.5)                          # think a little
        print(f"Philosopher {i} reaches for fork {second}")
        with forks[second]:
            print(f"Philosopher {i} eats")
            time.sleep(0.2)

threads = [threading.Thread(target=philosopher, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
    time.sleep(0.1)                              # they sit down one after another
for t in threads:
    t.join()
print("everyone has eaten")
