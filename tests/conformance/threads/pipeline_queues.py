import threading, queue
stage1 = queue.Queue()
stage2 = queue.Queue()
DONE = object()
def doubler():
    while (x := stage1.get()) is not DONE:
        stage2.put(x * 2)
    stage2.put(DONE)
def printer():
    total = 0
    while (x := stage2.get()) is not DONE:
        total += x
        print("got", x)
    print("total", total)
threads = [threading.Thread(target=doubler), threading.Thread(target=printer)]
for t in threads: t.start()
for i in range(5):
    stage1.put(i)
stage1.put(DONE)
for t in threads: t.join()
