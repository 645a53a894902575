"""abc, with CPython 3.11's observable behaviour: `abstractmethod` marks a function,
`ABCMeta` records the class's `__abstractmethods__` (the engine refuses to instantiate a
class while that set is not empty), `ABC` is a class whose metaclass is ABCMeta."""


def abstractmethod(funcobj):
    """Marks a method abstract: subclasses must override it before they can be instantiated."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if isinstance(value, property):
        return getattr(value.fget, '__isabstractmethod__', False)
    return getattr(value, '__isabstractmethod__', False)


class ABCMeta(type):
    """Metaclass for defining Abstract Base Classes."""

    def __init__(cls, name, bases, namespace, /, **kwargs):
        abstracts = {key for key, value in namespace.items() if _is_abstract(value)}
        for base in bases:
            for key in getattr(base, '__abstractmethods__', ()):
                value = getattr(cls, key, None)
                if _is_abstract(value):
                    abstracts.add(key)
        cls.__abstractmethods__ = abstracts
        cls._abc_registry = []

    def register(cls, subclass):
        cls._abc_registry.append(subclass)
        return subclass


class ABC(metaclass=ABCMeta):
    """Helper class that has ABCMeta as its metaclass."""
    __slots__ = ()
