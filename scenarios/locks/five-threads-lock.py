import threading

counter = 0
lock = threading.Lock()

def increment(n):
    global counter
    for _ in range(n):
        # ‚ùå Without lock: race condition! counter ends up wrong
        # counter += 1
        
        # ‚úÖ With lock: safe
        with lock:           # Acquire lock ‚Üí other threads wait
            counter += 1     # Only one thread at a time
                             # Release lock ‚Üí other threads can proceed

threads = [threading.Thread(target=increment, args=(100000,)) for _ in range(5)]
for t in threads: t.start()
for t in threads: t.join()

print(counter)    # 500000 (always correct with lock!)
