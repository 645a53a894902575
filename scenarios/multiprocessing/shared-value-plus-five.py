# # E) Shared memory example (no pickling for the shared value itself)

# import multiprocessing

# def worker(shared_num):
#     # shared_num is stored in shared memory
#     shared_num.value += 5            # child modifies the shared value directly

# if __name__ == "__main__":
#     num = multiprocessing.Value("i", 10)  # shared integer starting at 10

#     p = multiprocessing.Process(target=worker, args=(num,))
#     p.start()
#     p.join()

#     print("Shared value:", num.value)
#     # OUTPUT: Shared value: 15

# (adapted) The notebook keeps this cell's code commented out; here it is again, uncommented
# (its comments are above):

import multiprocessing

def worker(shared_num):
    shared_num.value += 5

if __name__ == "__main__":
    num = multiprocessing.Value("i", 10)

    p = multiprocessing.Process(target=worker, args=(num,))
    p.start()
    p.join()

    print("Shared value:", num.value)
