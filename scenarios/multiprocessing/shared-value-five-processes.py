import multiprocessing

def increment(shared_value):
    with shared_value.get_lock():
        shared_value.value += 1

if __name__ == "__main__":
    value = multiprocessing.Value("i", 0)
    processes = []

    for _ in range(5):
        p = multiprocessing.Process(target=increment, args=(value,))
        processes.append(p)
        p.start()

    for p in processes:
        p.join()

    print("Final value:", value.value)
