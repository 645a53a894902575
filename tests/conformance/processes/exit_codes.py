import multiprocessing
import sys
import time


def ok():
    pass


def boom():
    raise ValueError("bad things")


def leave(code):
    sys.exit(code)


def forever():
    time.sleep(10)


if __name__ == "__main__":
    procs = [
        multiprocessing.Process(target=ok),
        multiprocessing.Process(target=boom),
        multiprocessing.Process(target=leave, args=(3,)),
        multiprocessing.Process(target=leave, args=(None,)),
    ]
    for p in procs:
        p.start()
        p.join()
        print(p.name, p.exitcode, p.is_alive())
    p = multiprocessing.Process(target=forever)
    print("before start:", p.exitcode, p.is_alive())
    p.start()
    time.sleep(0.2)
    print("running:", p.exitcode, p.is_alive())
    p.terminate()
    p.join()
    print("terminated:", p.exitcode, p.is_alive())
    k = multiprocessing.Process(target=forever)
    k.start()
    k.kill()
    k.join()
    print("killed:", k.exitcode)
    j = multiprocessing.Process(target=forever, daemon=True)
    j.start()
    j.join(timeout=0.3)
    print("after join timeout:", j.is_alive(), j.exitcode, j.daemon)
