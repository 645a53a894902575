import multiprocessing

def modify(arr):
    arr[0] += 1

if __name__ == "__main__":
    arr = multiprocessing.Array("i", [1, 2, 3])
    p = multiprocessing.Process(target=modify, args=(arr,))
    p.start()
    p.join()
    print(list(arr))
