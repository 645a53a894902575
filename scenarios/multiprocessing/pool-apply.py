import multiprocessing

# (added) square() from the Pool example above in the notes, and the __main__ guard
def square(n):
    return n * n

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        result = pool.apply(square, (5,))
        print(result)
