"""collections.deque for queue.Queue, asyncio and user programs: a list underneath whose dead
prefix (items already taken by popleft) is dropped once it is half the list, so append and
popleft are amortised O(1) like CPython's."""


class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._items = []
        self._head = 0
        self.maxlen = maxlen
        for x in iterable:
            self.append(x)

    def _compact(self):
        if self._head:
            del self._items[:self._head]
            self._head = 0

    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) - self._head > self.maxlen:
            self.popleft()

    def appendleft(self, x):
        self._compact()
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()

    def pop(self):
        if len(self._items) <= self._head:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        head = self._head
        if len(self._items) <= head:
            raise IndexError("pop from an empty deque")
        x = self._items[head]
        self._items[head] = None
        head += 1
        if head > 16 and head * 2 > len(self._items):
            del self._items[:head]
            head = 0
        self._head = head
        return x

    def extend(self, iterable):
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        for x in iterable:
            self.appendleft(x)

    def remove(self, value):
        self._compact()
        for i, x in enumerate(self._items):
            if x is value or x == value:
                del self._items[i]
                return
        raise ValueError(f"{value!r} is not in deque")

    def count(self, value):
        self._compact()
        return self._items.count(value)

    def index(self, value, *args):
        self._compact()
        return self._items.index(value, *args)

    def insert(self, i, x):
        self._compact()
        if self.maxlen is not None and len(self._items) >= self.maxlen:
            raise IndexError("deque already at its maximum size")
        self._items.insert(i, x)

    def reverse(self):
        self._compact()
        self._items.reverse()

    def copy(self):
        self._compact()
        return deque(self._items, self.maxlen)

    def clear(self):
        self._compact()
        self._items.clear()

    def rotate(self, n=1):
        self._compact()
        if self._items:
            n = n % len(self._items)
            self._items[:] = self._items[-n:] + self._items[:-n]

    def __len__(self):
        return len(self._items) - self._head

    def __iter__(self):
        self._compact()
        return iter(list(self._items))

    def __getitem__(self, i):
        self._compact()
        return self._items[i]

    def __setitem__(self, i, x):
        self._compact()
        self._items[i] = x

    def __delitem__(self, i):
        self._compact()
        del self._items[i]

    def __eq__(self, other):
        self._compact()
        if not isinstance(other, deque):
            return False
        other._compact()
        return self._items == other._items

    def __bool__(self):
        return len(self._items) > self._head

    def __contains__(self, x):
        self._compact()
        return x in self._items

    def __repr__(self):
        self._compact()
        if self.maxlen is None:
            return f"deque({self._items!r})"
        return f"deque({self._items!r}, maxlen={self.maxlen})"
