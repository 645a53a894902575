"""asyncio.run and Runner, after CPython 3.11's Lib/asyncio/runners.py: the main coroutine
becomes Task-1, and on the way out every task still pending is cancelled and awaited before the
loop closes."""

from _asyncio_futures import iscoroutine, _get_running_loop
from _asyncio_loop import new_event_loop, set_event_loop
from _asyncio_tasks import all_tasks, gather, _report_unretrieved


def _cancel_all_tasks(loop):
    to_cancel = all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


class Runner:
    def __init__(self, *, debug=None, loop_factory=None):
        self._state = "CREATED"
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != "INITIALIZED":
            return
        try:
            loop = self._loop
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()
            _report_unretrieved(loop)
            self._loop = None
            self._state = "CLOSED"

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError(f"a coroutine was expected, got {coro!r}")
        if _get_running_loop() is not None:
            raise RuntimeError(
                "Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        task = self._loop.create_task(coro)
        return self._loop.run_until_complete(task)  # cpython-line 118

    def _lazy_init(self):
        if self._state == "CLOSED":
            raise RuntimeError("Runner is closed")
        if self._state == "INITIALIZED":
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            set_event_loop(self._loop)
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._state = "INITIALIZED"


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError(
            "asyncio.run() cannot be called from a running event loop")
    with Runner(debug=debug) as runner:
        return runner.run(main)  # cpython-line 190
