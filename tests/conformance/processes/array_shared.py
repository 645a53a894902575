import multiprocessing


def modify(arr, scale):
    for i in range(len(arr)):
        arr[i] = arr[i] * scale


def fill(arr, start):
    arr[start] = start + 100


if __name__ == "__main__":
    arr = multiprocessing.Array("i", [1, 2, 3])
    p = multiprocessing.Process(target=modify, args=(arr, 10))
    p.start()
    p.join()
    print(list(arr))
    print(arr[0], arr[-1], len(arr), arr[0:2])
    darr = multiprocessing.Array("d", 4)
    ps = [multiprocessing.Process(target=fill, args=(darr, i)) for i in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(darr[:])
    v = multiprocessing.Value("d", 1.5)
    print(v.value, v)
    raw = multiprocessing.Value("i", 7, lock=False)
    print(raw.value, raw)
