import multiprocessing

def worker(num, q):
    q.put(num * num)

if __name__ == "__main__":
    q = multiprocessing.Queue()
    processes = []

    for i in range(5):
        p = multiprocessing.Process(target=worker, args=(i, q))
        processes.append(p)
        p.start()

    for p in processes:
        p.join()

    while not q.empty():
        print(q.get())
