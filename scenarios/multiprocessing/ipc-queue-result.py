# A) IPC using multiprocessing.Queue (Most common)
# Goal:
# Child process calculates a result and sends it back to main process.

import multiprocessing

def worker(out_q):
    # This function runs inside the child process
    result = 10 * 10                 # do some work in child
    out_q.put(result)                # send result to main process via Queue

if __name__ == "__main__":
    out_q = multiprocessing.Queue()  # Queue is safe for processes (IPC tool)

    p = multiprocessing.Process(
        target=worker,               # child process will run worker()
        args=(out_q,)                # give the Queue to child
    )

    p.start()                        # start child process
    value = out_q.get()              # main process waits and receives data
    p.join()                         # ensure child has finished

    print("Received from child:", value)
    # OUTPUT: Received from child: 100

# # In this example, we understand:
# Processes do not share memory
# Data must be passed explicitly using IPC tools

# multiprocessing.Queue:
# is safe
# blocks correctly
# serializes objects automatically

