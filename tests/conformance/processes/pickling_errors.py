import multiprocessing


def square(x):
    return x * x


def run_lambda():
    print("lambda target ran in", multiprocessing.current_process().name)


if __name__ == "__main__":
    p = multiprocessing.Process(target=lambda: run_lambda())
    p.start()
    p.join()
    print("exit", p.exitcode)
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map(lambda x: x * x, [1, 2])
        except Exception as e:
            print(type(e).__name__, type(e).__module__)
        v = multiprocessing.Value("i", 0)
        try:
            pool.apply(square, (v,))
        except RuntimeError as e:
            print("RuntimeError:", e)
        print(pool.map(square, [4]))
    q = multiprocessing.Queue()
    try:
        q.put(multiprocessing.Lock())
    except RuntimeError as e:
        print(e)
