from concurrent.futures import ThreadPoolExecutor
import time

def fetch(url):
    time.sleep(0.1)  # Simulate I/O
    return f"Data from {url}"

with ThreadPoolExecutor(max_workers=4) as executor:
    urls = ["http://a.com", "http://b.com", "http://c.com"]
    results = list(executor.map(fetch, urls))
    print(results)
