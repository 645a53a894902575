import multiprocessing

def add_item(shared_list):
    shared_list.append("data")

if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        shared_list = manager.list()
        p = multiprocessing.Process(target=add_item, args=(shared_list,))
        p.start()
        p.join()
        print(shared_list)
