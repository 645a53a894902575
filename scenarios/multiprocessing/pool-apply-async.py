import multiprocessing

# (added) task() from the pool examples above in the notes, a pool and the __main__ guard
def task(n):
    return n * n

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        result = pool.apply_async(task, (5,))
        print(result.get())
