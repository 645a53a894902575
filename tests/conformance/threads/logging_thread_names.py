import threading
import time
import logging

logging.basicConfig(level=logging.INFO, format="%(threadName)s: %(message)s")

def worker(n):
    logging.info("start %d", n)
    time.sleep(0.1 * n)
    logging.info("end %d", n)

ts = [threading.Thread(target=worker, args=(i,)) for i in range(1, 3)]
for t in ts: t.start()
for t in ts: t.join()
print("done")
