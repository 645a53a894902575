"""asyncio's Task and the functions that combine awaitables (gather, wait, wait_for,
as_completed, shield, sleep, timeout), after CPython 3.11's Lib/asyncio/tasks.py and
timeouts.py. A task steps its coroutine with send()/throw() from loop callbacks, exactly as
Task.__step does, so the order of everything printed follows CPython's."""

import _coroutines
from _asyncio_futures import (CancelledError, InvalidStateError, Future, isfuture,
                              _get_running_loop, get_running_loop,
                              _set_result_unless_cancelled, iscoroutine)
import _asyncio_loop

_task_name_counter = 0
_all_tasks = {}
_current_tasks = {}
_finished_count = 0
# Tasks that ended with an exception: if nobody retrieves it, the loop's close reports it, as
# CPython does when such a task is garbage-collected.
_failed_tasks = []


def _report_unretrieved(loop):
    global _failed_tasks
    for task in _failed_tasks:
        if task._loop is loop and task._log_traceback:
            task._log_traceback = False
            loop.call_exception_handler({
                "message": "Task exception was never retrieved",
                "exception": task._exception,
                "future": task,
            })
    _failed_tasks = [t for t in _failed_tasks if t._loop is not loop]


def _next_task_name():
    global _task_name_counter
    _task_name_counter += 1
    return f"Task-{_task_name_counter}"


class Task(Future):
    _log_destroy_pending = True

    def __init__(self, coro, *, loop=None, name=None, context=None):
        super().__init__(loop=loop)
        if not iscoroutine(coro):
            self._log_destroy_pending = False
            raise TypeError(f"a coroutine was expected, got {coro!r}")
        if name is None:
            self._name = _next_task_name()
        else:
            self._name = str(name)
        self._num_cancels_requested = 0
        self._must_cancel = False
        self._fut_waiter = None
        self._coro = coro
        self._trace_index = _coroutines.task_created(self._name)
        self._loop.call_soon(self.__step)
        _all_tasks[id(self)] = self

    def _coro_location(self):
        return _coroutines.describe(self._coro)

    def __repr__(self):
        info = [self._state.lower()]
        if self._must_cancel and self._state == "PENDING":
            info[0] = "cancelling"
        info.append(f"name={self._name!r}")
        info.append(f"coro=<{_coroutines.describe(self._coro)}>")
        if self._state == "FINISHED":
            if self._exception is not None:
                info.append(f"exception={self._exception!r}")
            else:
                info.append(f"result={self._result!r}")
        if self._fut_waiter is not None:
            info.append(f"wait_for={self._fut_waiter!r}")
        return f"<Task {' '.join(info)}>"

    def get_coro(self):
        return self._coro

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def set_result(self, result):
        raise RuntimeError("Task does not support set_result operation")

    def set_exception(self, exception):
        raise RuntimeError("Task does not support set_exception operation")

    def get_stack(self, *, limit=None):
        return []

    def cancel(self, msg=None):
        self._log_traceback = False
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def __step(self, exc=None, waker=None):
        if self.done():
            raise InvalidStateError(f"_step(): already done: {self!r}, {exc!r}")
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        coro = self._coro
        self._fut_waiter = None
        loop = self._loop
        _current_tasks[loop] = self
        _coroutines.step_begin(self._trace_index, waker)
        try:
            if exc is None:
                result = coro.send(None)  # cpython-hidden
            else:
                result = coro.throw(exc)  # cpython-hidden
        except StopIteration as stop:
            if self._must_cancel:
                self._must_cancel = False
                super().cancel(msg=self._cancel_message)
            else:
                Future.set_result(self, stop.value)
            self._finished()
        except CancelledError as cancelled:
            self._cancelled_exc = cancelled
            super().cancel()
            self._finished()
        except (KeyboardInterrupt, SystemExit) as fatal:
            Future.set_exception(self, fatal)
            self._finished()
            raise
        except BaseException as error:
            Future.set_exception(self, error)
            _failed_tasks.append(self)
            self._finished()
        else:
            blocking = getattr(result, "_asyncio_future_blocking", None)
            if blocking is not None:
                if result.get_loop() is not self._loop:
                    new_exc = RuntimeError(
                        f"Task {self!r} got Future {result!r} attached to a different loop")
                    self._loop.call_soon(self.__step, new_exc)
                elif blocking:
                    if result is self:
                        new_exc = RuntimeError(f"Task cannot await on itself: {self!r}")
                        self._loop.call_soon(self.__step, new_exc)
                    else:
                        result._asyncio_future_blocking = False
                        result.add_done_callback(self.__wakeup)
                        self._fut_waiter = result
                        if self._must_cancel:
                            if self._fut_waiter.cancel(msg=self._cancel_message):
                                self._must_cancel = False
                else:
                    new_exc = RuntimeError(
                        f"yield was used instead of yield from in task {self!r} with {result!r}")
                    self._loop.call_soon(self.__step, new_exc)
            elif result is None:
                self._loop.call_soon(self.__step)
            else:
                new_exc = RuntimeError(f"Task got bad yield: {result!r}")
                self._loop.call_soon(self.__step, new_exc)
        finally:
            _coroutines.step_end(len(loop._ready))
            if _current_tasks.get(loop) is self:
                del _current_tasks[loop]

    def _finished(self):
        # Finished tasks are dropped in batches: deleting from the middle of a dict is O(n)
        # in the engine, and all_tasks() filters on done() anyway.
        global _finished_count, _all_tasks
        _finished_count += 1
        if _finished_count >= 1000 and _finished_count * 2 >= len(_all_tasks):
            _all_tasks = {k: t for k, t in _all_tasks.items() if not t.done()}
            _finished_count = 0

    def __wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            self.__step(exc, future._done_mark)
        else:
            self.__step(None, future._done_mark)


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return _current_tasks.get(loop)


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return {t for t in list(_all_tasks.values()) if t._loop is loop and not t.done()}


def create_task(coro, *, name=None, context=None):
    loop = get_running_loop()
    return loop.create_task(coro, name=name)


def ensure_future(coro_or_future, *, loop=None):
    if isfuture(coro_or_future):
        return coro_or_future
    if iscoroutine(coro_or_future):
        if loop is None:
            loop = _asyncio_loop.get_event_loop()
        return loop.create_task(coro_or_future)
    await_method = getattr(coro_or_future, "__await__", None)
    if await_method is not None:
        return ensure_future(_wrap_awaitable(coro_or_future), loop=loop)
    raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


async def _wrap_awaitable(awaitable):
    return await awaitable


class _Sleep0:
    """`await sleep(0)`: a bare yield, which gives up exactly one loop iteration."""

    def __await__(self):
        yield


async def sleep(delay, result=None):
    if delay <= 0:
        await _Sleep0()
        return result
    loop = get_running_loop()
    future = loop.create_future()
    future._interleave_owner = f"asyncio.sleep({delay!r})"
    h = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        h.cancel()


class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        loop = _asyncio_loop.get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer

    nfuts = 0
    nfinished = 0
    children = []
    outer = None
    loop = None

    def _done_callback(fut):
        nonlocal nfinished
        nfinished += 1
        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()
            return
        outer._done_mark = fut._done_mark
        if not return_exceptions:
            if fut.cancelled():
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
                return
            else:
                exc = fut.exception()
                if exc is not None:
                    outer.set_exception(exc)
                    return
        if nfinished == nfuts:
            results = []
            for child in children:
                if child.cancelled():
                    res = CancelledError(
                        "" if child._cancel_message is None else child._cancel_message)
                else:
                    res = child.exception()
                    if res is None:
                        res = child.result()
                results.append(res)
            if outer._cancel_requested:
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
            else:
                outer.set_result(results)

    arg_to_fut = {}
    for arg in coros_or_futures:
        key = id(arg)
        if key not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut.get_loop()
            if fut is not arg:
                fut._log_destroy_pending = False
            nfuts += 1
            arg_to_fut[key] = fut
            fut.add_done_callback(_done_callback)
        else:
            fut = arg_to_fut[key]
        children.append(fut)

    outer = _GatheringFuture(children, loop=loop)
    outer._interleave_owner = "asyncio.gather()"
    return outer


def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner.get_loop()
    outer = loop.create_future()

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        outer._done_mark = inner._done_mark
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
    if not fs:
        raise ValueError("Set of Tasks/Futures is empty.")
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f"Invalid return_when value: {return_when}")
    fs = set(fs)
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    loop = get_running_loop()
    return await _wait(fs, timeout, return_when, loop)


def _release_waiter(waiter, *args):
    if not waiter.done():
        if args:
            waiter._done_mark = getattr(args[0], "_done_mark", None)
        waiter.set_result(None)


async def _wait(fs, timeout, return_when, loop):
    assert fs, "Set of Futures is empty."
    waiter = loop.create_future()
    waiter._interleave_owner = "asyncio.wait()"
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or
                return_when == FIRST_COMPLETED or
                return_when == FIRST_EXCEPTION and (not f.cancelled() and
                                                    f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter._done_mark = f._done_mark
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


async def _cancel_and_wait(fut, loop):
    waiter = loop.create_future()

    def cb(fut):
        _release_waiter(waiter, fut)

    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    waiter._interleave_owner = f"asyncio.wait_for(timeout={timeout!r})"
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)

    def cb(f):
        _release_waiter(waiter, f)

    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            else:
                fut.remove_done_callback(cb)
                await _cancel_and_wait(fut, loop=loop)
                raise
        if fut.done():
            return fut.result()
        else:
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut, loop=loop)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


def as_completed(fs, *, timeout=None):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")
    import _asyncio_queues
    done = _asyncio_queues.Queue()
    loop = _asyncio_loop.get_event_loop()
    todo = {}
    for f in fs:
        task = ensure_future(f, loop=loop)
        todo[id(task)] = task
    timeout_handle = None

    def _on_timeout():
        for f in list(todo.values()):
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    def _on_completion(f):
        if not todo:
            return
        todo.pop(id(f), None)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in list(todo.values()):
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


class Timeout:
    """`async with asyncio.timeout(delay)` (3.11): cancels the task at the deadline and turns
    that cancellation into TimeoutError on exit."""

    def __init__(self, when):
        self._state = "CREATED"
        self._timeout_handler = None
        self._task = None
        self._when = when

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
        self._when = when
        if when is None:
            self._timeout_handler = None
        else:
            loop = get_running_loop()
            if when <= loop.time():
                self._timeout_handler = loop.call_soon(self._on_timeout)
            else:
                self._timeout_handler = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state in ("EXPIRING", "EXPIRED")

    def __repr__(self):
        info = [""]
        if self._state == "ENTERED":
            info.append(f"when={self._when!r}")
        return f"<Timeout [{self._state.lower()}]{' '.join(info)}>"

    async def __aenter__(self):
        self._state = "ENTERED"
        self._task = current_task()
        self._cancelling = self._task.cancelling()
        if self._task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
            self._timeout_handler = None
        if self._state == "EXPIRING":
            self._state = "EXPIRED"
            if self._task.uncancel() <= self._cancelling and exc_type is CancelledError:
                raise TimeoutError from exc_val
        elif self._state == "ENTERED":
            self._state = "EXITED"
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._state = "EXPIRING"
        self._timeout_handler = None


def timeout(delay):
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()

    def func_call():
        return func(*args, **kwargs)

    return await loop.run_in_executor(None, func_call)


def run_coroutine_threadsafe(coro, loop):
    import concurrent.futures
    if not iscoroutine(coro):
        raise TypeError("A coroutine object is required")
    future = concurrent.futures.Future()

    def callback():
        try:
            task = ensure_future(coro, loop=loop)

            def copy(t):
                if t.cancelled():
                    future.cancel()
                elif t.exception() is not None:
                    future.set_exception(t.exception())
                else:
                    future.set_result(t.result())
            task.add_done_callback(copy)
        except BaseException as exc:
            future.set_exception(exc)
            raise

    loop.call_soon_threadsafe(callback)
    return future
