# Passing data to processes

# D) Why normal variables don’t update across processes
# Processes do not share memory. Example:

import multiprocessing

counter = 0

def increment():
    global counter
    counter += 1  # this changes counter only inside the child process

if __name__ == "__main__":
    p = multiprocessing.Process(target=increment)
    p.start()
    p.join()

    print("Counter in main process:", counter)
    # OUTPUT: Counter in main process: 0
