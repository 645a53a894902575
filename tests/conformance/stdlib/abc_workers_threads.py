# An abstract Worker base class whose concrete subclasses run in threads.
import threading
import time
from abc import ABC, abstractmethod


class Worker(ABC):
    def __init__(self, name, delay):
        self.name = name
        self.delay = delay
        self.result = None

    @abstractmethod
    def work(self):
        ...

    def run(self):
        time.sleep(self.delay)
        self.result = self.work()
        print(f"{self.name} in {threading.current_thread().name}: {self.result}")


class Adder(Worker):
    def work(self):
        return sum(range(10))


class Shouter(Worker):
    def work(self):
        return self.name.upper()


class Lazy(Worker):
    pass


workers = [Adder("adder", 0.2), Shouter("shouter", 0.1)]
threads = [threading.Thread(target=w.run, name=f"T-{w.name}") for w in workers]
for t in threads:
    t.start()
for t in threads:
    t.join()
print([w.result for w in workers])
try:
    Lazy("lazy", 0)
except TypeError as e:
    print(e)
print(isinstance(workers[0], Worker), issubclass(Lazy, Worker))
