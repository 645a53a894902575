import multiprocessing
import time


def slow_square(x):
    time.sleep(0.1 * x)
    return x * x


collected = []


def on_done(value):
    collected.append(value)


def fail(x):
    return 10 / x


if __name__ == "__main__":
    with multiprocessing.Pool(3) as pool:
        async_results = [pool.apply_async(slow_square, (i,), callback=on_done) for i in range(1, 4)]
        print([r.get() for r in async_results])
        print(all(r.ready() for r in async_results), all(r.successful() for r in async_results))
        print(sorted(collected))
        r = pool.apply_async(fail, (0,))
        try:
            r.get()
        except ZeroDivisionError as e:
            print("worker raised:", type(e).__name__, e)
        m = pool.map_async(slow_square, [1, 2])
        m.wait()
        print(m.get())
        try:
            pool.map(fail, [1, 0, 2])
        except ZeroDivisionError as e:
            print("map raised:", e)
