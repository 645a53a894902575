import multiprocessing


def increment(shared_counter, n):
    for _ in range(n):
        shared_counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=increment, args=(counter, 20000)) for _ in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print("expected:", 4 * 20000)
    print("lost updates:", counter.value < 4 * 20000)
    print("some progress:", counter.value > 20000)
