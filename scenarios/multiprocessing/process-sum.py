from multiprocessing import Process

def compute(n):
    print(f"Sum: {sum(range(n))}")

p = Process(target=compute, args=(10_000_000,))
p.start()
p.join()
