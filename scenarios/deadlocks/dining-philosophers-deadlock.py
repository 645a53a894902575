# Dining philosophers: five philosophers sit around a table with one fork between each pair.
# Everyone picks up the fork on their left, then reaches for the one on their right. When all
# five hold their left fork, every right fork is taken: each waits for a neighbour, for ever.
import threading
import time

N = 5
forks = [threading.Lock() for _ in range(N)]

def philosopher(i):
    left, right = i, (i + 1) % N
    with forks[left]:
        print(f"Philosopher {i} picked up fork {left}")
        time.sleep(0.5)                          # think a little
        print(f"Philosopher {i} reaches for fork {right}")
        with forks[right]:
            print(f"Philosopher {i} eats")
            time.sleep(0.2)

threads = [threading.Thread(target=philosopher, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
    time.sleep(0.1)                              # they sit down one after another
for t in threads:
    t.join()
print("everyone has eaten")
