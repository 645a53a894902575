from concurrent.futures import ProcessPoolExecutor
def fib(n):
    a,b=0,1
    for _ in range(n): a,b=b,a+b
    return a

with ProcessPoolExecutor() as ex:
    print(list(ex.map(fib, [30]*4)))
