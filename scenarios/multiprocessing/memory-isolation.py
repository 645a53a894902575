import multiprocessing

counter = 0

def increment():
    global counter
    counter += 1
    print(counter)

if __name__ == "__main__":
    p = multiprocessing.Process(target=increment)
    p.start()
    p.join()
    print("Main counter:", counter)
