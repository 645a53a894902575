"""zip, map, filter and enumerate over iterators that are not plain built-in sequences, as
generators: they pull one item at a time, like CPython's, so a function's side effects
interleave with the loop that consumes them, and an item that blocks (a future's result, a
queue) blocks the consuming thread as it does in CPython."""


def zip(*iterables, strict=False):
    iterators = [iter(it) for it in iterables]
    if not iterators:
        return
    while True:
        items = []
        for i, it in enumerate(iterators):
            try:
                items.append(next(it))
            except StopIteration:
                if strict and (i > 0 or _any_left(iterators[1:])):
                    if i > 0:
                        plural = " " if i == 1 else "s 1-"
                        raise ValueError(f"zip() argument {i + 1} is shorter than "
                                         f"argument{plural}{i}")
                    raise ValueError("zip() argument 2 is longer than argument 1")
                return
        yield tuple(items)


def _any_left(iterators):
    for it in iterators:
        for _ in it:
            return True
    return False


def map(func, *iterables):
    iterators = [iter(it) for it in iterables]
    while True:
        args = []
        for it in iterators:
            try:
                args.append(next(it))
            except StopIteration:
                return
        yield func(*args)


def filter(function, iterable):
    for item in iterable:
        if function is None:
            if item:
                yield item
        elif function(item):
            yield item


def enumerate(iterable, start=0):
    n = start
    for item in iterable:
        yield n, item
        n += 1
