"""collections, after CPython 3.11's Lib/collections: deque (a list underneath whose dead
prefix, the items popleft already took, is dropped once it is half the list, so append and
popleft are amortised O(1) like CPython's), and the dict and tuple subclasses defaultdict,
Counter, OrderedDict and namedtuple, which are real subclasses of the built-ins."""

import sys as _sys

_KEYWORDS = {
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
    'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global',
    'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
    'return', 'try', 'while', 'with', 'yield',
}


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



class defaultdict(dict):
    """A dict whose missing keys get `default_factory()` as their value."""

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        self[key] = value = self.default_factory()
        return value

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __repr__(self):
        return f"{type(self).__name__}({self.default_factory!r}, {dict.__repr__(self)})"


def _count_elements(mapping, iterable):
    mapping_get = mapping.get
    for elem in iterable:
        mapping[elem] = mapping_get(elem, 0) + 1


def _is_mapping(obj):
    return isinstance(obj, dict) or (hasattr(obj, 'keys') and hasattr(obj, '__getitem__'))


class Counter(dict):
    """A dict counting hashable items: missing items count 0."""

    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        """(item, count) pairs, most common first; equal counts keep insertion order."""
        ranked = sorted(self.items(), key=lambda pair: pair[1], reverse=True)
        if n is None:
            return ranked
        return ranked[:max(n, 0)]

    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, /, **kwds):
        """Adds counts from an iterable of items or a mapping of counts."""
        if iterable is not None:
            if _is_mapping(iterable):
                if self:
                    self_get = self.get
                    for elem, count in iterable.items():
                        self[elem] = count + self_get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                _count_elements(self, iterable)
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            self_get = self.get
            if _is_mapping(iterable):
                for elem, count in iterable.items():
                    self[elem] = self_get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self_get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    def __delitem__(self, elem):
        if elem in self:
            super().__delitem__(elem)

    def __repr__(self):
        if not self:
            return f'{self.__class__.__name__}()'
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return f'{self.__class__.__name__}({d!r})'

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] >= other[e] for c in (self, other) for e in c)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def _keep_positive(self):
        nonpositive = [elem for elem, count in self.items() if not count > 0]
        for elem in nonpositive:
            del self[elem]
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()


class OrderedDict(dict):
    """A dict that can move keys to either end; equality with another OrderedDict is
    order-sensitive."""

    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            self[key] = value
            return
        rest = list(self.items())
        dict.clear(self)
        self[key] = value
        for k, v in rest:
            self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(list(self))) if last else next(iter(self))
        return key, dict.pop(self, key)

    def copy(self):
        return self.__class__(self)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict(self) == dict(other) and list(self) == list(other)
        return dict(self) == other

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        if not self:
            return '%s()' % (self.__class__.__name__,)
        return '%s(%r)' % (self.__class__.__name__, list(self.items()))


def _field_getter(index):
    return property(lambda self: self[index])


def _bind_fields(typename, field_names, field_defaults, args, kwargs):
    """The field values of `typename(*args, **kwargs)`, with the errors of CPython's
    generated `__new__(_cls, <fields>)`."""
    fname = f'{typename}.__new__'
    n = len(field_names)
    if len(args) > n:
        given = len(args) + 1
        if field_defaults:
            takes = f'from {n + 1 - len(field_defaults)} to {n + 1}'
        else:
            takes = f'{n + 1}'
        raise TypeError(f'{fname}() takes {takes} positional arguments but {given} were given')
    values = list(args) + [_MISSING] * (n - len(args))
    for name, value in kwargs.items():
        if name not in field_names:
            raise TypeError(f"{fname}() got an unexpected keyword argument '{name}'")
        i = field_names.index(name)
        if values[i] is not _MISSING:
            raise TypeError(f"{fname}() got multiple values for argument '{name}'")
        values[i] = value
    missing = []
    for i, name in enumerate(field_names):
        if values[i] is _MISSING:
            if name in field_defaults:
                values[i] = field_defaults[name]
            else:
                missing.append(name)
    if missing:
        quoted = [f"'{m}'" for m in missing]
        if len(quoted) == 1:
            names = quoted[0]
        elif len(quoted) == 2:
            names = f'{quoted[0]} and {quoted[1]}'
        else:
            names = ', '.join(quoted[:-1]) + ', and ' + quoted[-1]
        s = '' if len(missing) == 1 else 's'
        raise TypeError(f'{fname}() missing {len(missing)} required positional argument{s}: {names}')
    return values


_MISSING = object()


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A new tuple subclass with named fields."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS
                    or name.startswith('_') or name in seen):
                field_names[index] = f'_{index}'
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid '
                             f'identifiers: {name!r}')
        if name in _KEYWORDS:
            raise ValueError('Type names and field names cannot be a '
                             f'keyword: {name!r}')
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: '
                             f'{name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(field_names), reversed(defaults)))))
    field_names = tuple(field_names)
    num_fields = len(field_names)
    repr_fmt = '(' + ', '.join(f'{name}=%r' for name in field_names) + ')'

    def __new__(_cls, *args, **kwargs):
        return tuple.__new__(_cls, _bind_fields(typename, field_names, field_defaults,
                                                args, kwargs))

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f'Expected {num_fields} arguments, got {len(result)}')
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name) if name in kwds else value
                             for name, value in zip(field_names, self)])
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result

    def __repr__(self):
        return self.__class__.__name__ + repr_fmt % tuple(self)

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    if module is None:
        module = _sys._getframemodulename(1) or '__main__'
    namespace = {
        '__doc__': f'{typename}({", ".join(field_names)})',
        '__slots__': (),
        '_fields': field_names,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': _make,
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': field_names,
        '__module__': module,
        '__qualname__': typename,
    }
    for index, name in enumerate(field_names):
        namespace[name] = _field_getter(index)
    return type(typename, (tuple,), namespace)
