"""concurrent.futures, laid out as CPython 3.11's package: the shared machinery in `_base`,
the executors in `thread` (and `process`, when the engine ships it), both loaded on first
use through the module's `__getattr__` as CPython does."""

from concurrent.futures._base import (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED,
                                      CancelledError, TimeoutError, InvalidStateError,
                                      BrokenExecutor, Future, Executor, wait, as_completed)

__all__ = (
    'FIRST_COMPLETED',
    'FIRST_EXCEPTION',
    'ALL_COMPLETED',
    'CancelledError',
    'TimeoutError',
    'BrokenExecutor',
    'Future',
    'Executor',
    'wait',
    'as_completed',
    'ProcessPoolExecutor',
    'ThreadPoolExecutor',
)


def __dir__():
    return __all__ + ('__author__', '__doc__')


def __getattr__(name):
    global ProcessPoolExecutor, ThreadPoolExecutor
    if name == 'ThreadPoolExecutor':
        from concurrent.futures.thread import ThreadPoolExecutor as executor
        ThreadPoolExecutor = executor
        return executor
    if name == 'ProcessPoolExecutor':
        try:
            from concurrent.futures.process import ProcessPoolExecutor as executor
        except ModuleNotFoundError as e:
            if str(e) != "No module named 'concurrent.futures.process'":
                raise
            raise ImportError("interleave does not model ProcessPoolExecutor: "
                              "no module named 'concurrent.futures.process'") from None
        ProcessPoolExecutor = executor
        return executor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
