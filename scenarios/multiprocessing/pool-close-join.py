import multiprocessing

def task(n):
    return n * n

if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=4)
    results = pool.map(task, [1, 2, 3, 4, 5])
    pool.close()
    pool.join()
    print(results)
