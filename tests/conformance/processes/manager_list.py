import multiprocessing


def add_item(shared_list, shared_dict, item):
    shared_list.append(item)
    shared_dict[item] = len(item)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        shared_list = manager.list([1, 2])
        shared_dict = manager.dict()
        ps = [multiprocessing.Process(target=add_item, args=(shared_list, shared_dict, w))
              for w in ["ab", "cde"]]
        for p in ps:
            p.start()
            p.join()
        print(shared_list)
        print(len(shared_list), shared_list[0], sorted(shared_dict.items()))
        print(shared_dict["ab"], "cde" in shared_dict)
    p = multiprocessing.Process(target=print, args=("next process",))
    p.start()
    p.join()
    print(p.name)
