# Abstract base classes: abstract methods must be overridden before a class can be
# instantiated (CPython 3.11 wording), ABCMeta as metaclass, __init_subclass__.
from abc import ABC, ABCMeta, abstractmethod
import abc

class Shape(ABC):
    @abstractmethod
    def area(self):
        pass

    @abstractmethod
    def perimeter(self):
        pass

    def describe(self):
        return f"{type(self).__name__} area={self.area()}"

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2

class Full(Square):
    def perimeter(self):
        return 4 * self.s

for cls in (Shape, Square, Full):
    try:
        obj = cls(3) if cls is not Shape else cls()
        print("made", obj.describe(), obj.perimeter())
    except TypeError as e:
        print("TypeError:", e)

class Worker(metaclass=ABCMeta):
    @abstractmethod
    def work(self): ...

try:
    Worker()
except TypeError as e:
    print(e)
print(type(Shape), type(Worker), isinstance(Full(2), Shape), type(Full))
print(isinstance(Shape, ABCMeta), issubclass(Full, ABC))

class Base:
    def __init_subclass__(cls, tag="none", **kw):
        print("subclass", cls.__name__, tag)
class A(Base, tag="a"): pass
class B(A): pass
