import multiprocessing

def task():
    print("Running in a separate process")

if __name__ == "__main__":
    p = multiprocessing.Process(target=task)
    p.start()
    p.join()
