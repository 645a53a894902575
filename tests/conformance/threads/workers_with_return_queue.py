import threading, queue, time
def fetch(url, delay, out):
    time.sleep(delay)
    out.put((url, len(url) * 100))
out = queue.Queue()
urls = [("a.com", 0.3), ("bb.org", 0.1), ("ccc.net", 0.2)]
threads = [threading.Thread(target=fetch, args=(u, d, out)) for u, d in urls]
for t in threads: t.start()
for t in threads: t.join()
while not out.empty():
    url, size = out.get()
    print(f"{url:<8} {size:>5} bytes")
