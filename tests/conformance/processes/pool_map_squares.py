from multiprocessing import Pool
import multiprocessing


def square(x):
    return x * x


def add(a, b):
    return a + b


if __name__ == "__main__":
    with Pool(4) as pool:
        results = pool.map(square, range(10))
        print(results)
        print(pool.starmap(add, [(1, 2), (3, 4), (5, 6)]))
        print(pool.apply(square, (7,)))
        print(list(pool.imap(square, [3, 1, 2])))
        print(sorted(pool.imap_unordered(square, range(6))))
        print(pool.map(square, []))
    pool = multiprocessing.Pool(processes=2)
    results = pool.map(square, [1, 2, 3, 4, 5])
    pool.close()
    pool.join()
    print(results)
