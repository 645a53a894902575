# Livelock: Alice and Bob each need the fork and the knife. Each picks up one, reaches for the
# other, finds it taken, and politely puts theirs down to let the other go first. They keep
# doing this in step, so both stay busy and neither ever eats: no thread is blocked (it is not
# a deadlock), yet nobody makes progress. To let the program end, they give up after 4 attempts.
import threading
import time

fork = threading.Lock()
knife = threading.Lock()
MAX_ATTEMPTS = 4

def diner(name, first, first_name, second, second_name, delay):
    time.sleep(delay)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        with first:
            print(f"{name}: picked up the {first_name}")
            time.sleep(0.3)                         # reach for the other one
            if second.acquire(blocking=False):
                try:
                    print(f"{name}: got the {second_name} too, eating")
                    return
                finally:
                    second.release()
            print(f"{name}: the {second_name} is taken, putting the {first_name} down")
            time.sleep(0.2)                         # hesitate before letting go
        time.sleep(0.3)                             # back off, then try again
    print(f"{name}: gave up after {MAX_ATTEMPTS} attempts")

alice = threading.Thread(target=diner, args=("Alice", fork, "fork", knife, "knife", 0))
bob = threading.Thread(target=diner, args=("Bob", knife, "knife", fork, "fork", 0.1))
alice.start()
bob.start()
alice.join()
bob.join()
