from concurrent.futures import ThreadPoolExecutor, as_completed

def process(item):
    return item * 2

with ThreadPoolExecutor(max_workers=8) as executor:
    futures = {executor.submit(process, i): i for i in range(100)}
    results = {}
    for future in as_completed(futures):
        original = futures[future]
        results[original] = future.result()
