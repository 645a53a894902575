"""asyncio's exceptions, Future and callback handles, after CPython 3.11's
Lib/asyncio/exceptions.py, futures.py and events.py (Handle, TimerHandle). Callbacks of a
future are scheduled with call_soon in registration order, as CPython does."""

import _coroutines


class CancelledError(BaseException):
    """The Future or Task was cancelled."""


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""


class IncompleteReadError(EOFError):
    pass


class LimitOverrunError(Exception):
    pass


class SendfileNotAvailableError(RuntimeError):
    pass


for _cls in (CancelledError, InvalidStateError, IncompleteReadError, LimitOverrunError,
             SendfileNotAvailableError):
    _cls.__module__ = "asyncio.exceptions"

_PENDING = "PENDING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"

# The running loop, set by the loop while it runs (one loop per thread in practice).
_running_loops = {}


def _get_running_loop():
    import threading
    return _running_loops.get(threading.get_ident())


def _set_running_loop(loop):
    import threading
    if loop is None:
        _running_loops.pop(threading.get_ident(), None)
    else:
        _running_loops[threading.get_ident()] = loop


def get_running_loop():
    loop = _get_running_loop()
    if loop is None:
        raise RuntimeError("no running event loop")
    return loop


def _format_callback_name(fn):
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    return name if name else repr(fn)


class Future:
    _asyncio_future_blocking = False
    _log_traceback = False
    # Which task step completed it, and when (`_coroutines.done_mark()`): the trace's record
    # of what a task awaiting it was woken by. Callbacks that complete a future for another
    # (gather, wait_for, ...) pass theirs on.
    _done_mark = None

    def __init__(self, *, loop=None):
        if loop is None:
            import _asyncio_loop
            loop = _asyncio_loop.get_event_loop()
        self._loop = loop
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None
        self._cancelled_exc = None

    def _repr_info(self):
        info = [self._state.lower()]
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append(f"exception={self._exception!r}")
            else:
                info.append(f"result={self._result!r}")
        if self._callbacks:
            names = [_format_callback_name(cb) for cb in self._callbacks]
            if len(names) > 2:
                names = [names[0], f"<{len(names) - 2} more>", names[-1]]
            info.append(f"cb=[{', '.join(names)}]")
        return info

    def __repr__(self):
        return f"<{self.__class__.__name__} {' '.join(self._repr_info())}>"

    def get_loop(self):
        return self._loop

    def _make_cancelled_error(self):
        if self._cancelled_exc is not None:
            exc = self._cancelled_exc
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def cancel(self, msg=None):
        self._log_traceback = False
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self.__schedule_callbacks()
        return True

    def __schedule_callbacks(self):
        callbacks = self._callbacks[:]
        if not callbacks:
            return
        mark = _coroutines.done_mark()
        if mark is not None:
            self._done_mark = mark
        self._callbacks[:] = []
        for callback in callbacks:
            self._loop.call_soon(callback, self)

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()  # cpython-hidden
        if self._state != _FINISHED:
            raise InvalidStateError("Result is not set.")  # cpython-hidden
        self._log_traceback = False
        if self._exception is not None:
            raise self._exception  # cpython-hidden
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError("Exception is not set.")
        self._log_traceback = False
        return self._exception

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        filtered = [f for f in self._callbacks if f != fn]
        removed = len(self._callbacks) - len(filtered)
        if removed:
            self._callbacks[:] = filtered
        return removed

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError(f"{self._state}: {self!r}")
        self._result = result
        self._state = _FINISHED
        self.__schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError(f"{self._state}: {self!r}")
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError("StopIteration interacts badly with generators "
                            "and cannot be raised into a Future")
        self._exception = exception
        self._state = _FINISHED
        self.__schedule_callbacks()
        self._log_traceback = True

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()  # cpython-hidden

    __iter__ = __await__


def isfuture(obj):
    return getattr(obj, "_asyncio_future_blocking", None) is not None and \
        not isinstance(obj, type)


def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)


class Handle:
    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._loop = loop
        self._cancelled = False

    def __repr__(self):
        info = [self.__class__.__name__]
        if self._cancelled:
            info.append("cancelled")
        info.append(_format_callback_name(self._callback) + "()")
        return "<" + " ".join(info) + ">"

    def cancel(self):
        if not self._cancelled:
            self._cancelled = True
            self._callback = None
            self._args = None

    def cancelled(self):
        return self._cancelled

    def _run(self):
        try:
            self._callback(*self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop.call_exception_handler({
                "message": f"Exception in callback {_format_callback_name(self._callback)}()",
                "exception": exc,
                "handle": self,
            })


class TimerHandle(Handle):
    def __init__(self, when, callback, args, loop):
        super().__init__(callback, args, loop)
        self._when = when
        self._scheduled = False

    # Only `<` decides the heap order, as in CPython: equal deadlines keep heapq's order.
    def __lt__(self, other):
        return self._when < other._when

    def __le__(self, other):
        return self._when <= other._when

    def __gt__(self, other):
        return self._when > other._when

    def __ge__(self, other):
        return self._when >= other._when

    def cancel(self):
        if not self._cancelled:
            self._loop._timer_handle_cancelled(self)
        super().cancel()

    def when(self):
        return self._when


def iscoroutine(obj):
    return _coroutines.kind(obj) == "coroutine"


def iscoroutinefunction(func):
    return _coroutines.is_coroutine_function(func)
