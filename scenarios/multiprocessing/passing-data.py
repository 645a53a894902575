import multiprocessing

def square(n):
    print(n * n)

if __name__ == "__main__":
    p = multiprocessing.Process(target=square, args=(5,))
    p.start()
    p.join()
