import multiprocessing


class Box:
    def __init__(self):
        self.items = []


def mutate(box, data, q):
    box.items.append("child")
    data["k"] = "child"
    q.put((box.items, data))


if __name__ == "__main__":
    box = Box()
    data = {"k": "parent"}
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=mutate, args=(box, data, q))
    p.start()
    got_items, got_data = q.get()
    p.join()
    print("child saw:", got_items, got_data)
    print("parent still has:", box.items, data)
    payload = [1, 2, 3]
    q.put(payload)
    received = q.get()
    payload.append(4)
    print(received, received is payload)
