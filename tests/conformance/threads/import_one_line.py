import threading, time

# `import a, b` on one line; threads with distinct sleep lengths interleave deterministically
# (prints due at 0.6 1.2 1.5 1.8 3.0 s: at least 0.3 s apart).
def tick(label, interval, times):
    for i in range(times):
        time.sleep(interval)
        print(label, i)

fast = threading.Thread(target=tick, args=("fast", 0.6, 3))
slow = threading.Thread(target=tick, args=("slow", 1.5, 2))
fast.start()
slow.start()
fast.join()
slow.join()
print("done")
