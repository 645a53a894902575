import multiprocessing

counter = 0
items = ["a"]


def increment():
    global counter
    counter += 1
    items.append("child")
    print("child sees counter =", counter, "items =", items)


if __name__ == "__main__":
    p = multiprocessing.Process(target=increment)
    p.start()
    p.join()
    print("Counter in main process:", counter)
    print("Items in main process:", items)
    counter = 10
    q = multiprocessing.Process(target=increment)
    q.start()
    q.join()
    print("after second child:", counter, items)
