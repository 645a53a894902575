from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, as_completed

# ---- submit() ‚Üí returns Future ----
with ThreadPoolExecutor(max_workers=3) as executor:
    future = executor.submit(pow, 2, 10)    # Submit single task
    print(future.result())                   # 1024

# ---- map() ‚Üí ordered results ----
with ThreadPoolExecutor(max_workers=3) as executor:
    results = list(executor.map(str.upper, ["hello", "world"]))
    print(results)    # ['HELLO', 'WORLD']

# ---- as_completed() ‚Üí results as they finish (fastest first) ----
import time, random
random.seed(7)  # (added) the same delays on every run

def task(name):
    delay = random.uniform(0.5, 3)
    time.sleep(delay)
    return f"{name} done in {delay:.1f}s"

with ThreadPoolExecutor(max_workers=5) as executor:
    futures = [executor.submit(task, f"Task-{i}") for i in range(5)]
    
    for future in as_completed(futures):
        print(future.result())    # Fastest task prints first!

# ---- Exception handling ----
with ThreadPoolExecutor() as executor:
    future = executor.submit(int, "not_a_number")
    try:
        result = future.result(timeout=5)    # Timeout in seconds
    except ValueError as e:
        print(f"Error: {e}")
    except TimeoutError:
        print("Task timed out!")
