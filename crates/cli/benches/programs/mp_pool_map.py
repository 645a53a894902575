from multiprocessing import Pool


def work(n):
    total = 0
    for i in range(n):
        total += i
    return total


if __name__ == "__main__":
    with Pool(4) as pool:
        print(sum(pool.map(work, [200_000] * 16)))
