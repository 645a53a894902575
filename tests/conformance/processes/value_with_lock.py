import multiprocessing


def increment(shared_counter, n):
    for _ in range(n):
        with shared_counter.get_lock():
            shared_counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=increment, args=(counter, 2000)) for _ in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print("Shared counter:", counter.value)
    print([p.exitcode for p in processes])
