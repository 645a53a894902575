# Starvation: the greedy thread holds the lock almost all the time and frees it only for an
# instant between two rounds. The polite thread checks now and then whether the lock is free
# (a non-blocking acquire) and always finds it taken, so it gets nothing done until the greedy
# thread has finished every round.
import threading
import time

lock = threading.Lock()
rounds_done = 0

def greedy():
    global rounds_done
    for i in range(1, 6):
        with lock:
            time.sleep(0.2)              # work while holding the lock
            rounds_done = i
            print(f"greedy: round {i} done")
        # the lock is free here for a moment, then taken again at once

def polite():
    time.sleep(0.11)                     # arrives while greedy is in round 1
    print("polite: I need the lock")
    while not lock.acquire(blocking=False):
        time.sleep(0.05)                 # taken: come back a little later
    try:
        print(f"polite: got the lock after {rounds_done} greedy rounds")
    finally:
        lock.release()

g = threading.Thread(target=greedy)
p = threading.Thread(target=polite)
g.start()
p.start()
g.join()
p.join()
