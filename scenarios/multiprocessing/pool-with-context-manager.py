import multiprocessing

def task(n):
    return n * n

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        results = pool.map(task, range(6))
    print(results)
