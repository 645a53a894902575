"""dataclasses after CPython 3.11's Lib/dataclasses.py, without code generation: the
decorator reads the class's annotations and installs __init__, __repr__, __eq__ (and the
ordering methods, and frozen assignment checks) built from closures."""

__all__ = ["dataclass", "field", "fields", "asdict", "astuple", "replace",
           "FrozenInstanceError", "MISSING", "is_dataclass"]


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    pass


FrozenInstanceError.__module__ = "dataclasses"


class Field:
    def __init__(self, default, default_factory, init, repr, compare):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare

    def __repr__(self):
        return (f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
                f"default_factory={self.default_factory!r},init={self.init!r},"
                f"repr={self.repr!r},compare={self.compare!r})")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, compare)


def fields(class_or_instance):
    try:
        return tuple(class_or_instance.__dataclass_fields__.values())
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None


def is_dataclass(obj):
    return hasattr(obj, "__dataclass_fields__")


def _field_values(obj, only_compared=False):
    return tuple(getattr(obj, f.name) for f in fields(obj) if f.compare or not only_compared)


def asdict(obj):
    result = {}
    for f in fields(obj):
        result[f.name] = _copy_value(getattr(obj, f.name), asdict)
    return result


def astuple(obj):
    return tuple(_copy_value(getattr(obj, f.name), astuple) for f in fields(obj))


def _copy_value(value, convert):
    if is_dataclass(value) and not isinstance(value, type):
        return convert(value)
    if isinstance(value, list):
        return [_copy_value(v, convert) for v in value]
    if isinstance(value, tuple):
        return tuple(_copy_value(v, convert) for v in value)
    if isinstance(value, dict):
        return {_copy_value(k, convert): _copy_value(v, convert) for k, v in value.items()}
    return value


def replace(obj, **changes):
    values = {f.name: getattr(obj, f.name) for f in fields(obj) if f.init}
    values.update(changes)
    return obj.__class__(**values)


def _process_class(cls, init, repr, eq, order, frozen):
    annotations = cls.__dict__.get("__annotations__", {})
    own = {}
    for name, typ in annotations.items():
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = Field(default, MISSING, True, True, True)
        f.name, f.type = name, typ
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not "
                             f"allowed: use default_factory")
        own[name] = f
        if f.default is MISSING and isinstance(default, Field):
            try:
                delattr(cls, name)
            except AttributeError:
                pass
        elif f.default is not MISSING:
            setattr(cls, name, f.default)
    all_fields = {}
    for base in reversed(cls.__mro__[1:]):
        all_fields.update(getattr(base, "__dataclass_fields__", {}))
    all_fields.update(own)
    cls.__dataclass_fields__ = all_fields
    init_fields = [f for f in all_fields.values() if f.init]
    seen_default = False
    for f in init_fields:
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        seen_default = seen_default or has_default

    def set_field(self, name, value):
        if frozen:
            object.__setattr__(self, name, value)
        else:
            setattr(self, name, value)

    if init:
        def __init__(self, *args, **kwargs):
            if len(args) > len(init_fields):
                raise TypeError(f"{cls.__name__}.__init__() takes {len(init_fields) + 1} "
                                f"positional arguments but {len(args) + 1} were given")
            missing = []
            for i, f in enumerate(init_fields):
                if i < len(args):
                    if f.name in kwargs:
                        raise TypeError(f"{cls.__name__}.__init__() got multiple values for "
                                        f"argument '{f.name}'")
                    value = args[i]
                elif f.name in kwargs:
                    value = kwargs.pop(f.name)
                elif f.default is not MISSING:
                    value = f.default
                elif f.default_factory is not MISSING:
                    value = f.default_factory()
                else:
                    missing.append(f.name)
                    continue
                set_field(self, f.name, value)
            if missing:
                names = " and ".join(f"{m!r}" for m in missing) if len(missing) <= 2 else \
                    ", ".join(f"{m!r}" for m in missing[:-1]) + f", and {missing[-1]!r}"
                plural = "s" if len(missing) > 1 else ""
                raise TypeError(f"{cls.__name__}.__init__() missing {len(missing)} required "
                                f"positional argument{plural}: {names}")
            for name in kwargs:
                raise TypeError(f"{cls.__name__}.__init__() got an unexpected keyword "
                                f"argument '{name}'")
            for f in all_fields.values():
                if not f.init:
                    if f.default_factory is not MISSING:
                        set_field(self, f.name, f.default_factory())
                    elif f.default is not MISSING:
                        set_field(self, f.name, f.default)
            post_init = getattr(self, "__post_init__", None)
            if post_init is not None:
                post_init()
        cls.__init__ = __init__

    if repr and "__repr__" not in cls.__dict__:
        def __repr__(self):
            parts = ", ".join(f"{f.name}={getattr(self, f.name)!r}"
                              for f in all_fields.values() if f.repr)
            return f"{self.__class__.__qualname__}({parts})"
        cls.__repr__ = __repr__

    if eq and "__eq__" not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return _field_values(self, True) == _field_values(other, True)
            return NotImplemented
        cls.__eq__ = __eq__

    if order:
        def make(op):
            def compare(self, other):
                if other.__class__ is self.__class__:
                    return op(_field_values(self, True), _field_values(other, True))
                return NotImplemented
            return compare
        cls.__lt__ = make(lambda a, b: a < b)
        cls.__le__ = make(lambda a, b: a <= b)
        cls.__gt__ = make(lambda a, b: a > b)
        cls.__ge__ = make(lambda a, b: a >= b)

    if frozen:
        def __setattr__(self, name, value):
            raise FrozenInstanceError(f"cannot assign to field '{name}'")

        def __delattr__(self, name):
            raise FrozenInstanceError(f"cannot delete field '{name}'")
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, frozen)
    if cls is None:
        return wrap
    return wrap(cls)
