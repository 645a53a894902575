"""ProcessPoolExecutor, after CPython 3.11's Lib/concurrent/futures/process.py with the fork
start method: the first submit forks max_workers worker processes (ForkProcess-N) that take
call items from a call queue and answer on a result queue, which a collector thread of the
parent reads to settle the futures. As in CPython, at most max_workers + 1 calls wait in the
call queue besides the ones the workers are executing (those futures are running; later ones
stay pending and can be cancelled). Calls and
results cross the process boundary pickled, so an unpicklable callable fails its future with
CPython's PicklingError."""

import collections
import os
import threading

import _mp
import multiprocessing
from concurrent.futures import _base

EXTRA_QUEUED_CALLS = 1


class BrokenProcessPool(_base.BrokenExecutor):
    """A process in the pool terminated abruptly."""


BrokenProcessPool.__module__ = "concurrent.futures.process"


class ForkProcess(multiprocessing.Process):
    """A pool worker; CPython's fork context names them ForkProcess-N."""


def _process_worker(call_queue, result_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            return
    while True:
        call_item = call_queue.get(block=True)
        if call_item is None:
            return
        work_id, fn, args, kwargs = call_item
        try:
            r = fn(*args, **kwargs)
        except BaseException as e:
            result_queue.put((work_id, None, e))
        else:
            result_queue.put((work_id, r, None))


class ProcessPoolExecutor(_base.Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(),
                 *, max_tasks_per_child=None):
        if max_workers is None:
            self._max_workers = os.cpu_count() or 1
        else:
            if max_workers <= 0:
                raise ValueError("max_workers must be greater than 0")
            self._max_workers = max_workers
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._initializer = initializer
        self._initargs = initargs
        self._call_queue = multiprocessing.Queue()
        self._result_queue = multiprocessing.SimpleQueue()
        self._processes = []
        self._pending = {}
        self._waiting = collections.deque()
        self._in_queue = 0
        self._stop_sent = False
        self._queue_count = 0
        self._shutdown_thread = False
        self._shutdown_lock = threading.Lock()
        self._collector = None
        self._broken = False

    def _start_workers(self):
        if self._processes:
            return
        for _ in range(self._max_workers):
            p = ForkProcess(target=_process_worker,
                            args=(self._call_queue, self._result_queue,
                                  self._initializer, self._initargs))
            p.start()
            self._processes.append(p)
        self._collector = threading.Thread(target=self._collect, daemon=True)
        self._collector.start()
        threading._register_atexit(self._join_at_exit)

    def _fill_call_queue(self):
        """Moves waiting calls to the workers' queue (with the lock held)."""
        # In flight: up to one call executing per worker, plus the call queue's capacity.
        while self._waiting and self._in_queue < 2 * self._max_workers + EXTRA_QUEUED_CALLS:
            work_id, fn, args, kwargs = self._waiting.popleft()
            f = self._pending.get(work_id)
            if f is None or not f.set_running_or_notify_cancel():
                self._pending.pop(work_id, None)
                continue
            self._in_queue += 1
            self._call_queue.put((work_id, fn, args, kwargs))
        if self._shutdown_thread and not self._waiting and not self._stop_sent:
            self._stop_sent = True
            for _ in self._processes:
                self._call_queue.put(None)

    def _collect(self):
        while True:
            item = self._result_queue.get()
            if item is None:
                return
            work_id, result, exc = item
            with self._shutdown_lock:
                self._in_queue -= 1
                self._fill_call_queue()
            f = self._pending.pop(work_id, None)
            if f is None:
                continue
            if exc is not None:
                f.set_exception(exc)
            else:
                f.set_result(result)

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._shutdown_thread:
                raise RuntimeError("cannot schedule new futures after shutdown")
            f = _base.Future()
            work_id = self._queue_count
            self._queue_count += 1
            self._start_workers()
            try:
                # CPython pickles the call in the queue's feeder thread; a failure fails
                # the future rather than the submit.
                _mp.dumps((fn, args, kwargs))
            except Exception as e:
                f.set_exception(e)
                return f
            self._pending[work_id] = f
            self._waiting.append((work_id, fn, args, kwargs))
            self._fill_call_queue()
            return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        return super().map(fn, *iterables, timeout=timeout)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown_thread = True
            if cancel_futures:
                while self._waiting:
                    work_id = self._waiting.popleft()[0]
                    f = self._pending.pop(work_id, None)
                    if f is not None:
                        f.cancel()
            if self._processes:
                self._fill_call_queue()
        if wait and self._processes:
            self._join_workers()

    def _join_workers(self):
        for p in self._processes:
            p.join()
        if self._collector is not None and self._collector.is_alive():
            self._result_queue.put(None)
            self._collector.join()

    def _join_at_exit(self):
        if not self._shutdown_thread:
            self.shutdown(wait=True)
        else:
            self._join_workers()

    shutdown.__doc__ = _base.Executor.shutdown.__doc__
