"""asyncio's event loop, after CPython 3.11's Lib/asyncio/base_events.py: a FIFO ready queue of
callbacks, a heap of timers, and _run_once's exact order (expired timers join the ready queue,
then exactly the callbacks that were ready run). The selector's wait is an Event wait with a
timeout rounded up to whole milliseconds as epoll does, so other threads (to_thread,
run_in_executor, call_soon_threadsafe) can wake the loop, and a loop with nothing left to do
blocks for ever, which the engine reports as a deadlock."""

import collections
import heapq
import math
import sys
import threading
import time

import _coroutines
from _asyncio_futures import (CancelledError, Future, Handle, TimerHandle, _get_running_loop,
                              _set_running_loop, _format_callback_name)

_MIN_SCHEDULED_TIMER_HANDLES = 100
_MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5
MAXIMUM_SELECT_TIMEOUT = 24 * 3600
_SLOW_CALLBACK_DURATION = 0.1


class _Selector:
    """The loop's wait for I/O: here only a wake-up from another thread, or a timeout."""

    def __init__(self):
        self._wakeup = threading.Event()

    def select(self, timeout):
        if timeout is not None and timeout <= 0:
            if self._wakeup.is_set():
                self._wakeup.clear()
            return
        if timeout is not None:
            timeout = math.ceil(timeout * 1e3) * 1e-3
        self._wakeup.wait(timeout)
        self._wakeup.clear()

    def wake(self):
        self._wakeup.set()


class EventLoop:
    def __init__(self):
        self._ready = collections.deque()
        self._scheduled = []
        self._stopping = False
        self._closed = False
        self._thread_id = None
        self._timer_cancelled_count = 0
        self._clock_resolution = 1e-09
        self._debug = _coroutines.debug_default()
        self._selector = _Selector()
        self._default_executor = None
        self._exception_handler = None
        self._task_factory = None
        self.slow_callback_duration = _SLOW_CALLBACK_DURATION

    def __repr__(self):
        return (f"<_UnixSelectorEventLoop running={self.is_running()} "
                f"closed={self._closed} debug={self._debug}>")

    def time(self):
        return time.monotonic()

    def is_running(self):
        return self._thread_id is not None

    def is_closed(self):
        return self._closed

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = enabled

    def _check_closed(self):
        if self._closed:
            raise RuntimeError("Event loop is closed")

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        import _asyncio_tasks
        if self._task_factory is None:
            task = _asyncio_tasks.Task(coro, loop=self, name=name)
        else:
            task = self._task_factory(self, coro)
            if name is not None:
                task.set_name(name)
        return task

    def set_task_factory(self, factory):
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self)
        self._ready.append(handle)
        return handle

    def call_soon_threadsafe(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self)
        self._ready.append(handle)
        self._selector.wake()
        return handle

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError("delay must not be None")
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        timer = TimerHandle(when, callback, args, self)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            self._timer_cancelled_count += 1

    def stop(self):
        self._stopping = True

    def run_forever(self):
        self._check_closed()
        if self.is_running():
            raise RuntimeError("This event loop is already running")
        if _get_running_loop() is not None:
            raise RuntimeError("Cannot run the event loop while another loop is running")
        self._thread_id = threading.get_ident()
        _set_running_loop(self)
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._thread_id = None
            _set_running_loop(None)

    def run_until_complete(self, future):
        self._check_closed()
        if self.is_running():
            raise RuntimeError("This event loop is already running")
        import _asyncio_tasks
        new_task = not _asyncio_futures_isfuture(future)
        future = _asyncio_tasks.ensure_future(future, loop=self)
        if new_task:
            future._log_destroy_pending = False
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return future.result()  # cpython-line 653

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._scheduled.clear()
        executor = self._default_executor
        if executor is not None:
            self._default_executor = None
            executor.shutdown(wait=False)

    async def shutdown_asyncgens(self):
        return

    async def shutdown_default_executor(self):
        if self._default_executor is None:
            return
        future = self.create_future()
        executor = self._default_executor

        def _do_shutdown():
            try:
                executor.shutdown(wait=True)
                self.call_soon_threadsafe(_set_result_if_pending, future, None)
            except Exception as ex:
                self.call_soon_threadsafe(future.set_exception, ex)

        thread = threading.Thread(target=_do_shutdown)
        thread.start()
        try:
            await future
        finally:
            thread.join()

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            executor = self._default_executor
            if executor is None:
                import concurrent.futures
                executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio")
                self._default_executor = executor
        return wrap_future(executor.submit(func, *args), loop=self)

    def set_default_executor(self, executor):
        self._default_executor = executor

    def set_exception_handler(self, handler):
        self._exception_handler = handler

    def get_exception_handler(self):
        return self._exception_handler

    def default_exception_handler(self, context):
        message = context.get("message") or "Unhandled exception in event loop"
        exception = context.get("exception")
        lines = [message]
        for key in sorted(context):
            if key in ("message", "exception"):
                continue
            value = context[key]
            if key == "source_traceback":
                continue
            lines.append(f"{key}: {value!r}")
        text = "\n".join(lines)
        if exception is not None:
            text += "\n" + _coroutines.format_exception(exception).rstrip("\n")
        print(text, file=sys.stderr)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            self.default_exception_handler(context)
        else:
            self._exception_handler(self, context)

    def _run_once(self):
        sched_count = len(self._scheduled)
        if (sched_count > _MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / sched_count >
                _MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            new_scheduled = []
            for handle in self._scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    new_scheduled.append(handle)
            heapq.heapify(new_scheduled)
            self._scheduled = new_scheduled
            self._timer_cancelled_count = 0
        else:
            while self._scheduled and self._scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = heapq.heappop(self._scheduled)
                handle._scheduled = False

        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif self._scheduled:
            when = self._scheduled[0]._when
            timeout = min(max(0, when - self.time()), MAXIMUM_SELECT_TIMEOUT)

        if timeout is None:
            _coroutines.loop_idle(self._idle_report())
        self._selector.select(timeout)
        if timeout is None:
            _coroutines.loop_idle([])

        end_time = self.time() + self._clock_resolution
        while self._scheduled:
            handle = self._scheduled[0]
            if handle._when >= end_time:
                break
            handle = heapq.heappop(self._scheduled)
            handle._scheduled = False
            self._ready.append(handle)

        ntodo = len(self._ready)
        for i in range(ntodo):
            handle = self._ready.popleft()
            if handle._cancelled:
                continue
            t0 = self.time()
            handle._run()
            dt = self.time() - t0
            if dt >= self.slow_callback_duration:
                _coroutines.slow_callback(_describe_handle(handle), dt, self._debug)

    def _idle_report(self):
        """What every task waits for, for the deadlock report when the loop would wait for
        ever."""
        import _asyncio_tasks
        waits = []
        for task in _asyncio_tasks.all_tasks(self):
            waits.append(f"{task.get_name()} waits in {task._coro_location()}"
                         f" for {_describe_waiter(task._fut_waiter)}")
        return waits


def _describe_waiter(fut):
    if fut is None:
        return "nothing"
    owner = getattr(fut, "_interleave_owner", None)
    if owner is not None:
        return owner
    return repr(fut)


def _describe_handle(handle):
    callback = handle._callback
    task = getattr(callback, "__self__", None)
    if task is not None and hasattr(task, "_coro_location"):
        return repr(task)
    return repr(handle)


def _asyncio_futures_isfuture(obj):
    return getattr(obj, "_asyncio_future_blocking", None) is not None


def _run_until_complete_cb(fut):
    fut.get_loop().stop()


def _set_result_if_pending(fut, result):
    if not fut.done():
        fut.set_result(result)


def wrap_future(future, *, loop=None):
    """A concurrent.futures.Future seen as an asyncio Future of `loop`."""
    if _asyncio_futures_isfuture(future):
        return future
    if loop is None:
        loop = get_event_loop()
    new_future = loop.create_future()

    def _copy_state(source):
        if new_future.cancelled():
            return
        if source.cancelled():
            new_future.cancel()
            return
        exc = source.exception()
        if exc is not None:
            new_future.set_exception(exc)
        else:
            new_future.set_result(source.result())

    def _call_check_cancel(dest):
        if dest.cancelled():
            future.cancel()

    def _call_set_state(source):
        if loop.is_closed():
            return
        loop.call_soon_threadsafe(_copy_state, source)

    new_future.add_done_callback(_call_check_cancel)
    future.add_done_callback(_call_set_state)
    return new_future


_event_loop = None


def new_event_loop():
    return EventLoop()


def get_event_loop():
    global _event_loop
    running = _get_running_loop()
    if running is not None:
        return running
    if _event_loop is None or _event_loop.is_closed():
        _event_loop = EventLoop()
    return _event_loop


def set_event_loop(loop):
    global _event_loop
    _event_loop = loop
