from multiprocessing import Process, Value, Array, Manager

# Value and Array — shared memory (fast, limited types)
counter = Value('i', 0)   # 'i' = integer
arr = Array('d', [0.0, 1.0, 2.0])  # 'd' = double

def increment_shared(val):
    for _ in range(1000):
        with val.get_lock():
            val.value += 1

# Manager — shared via proxy objects (flexible, slower)
with Manager() as manager:
    shared_list = manager.list([1, 2, 3])
    shared_dict = manager.dict({"key": "value"})

    def append_item(lst, item):
        lst.append(item)

    p = Process(target=append_item, args=(shared_list, 4))
    p.start()
    p.join()
    print(list(shared_list))  # [1, 2, 3, 4]
