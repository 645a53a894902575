import multiprocessing

def increment(shared_value):
    with shared_value.get_lock():
        shared_value.value += 1

if __name__ == "__main__":
    value = multiprocessing.Value("i", 0)

    with multiprocessing.Pool(4) as pool:
        pool.starmap(increment, [(value,) for _ in range(10)])

    print("Final value:", value.value)
