# # The simplest multiprocessing example (start + join)

# import multiprocessing
# import time

# def task():
#     print("Child process: starting work")
#     time.sleep(2)  # simulate work
#     print("Child process: finished work")

# if __name__ == "__main__":
#     # This guard is required on Windows/macOS (spawn mode)
#     start = time.time()

#     p = multiprocessing.Process(target=task)  # create a new process to run task()
#     p.start()                                 # start the child process
#     p.join()                                  # wait for child process to finish

#     end = time.time()
#     print("Time taken:", end - start)

# # OUTPUT (approx):
# # Child process: starting work
# # Child process: finished work
# # Time taken: ~2.0

# (adapted) The notebook keeps this cell's code commented out; here it is again, uncommented:

import multiprocessing
import time

def task():
    print("Child process: starting work")
    time.sleep(2)  # simulate work
    print("Child process: finished work")

if __name__ == "__main__":
    # This guard is required on Windows/macOS (spawn mode)
    start = time.time()

    p = multiprocessing.Process(target=task)  # create a new process to run task()
    p.start()                                 # start the child process
    p.join()                                  # wait for child process to finish

    end = time.time()
    print("Time taken:", round(end - start))

