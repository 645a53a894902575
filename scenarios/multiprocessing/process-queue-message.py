# F) Use multiprocessing.Queue for messages/results

import multiprocessing

def worker(out_q):
    out_q.put("Hello from child process")

if __name__ == "__main__":
    q = multiprocessing.Queue()

    p = multiprocessing.Process(target=worker, args=(q,))
    p.start()
    msg = q.get()   # read message from child
    p.join()

    print("Received:", msg)
    # OUTPUT: Received: Hello from child process

# Use multiprocessing.Queue to pass data between processes
# put() sends data
# get() receives data
# join() ensures synchronization

