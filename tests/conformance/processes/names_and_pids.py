import multiprocessing
import os
import threading


def show(parent_pid, results):
    me = multiprocessing.current_process()
    results.put((me.name, os.getpid() != parent_pid, os.getppid() == parent_pid,
                 multiprocessing.parent_process().name, threading.current_thread().name,
                 me.pid == os.getpid()))


def nested(results):
    inner = multiprocessing.Process(target=show, args=(os.getpid(), results))
    inner.start()
    inner.join()
    results.put(("outer", multiprocessing.current_process().name, inner.name))


class Worker(multiprocessing.Process):
    def __init__(self, results):
        super().__init__()
        self.results = results

    def run(self):
        self.results.put(("subclass", self.name, multiprocessing.current_process().name))


if __name__ == "__main__":
    print(multiprocessing.current_process().name, multiprocessing.parent_process())
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=show, args=(os.getpid(), q)) for _ in range(2)]
    named = multiprocessing.Process(target=show, args=(os.getpid(), q), name="Custom")
    for p in procs + [named]:
        p.start()
        p.join()
        print(q.get())
    n = multiprocessing.Process(target=nested, args=(q,))
    n.start()
    n.join()
    print(q.get())
    print(q.get())
    w = Worker(q)
    w.start()
    w.join()
    print(q.get())
    print(procs[0].pid != procs[1].pid, procs[0].pid != os.getpid())
    print(len(multiprocessing.active_children()))
