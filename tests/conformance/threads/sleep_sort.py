import threading, time
result = []
lock = threading.Lock()
def sleeper(n):
    time.sleep(n / 10)
    with lock:
        result.append(n)
nums = [5, 2, 8, 1, 9, 3]
ts = [threading.Thread(target=sleeper, args=(n,)) for n in nums]
for t in ts: t.start()
for t in ts: t.join()
print(result)
