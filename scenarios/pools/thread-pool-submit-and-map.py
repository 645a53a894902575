from concurrent.futures import ThreadPoolExecutor, as_completed
import time

def fetch_url(url):
    time.sleep(1)    # Simulate network I/O
    return f"Data from {url}"

urls = [f"https://api.example.com/page/{i}" for i in range(10)]

# ---- Using ThreadPoolExecutor ----
with ThreadPoolExecutor(max_workers=5) as executor:
    # submit() ‚Äî returns Future objects
    futures = {executor.submit(fetch_url, url): url for url in urls}
    
    for future in as_completed(futures):    # Process as they complete
        url = futures[future]
        try:
            data = future.result()
            print(f"{url}: {data}")
        except Exception as e:
            print(f"{url} failed: {e}")

# ---- Using map() ‚Äî simpler, ordered results ----
with ThreadPoolExecutor(max_workers=5) as executor:
    results = executor.map(fetch_url, urls)    # Returns results in ORDER
    for result in results:
        print(result)
