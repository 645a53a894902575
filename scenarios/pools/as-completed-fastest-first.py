from concurrent.futures import ThreadPoolExecutor, as_completed
import time

def task(n):
    time.sleep(n)
    return n

with ThreadPoolExecutor() as executor:
    futures = {executor.submit(task, i): i for i in [3, 1, 2]}

    for future in as_completed(futures):
        result = future.result()
        print(f"Completed: {result}")
    # Prints in order: 1, 2, 3 (fastest first)
