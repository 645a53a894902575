import threading, time
def square(n, out, idx):
    time.sleep(0.05 * (5 - n))
    out[idx] = n * n
nums = [1, 2, 3, 4]
out = [None] * len(nums)
ts = [threading.Thread(target=square, args=(n, out, i)) for i, n in enumerate(nums)]
for t in ts: t.start()
for t in ts: t.join()
print(out, sum(out))
