# Sharing data properly between processes

# E) Use multiprocessing.Value for simple shared numbers

import multiprocessing

def increment(shared_counter):
    # shared_counter is a special object stored in shared memory
    with shared_counter.get_lock():      # lock to avoid race conditions
        shared_counter.value += 1

if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)  # "i" = integer

    p1 = multiprocessing.Process(target=increment, args=(counter,))
    p2 = multiprocessing.Process(target=increment, args=(counter,))

    p1.start(); p2.start()
    p1.join();  p2.join()

    print("Shared counter:", counter.value)
    # OUTPUT: Shared counter: 2
