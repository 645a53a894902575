# The unlocked counter race, made visible. counter += 1 is several bytecodes: load counter,
# add 1, store counter. If a thread is switched out between the load and the store, the other
# thread's increments in the meantime are overwritten: updates are lost.
# Run with preempt=any-instruction (a switch may happen between any two bytecodes, as in
# CPython 3.9 and older). CPython 3.10+ only switches at a few instructions, never inside
# counter += 1, so real CPython 3.11 prints 2000000 and 0 here.
import threading

counter = 0

def increment():
    global counter
    for _ in range(1_000_000):
        counter += 1

threads = [threading.Thread(target=increment) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("counter:", counter)
print("lost updates:", 2_000_000 - counter)
