import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

lock = threading.Lock()
balance = {"alice": 100, "bob": 50}

def transfer(src, dst, amount, delay):
    time.sleep(delay)
    with lock:
        if balance[src] < amount:
            raise ValueError(f"{src} has only {balance[src]}")
        balance[src] -= amount
        balance[dst] += amount
        return f"{src}->{dst} {amount} by {threading.current_thread().name}"

jobs = [("alice", "bob", 30, 0.3), ("bob", "alice", 100, 0.1), ("alice", "bob", 80, 0.2), ("bob", "alice", 10, 0.4)]
with ThreadPoolExecutor(max_workers=2, thread_name_prefix="bank") as pool:
    futs = {pool.submit(transfer, *j): j for j in jobs}
    for f in as_completed(futs):
        j = futs[f]
        try:
            print(f.result())
        except ValueError as e:
            print("failed", j[:3], "-", e)
print(balance, sum(balance.values()))
