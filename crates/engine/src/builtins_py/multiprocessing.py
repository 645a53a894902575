"""Processes, queues, pipes, shared memory, pools and managers, on the engine's _mp module.

Written for Interleave after CPython 3.11's Lib/multiprocessing with the fork start method:
Process.start forks (the child gets a copy of this process's memory and runs
Process._bootstrap), Process.join waits for the child's exit, queues and pipes pickle what
they carry, Value and Array live in memory shared by every process, and Pool workers are
daemonic ForkPoolWorker processes fed by a task queue and answered through a result queue
that a thread of the parent reads.
"""

import _mp
import os
import sys
import threading
from queue import Empty, Full

__all__ = [
    "Process", "current_process", "parent_process", "active_children", "cpu_count",
    "Queue", "SimpleQueue", "JoinableQueue", "Pipe", "Lock", "RLock", "Semaphore",
    "BoundedSemaphore", "Condition", "Event", "Barrier", "Value", "Array", "RawValue",
    "RawArray", "Pool", "Manager", "ProcessError", "TimeoutError", "get_start_method",
]


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


def cpu_count():
    return os.cpu_count()


def get_start_method(allow_none=False):
    return "fork"


def set_start_method(method, force=False):
    if method != "fork":
        raise ValueError("interleave simulates the fork start method only")


def get_context(method=None):
    return _default_context


def freeze_support():
    pass


# ---- processes (multiprocessing/process.py, popen_fork.py) ----

_process_counter = 0


def _next_count():
    global _process_counter
    _process_counter += 1
    return _process_counter


_exitcode_to_name = {-15: "-SIGTERM", -9: "-SIGKILL", -2: "-SIGINT", -1: "-SIGHUP"}


class _Popen:
    """A forked child: its index in the engine, its pid, the lock it holds while alive."""

    def __init__(self, process_obj):
        process_obj._fork_ident = threading.get_ident()
        self.index, self.pid, self._done = _mp.fork(process_obj._bootstrap, process_obj._name)
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            self.returncode = _mp.exitcode(self.index)
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            if timeout is None:
                got = self._done.acquire()
            else:
                got = self._done.acquire(True, max(timeout, 0))
            if not got:
                return None
            self._done.release()
        return self.poll()

    def terminate(self):
        if self.poll() is None:
            _mp.kill(self.index, 15)

    def kill(self):
        if self.poll() is None:
            _mp.kill(self.index, 9)


class BaseProcess:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, "group argument must be None for now"
        count = _next_count()
        self._identity = _current_process._identity + (count,)
        self._config = {}
        self._parent_pid = os.getpid()
        self._parent_name = _current_process.name
        self._popen = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + "-" + ":".join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)  # cpython-line 108

    def start(self):
        self._check_closed()
        assert self._popen is None, "cannot start a process twice"
        assert self._parent_pid == os.getpid(), \
            "can only start a process object created by current process"
        assert not _current_process._config.get("daemon"), \
            "daemonic processes are not allowed to have children"
        _cleanup()
        self._popen = _Popen(self)
        del self._target, self._args, self._kwargs
        _children.append(self)

    def terminate(self):
        self._check_closed()
        self._popen.terminate()

    def kill(self):
        self._check_closed()
        self._popen.kill()

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == os.getpid(), "can only join a child process"
        assert self._popen is not None, "can only join a started process"
        res = self._popen.wait(timeout)
        if res is not None and self in _children:
            _children.remove(self)

    def is_alive(self):
        self._check_closed()
        if self is _current_process:
            return True
        assert self._parent_pid == os.getpid(), "can only test a child process"
        if self._popen is None:
            return False
        returncode = self._popen.poll()
        if returncode is None:
            return True
        if self in _children:
            _children.remove(self)
        return False

    def close(self):
        if self._popen is not None:
            if self._popen.poll() is None:
                raise ValueError("Cannot close a process while it is still running. "
                                 "You should first call join() or terminate().")
            self._popen = None
            if self in _children:
                _children.remove(self)
        self._closed = True

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), "name must be a string"
        self._name = name

    @property
    def daemon(self):
        return self._config.get("daemon", False)

    @daemon.setter
    def daemon(self, daemonic):
        assert self._popen is None, "process has already started"
        self._config["daemon"] = daemonic

    @property
    def exitcode(self):
        self._check_closed()
        if self._popen is None:
            return self._popen
        return self._popen.poll()

    @property
    def ident(self):
        self._check_closed()
        if self is _current_process:
            return os.getpid()
        return self._popen and self._popen.pid

    pid = ident

    @property
    def sentinel(self):
        self._check_closed()
        return self._popen and self._popen.index

    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = "started"
        elif self._closed:
            status = "closed"
        elif self._parent_pid != os.getpid():
            status = "unknown"
        elif self._popen is None:
            status = "initial"
        else:
            exitcode = self._popen.poll()
            if exitcode is not None:
                status = "stopped"
            else:
                status = "started"
        info = [type(self).__name__, "name=%r" % self._name]
        if self._popen is not None:
            info.append("pid=%s" % self._popen.pid)
        info.append("parent=%s" % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            exitcode = _exitcode_to_name.get(exitcode, exitcode)
            info.append("exitcode=%s" % exitcode)
        if self.daemon:
            info.append("daemon")
        return "<%s>" % " ".join(info)

    def _bootstrap(self):
        """The child's first and last Python frame: returns its exit code."""
        global _current_process, _parent_process, _process_counter, _children
        try:
            threading._after_fork(self._fork_ident)
            _children = []
            _process_counter = 0
            _parent_process = _ParentProcess(self._parent_name, self._parent_pid)
            _current_process = self
            try:
                self.run()  # cpython-line 314
                exitcode = 0
            finally:
                _exit_function()
        except SystemExit as e:
            code = e.args[0] if e.args else None
            if code is None:
                exitcode = 0
            elif isinstance(code, int):
                exitcode = code
            else:
                print(str(code), file=sys.stderr, flush=True)
                exitcode = 1
        except BaseException as e:
            exitcode = 1
            print("Process %s:" % self.name, file=sys.stderr, flush=True)
            threading._print_exception(e)
        finally:
            threading._shutdown()
            _mp.exit_delay()
        return exitcode


class Process(BaseProcess):
    pass


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._name = "MainProcess"
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {}

    def close(self):
        pass


class _ParentProcess(BaseProcess):
    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {}

    def is_alive(self):
        return True

    @property
    def ident(self):
        return self._pid

    pid = ident

    def join(self, timeout=None):
        pass


_current_process = _MainProcess()
_parent_process = None
_children = []


def current_process():
    return _current_process


def parent_process():
    return _parent_process


def _cleanup():
    for p in list(_children):
        if p._popen is not None and p._popen.poll() is not None:
            _children.remove(p)


def active_children():
    _cleanup()
    return list(_children)


def _exit_function():
    """At exit (atexit in the main process, the end of _bootstrap in a child): terminate
    daemonic children, join the others."""
    for p in active_children():
        if p.daemon:
            p._popen.terminate()
    for p in active_children():
        p.join()


# ---- locks and semaphores (multiprocessing/synchronize.py) ----

SEM_VALUE_MAX = 2147483647


class SemLock:
    _mp_inherit_only = True

    def __init__(self, kind, value, maxvalue):
        self._semlock = _mp.semlock(kind, value, maxvalue)
        self.acquire = self._semlock.acquire
        self.release = self._semlock.release

    def __enter__(self):
        return self._semlock.acquire()

    def __exit__(self, *args):
        return self._semlock.release()

    def _count(self):
        return 1 - _mp.sem_value(self._semlock)


class Semaphore(SemLock):
    def __init__(self, value=1):
        SemLock.__init__(self, 0, value, SEM_VALUE_MAX)

    def get_value(self):
        return _mp.sem_value(self._semlock)

    def __repr__(self):
        return "<%s(value=%s)>" % (type(self).__name__, self.get_value())


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        SemLock.__init__(self, 0, value, value)
        self._maxvalue = value

    def __repr__(self):
        return "<%s(value=%s, maxvalue=%s)>" % (type(self).__name__, self.get_value(),
                                               self._maxvalue)


class Lock(SemLock):
    def __init__(self):
        SemLock.__init__(self, 0, 1, 1)

    def __repr__(self):
        if _mp.sem_value(self._semlock) == 1:
            name = "None"
        else:
            name = "SomeOtherProcess"
        return "<%s(owner=%s)>" % (type(self).__name__, name)


class RLock(SemLock):
    def __init__(self):
        SemLock.__init__(self, 1, 1, 1)

    def _count(self):
        return self._semlock._count()

    def __repr__(self):
        return "<%s(%s, %s)>" % (type(self).__name__, "None", 0)


class Condition:
    """CPython's cross-process condition: counting semaphores instead of waiter lists."""
    _mp_inherit_only = True

    def __init__(self, lock=None):
        self._lock = lock or RLock()
        self._sleeping_count = Semaphore(0)
        self._woken_count = Semaphore(0)
        self._wait_semaphore = Semaphore(0)
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def wait(self, timeout=None):
        self._sleeping_count.release()
        count = self._lock._count()
        for i in range(count):
            self._lock.release()
        try:
            if timeout is None:
                return self._wait_semaphore.acquire()
            return self._wait_semaphore.acquire(True, timeout)
        finally:
            self._woken_count.release()
            for i in range(count):
                self._lock.acquire()

    def notify(self, n=1):
        while self._woken_count.acquire(False):
            self._sleeping_count.acquire(False)
        sleepers = 0
        while sleepers < n and self._sleeping_count.acquire(False):
            self._wait_semaphore.release()
            sleepers += 1
        if sleepers:
            for i in range(sleepers):
                self._woken_count.acquire()
            while self._wait_semaphore.acquire(False):
                pass

    def notify_all(self):
        self.notify(n=sys.maxsize)

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        while not result:
            self.wait(timeout)
            result = predicate()
        return result


class Event:
    _mp_inherit_only = True

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = Semaphore(0)

    def is_set(self):
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
                return True
            return False

    def set(self):
        with self._cond:
            self._flag.acquire(False)
            self._flag.release()
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag.acquire(False)

    def wait(self, timeout=None):
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
            else:
                self._cond.wait(timeout)
            if self._flag.acquire(False):
                self._flag.release()
                return True
            return False


class Barrier:
    _mp_inherit_only = True

    def __init__(self, parties, action=None, timeout=None):
        self._parties = parties
        self._lock = Lock()
        self._state = RawArray("i", [0, 0])
        self._turnstile = Semaphore(0)
        self._action = action

    @property
    def parties(self):
        return self._parties

    def wait(self, timeout=None):
        with self._lock:
            self._state[0] += 1
            index = self._state[0] - 1
            if self._state[0] == self._parties:
                if self._action:
                    self._action()
                self._state[0] = 0
                for i in range(self._parties - 1):
                    self._turnstile.release()
                return index
        self._turnstile.acquire()
        return index


# ---- shared memory (multiprocessing/sharedctypes.py) ----

_ctype_names = {
    "b": "c_byte", "B": "c_ubyte", "h": "c_short", "H": "c_ushort", "i": "c_int",
    "I": "c_uint", "l": "c_long", "L": "c_ulong", "q": "c_longlong", "Q": "c_ulonglong",
    "f": "c_float", "d": "c_double",
}


class _RawValue:
    def __init__(self, typecode, value):
        self._typecode = typecode
        self._mem = _mp.array(typecode, [value])

    @property
    def value(self):
        return _mp.array_get(self._mem, 0)

    @value.setter
    def value(self, v):
        _mp.array_set(self._mem, 0, v)

    def __repr__(self):
        return "%s(%r)" % (_ctype_names.get(self._typecode, "c_int"), self.value)


class _RawArray:
    def __init__(self, typecode, values):
        self._typecode = typecode
        self._mem = _mp.array(typecode, values)

    def __len__(self):
        return _mp.array_len(self._mem)

    def __getitem__(self, i):
        if isinstance(i, int):
            return _mp.array_get(self._mem, i)
        return [_mp.array_get(self._mem, j) for j in _slice_range(i, len(self))]

    def __setitem__(self, i, v):
        if isinstance(i, int):
            _mp.array_set(self._mem, i, v)
        else:
            for j, x in zip(_slice_range(i, len(self)), v):
                _mp.array_set(self._mem, j, x)

    def __iter__(self):
        for j in range(len(self)):
            yield _mp.array_get(self._mem, j)

    def __repr__(self):
        return "<multiprocessing.sharedctypes.%s_Array_%d object>" % (
            _ctype_names.get(self._typecode, "c_int"), len(self))


def _slice_range(s, n):
    step = 1 if s.step is None else s.step
    if step > 0:
        lo, hi = 0, n
    else:
        lo, hi = -1, n - 1
    start = (lo if step > 0 else hi) if s.start is None else s.start
    stop = (hi if step > 0 else lo) if s.stop is None else s.stop
    if s.start is not None and start < 0:
        start = max(start + n, lo)
    if s.stop is not None and stop < 0:
        stop = max(stop + n, lo)
    return range(min(start, hi), min(stop, hi), step)


def _typecode(typecode_or_type):
    if isinstance(typecode_or_type, str):
        return typecode_or_type
    return "i"


def RawValue(typecode_or_type, *args):
    return _RawValue(_typecode(typecode_or_type), args[0] if args else 0)


def RawArray(typecode_or_type, size_or_initializer):
    tc = _typecode(typecode_or_type)
    if isinstance(size_or_initializer, int):
        init = [0.0 if tc in "fd" else 0] * size_or_initializer
    else:
        init = list(size_or_initializer)
    return _RawArray(tc, init)


class Synchronized:
    _mp_inherit_only = True

    def __init__(self, obj, lock):
        self._obj = obj
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    @property
    def value(self):
        with self._lock:
            return _mp.array_get(self._obj._mem, 0)

    @value.setter
    def value(self, v):
        with self._lock:
            _mp.array_set(self._obj._mem, 0, v)

    def __repr__(self):
        return "<%s wrapper for %r>" % (type(self).__name__, self._obj)


class SynchronizedArray(Synchronized):
    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self._lock:
            return self._obj[i]

    def __setitem__(self, i, value):
        with self._lock:
            self._obj[i] = value

    def __iter__(self):
        for j in range(len(self._obj)):
            yield self[j]

    def __repr__(self):
        return "<%s wrapper for %r>" % (type(self).__name__, self._obj)


def Value(typecode_or_type, *args, lock=True):
    obj = RawValue(typecode_or_type, *args)
    if lock is False:
        return obj
    if lock in (True, None):
        lock = RLock()
    return Synchronized(obj, lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    obj = RawArray(typecode_or_type, size_or_initializer)
    if lock is False:
        return obj
    if lock in (True, None):
        lock = RLock()
    return SynchronizedArray(obj, lock)


# ---- queues and pipes (multiprocessing/queues.py, connection.py) ----

def _acquire(sem, block, timeout):
    if not block:
        return sem.acquire(False)
    if timeout is None:
        return sem.acquire()
    return sem.acquire(True, max(timeout, 0))


class Queue:
    _mp_inherit_only = True

    def __init__(self, maxsize=0):
        if maxsize <= 0:
            maxsize = SEM_VALUE_MAX
        self._maxsize = maxsize
        self._buffer = _mp.buffer()
        self._items = _mp.semlock(0, 0, SEM_VALUE_MAX)
        self._rlock = Lock()
        self._sem = BoundedSemaphore(maxsize)
        self._closed = False

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        if not _acquire(self._sem, block, timeout):
            raise Full
        try:
            _mp.send(self._buffer, obj, self._items)
        except Exception as e:
            # CPython pickles in the queue's feeder thread, which prints the error.
            self._sem.release()
            threading._print_exception(e)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        if not _acquire(self._items, block, timeout):
            raise Empty
        self._sem.release()
        return _mp.recv(self._buffer)

    def qsize(self):
        return _mp.sem_value(self._items)

    def empty(self):
        return _mp.sem_value(self._items) == 0

    def full(self):
        return self._sem.get_value() == 0

    def get_nowait(self):
        return self.get(False)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def close(self):
        self._closed = True

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass

    def __repr__(self):
        return "<multiprocessing.queues.%s object>" % type(self).__name__


class JoinableQueue(Queue):
    def __init__(self, maxsize=0):
        Queue.__init__(self, maxsize)
        self._unfinished_tasks = Semaphore(0)
        self._cond = Condition()

    def put(self, obj, block=True, timeout=None):
        with self._cond:
            self._unfinished_tasks.release()
        Queue.put(self, obj, block, timeout)

    def task_done(self):
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise ValueError("task_done() called too many times")
            if self._unfinished_tasks.get_value() == 0:
                self._cond.notify_all()

    def join(self):
        with self._cond:
            if self._unfinished_tasks.get_value() != 0:
                self._cond.wait()


class SimpleQueue(Queue):
    def __init__(self):
        Queue.__init__(self)

    def put(self, obj):
        # No feeder thread: pickling errors reach the caller.
        _mp.send(self._buffer, obj, self._items)

    def get(self):
        self._items.acquire()
        return _mp.recv(self._buffer)


class Connection:
    def __init__(self, inbox, outbox, readable=True, writable=True):
        self._inbox = inbox
        self._outbox = outbox
        self._readable = readable
        self._writable = writable
        self._closed = False

    @property
    def closed(self):
        return self._closed

    @property
    def readable(self):
        return self._readable

    @property
    def writable(self):
        return self._writable

    def _check_closed(self):
        if self._closed:
            raise OSError("handle is closed")

    def send(self, obj):
        self._check_closed()
        if not self._writable:
            raise OSError("connection is read-only")
        _mp.send(self._outbox[0], obj, self._outbox[1])

    def recv(self):
        self._check_closed()
        if not self._readable:
            raise OSError("connection is write-only")
        self._inbox[1].acquire()
        return _mp.recv(self._inbox[0])

    def poll(self, timeout=0.0):
        self._check_closed()
        if timeout is None:
            got = self._inbox[1].acquire()
        else:
            got = self._inbox[1].acquire(True, max(timeout, 0))
        if got:
            self._inbox[1].release()
        return got

    def close(self):
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __repr__(self):
        return "<multiprocessing.connection.Connection object>"


def _channel():
    return (_mp.buffer(), _mp.semlock(0, 0, SEM_VALUE_MAX))


def Pipe(duplex=True):
    a, b = _channel(), _channel()
    if duplex:
        return Connection(a, b), Connection(b, a)
    return Connection(a, None, True, False), Connection(None, a, False, True)


# ---- pools (multiprocessing/pool.py) ----

INIT = "INIT"
RUN = "RUN"
CLOSE = "CLOSE"
TERMINATE = "TERMINATE"

_job_counter = 0


def _next_job():
    global _job_counter
    job = _job_counter
    _job_counter += 1
    return job


def mapstar(args):
    func, chunk = args
    return [func(x) for x in chunk]


def starmapstar(args):
    return [args[0](*a) for a in args[1]]


def worker(inqueue, outqueue, initializer=None, initargs=(), maxtasks=None):
    put = outqueue.put
    get = inqueue.get
    if initializer is not None:
        initializer(*initargs)
    completed = 0
    while maxtasks is None or (maxtasks and completed < maxtasks):
        task = get()
        if task is None:
            break
        job, i, func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))
        except Exception as e:
            result = (False, e)
        try:
            put((job, i, result))
        except Exception as e:
            put((job, i, (False, MaybeEncodingError(e, result[1]))))
        task = job = result = func = args = kwds = None
        completed += 1


class MaybeEncodingError(Exception):
    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)


class ApplyResult:
    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._event = threading.Event()
        self._job = _next_job()
        self._cache = pool._cache
        self._callback = callback
        self._error_callback = error_callback
        self._cache[self._job] = self

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, i, obj):
        self._success, self._value = obj
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._event.set()
        del self._cache[self._job]
        self._pool = None


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback=error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._event.set()
            del self._cache[self._job]
        else:
            self._number_left = length // chunksize + bool(length % chunksize)

    def _set(self, i, success_result):
        self._number_left -= 1
        success, result = success_result
        if success and self._success:
            self._value[i * self._chunksize:(i + 1) * self._chunksize] = result
            if self._number_left == 0:
                if self._callback:
                    self._callback(self._value)
                del self._cache[self._job]
                self._event.set()
                self._pool = None
        else:
            if not success and self._success:
                self._success = False
                self._value = result
            if self._number_left == 0:
                if self._error_callback:
                    self._error_callback(self._value)
                del self._cache[self._job]
                self._event.set()
                self._pool = None


class IMapIterator:
    def __init__(self, pool, ordered=True):
        self._pool = pool
        self._cond = threading.Condition(threading.Lock())
        self._job = _next_job()
        self._cache = pool._cache
        self._items = []
        self._index = 0
        self._length = None
        self._unsorted = {}
        self._ordered = ordered
        self._cache[self._job] = self

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            while not self._items:
                if self._index == self._length:
                    self._pool = None
                    raise StopIteration
                self._cond.wait(timeout)
                if not self._items and timeout is not None and self._index != self._length:
                    raise TimeoutError
            item = self._items.pop(0)
        success, value = item
        if success:
            return value
        raise value

    __next__ = next

    def _set(self, i, obj):
        with self._cond:
            if not self._ordered or self._index == i:
                self._items.append(obj)
                self._index += 1
                while self._ordered and self._index in self._unsorted:
                    self._items.append(self._unsorted.pop(self._index))
                    self._index += 1
                self._cond.notify()
            else:
                self._unsorted[i] = obj
            if self._index == self._length:
                del self._cache[self._job]
                self._pool = None

    def _set_length(self, length):
        with self._cond:
            self._length = length
            if self._index == self._length:
                self._cond.notify()
                del self._cache[self._job]
                self._pool = None


def _drain(result):
    # Waits for every result here, in Python code, so that consuming the iterator from
    # native code (list(pool.imap(...))) never blocks; the order is the arrival order.
    items = []
    while True:
        try:
            items.append(result.next())
        except StopIteration:
            return items


class Pool:
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        self._state = INIT
        self._cache = {}
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._processes = processes
        self._inqueue = SimpleQueue()
        self._outqueue = SimpleQueue()
        self._pool = []
        for i in range(processes):
            w = Process(target=worker, args=(self._inqueue, self._outqueue, initializer,
                                             initargs, maxtasksperchild))
            w.name = w.name.replace("Process", "ForkPoolWorker")
            w.daemon = True
            w.start()
            self._pool.append(w)
        self._result_handler = threading.Thread(
            target=Pool._handle_results, args=(self._outqueue, self._cache), daemon=True)
        self._result_handler.start()
        self._state = RUN

    @staticmethod
    def _handle_results(outqueue, cache):
        while True:
            task = outqueue.get()
            if task is None:
                break
            job, i, obj = task
            result = cache.get(job)
            if result is not None:
                result._set(i, obj)

    def __repr__(self):
        return "<multiprocessing.pool.Pool state=%s pool_size=%d>" % (self._state,
                                                                     len(self._pool))

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _put_task(self, job, i, func, args, kwds):
        try:
            self._inqueue.put((job, i, func, args, kwds))
        except Exception as e:
            result = self._cache.get(job)
            if result is not None:
                result._set(i, (False, e))
            return False
        return True

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._put_task(result._job, 0, func, args, kwds)
        return result

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, mapstar, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None,
                      error_callback=None):
        return self._map_async(func, iterable, starmapstar, chunksize, callback,
                               error_callback)

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None,
                   error_callback=None):
        self._check_running()
        if not hasattr(iterable, "__len__"):
            iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0
        result = MapResult(self, chunksize, len(iterable), callback,
                           error_callback=error_callback)
        items = list(iterable)
        for i, start in enumerate(range(0, len(items), max(chunksize, 1))):
            chunk = tuple(items[start:start + chunksize])
            self._put_task(result._job, i, mapper, ((func, chunk),), {})
        return result

    def imap(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, True)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(func, iterable, chunksize, False)

    def _imap(self, func, iterable, chunksize, ordered):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        result = IMapIterator(self, ordered)
        items = list(iterable)
        n = 0
        if chunksize == 1:
            for i, x in enumerate(items):
                n += 1
                self._put_task(result._job, i, func, (x,), {})
            result._set_length(n)
            return iter(_drain(result))
        for i, start in enumerate(range(0, len(items), chunksize)):
            n += 1
            chunk = tuple(items[start:start + chunksize])
            self._put_task(result._job, i, mapstar, ((func, chunk),), {})
        result._set_length(n)
        return iter([item for chunk in _drain(result) for item in chunk])

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            for w in self._pool:
                self._inqueue.put(None)

    def terminate(self):
        if self._state == TERMINATE:
            return
        self._state = TERMINATE
        for w in self._pool:
            if w.exitcode is None:
                w.terminate()
        for w in self._pool:
            w.join()
        self._outqueue.put(None)

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        elif self._state not in (CLOSE, TERMINATE):
            raise ValueError("In unknown state")
        for w in self._pool:
            w.join()
        if self._state == CLOSE:
            self._outqueue.put(None)
        self._result_handler.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()


class ThreadPool:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("interleave: multiprocessing.pool.ThreadPool")


# ---- managers (multiprocessing/managers.py) ----

class BaseProxy:
    def __init__(self, held, typeid):
        self._held = held
        self._typeid = typeid

    def _callmethod(self, name, args=()):
        return _mp.managed_call(self._held, name, args)

    def __str__(self):
        return self._callmethod("__repr__")

    def __repr__(self):
        return "<%s object, typeid %r>" % (type(self).__name__, self._typeid)

    def _getvalue(self):
        return self._callmethod("copy")


class ListProxy(BaseProxy):
    def __len__(self):
        return self._callmethod("__len__")

    def __getitem__(self, i):
        return self._callmethod("__getitem__", (i,))

    def __setitem__(self, i, v):
        return self._callmethod("__setitem__", (i, v))

    def __delitem__(self, i):
        return self._callmethod("__delitem__", (i,))

    def __contains__(self, v):
        return self._callmethod("__contains__", (v,))

    def __iter__(self):
        return iter(self._callmethod("copy"))

    def __iadd__(self, other):
        self._callmethod("extend", (other,))
        return self

    def append(self, v):
        return self._callmethod("append", (v,))

    def extend(self, v):
        return self._callmethod("extend", (v,))

    def insert(self, i, v):
        return self._callmethod("insert", (i, v))

    def pop(self, *args):
        return self._callmethod("pop", args)

    def remove(self, v):
        return self._callmethod("remove", (v,))

    def index(self, *args):
        return self._callmethod("index", args)

    def count(self, v):
        return self._callmethod("count", (v,))

    def sort(self):
        return self._callmethod("sort")

    def reverse(self):
        return self._callmethod("reverse")


class DictProxy(BaseProxy):
    def __len__(self):
        return self._callmethod("__len__")

    def __getitem__(self, k):
        return self._callmethod("__getitem__", (k,))

    def __setitem__(self, k, v):
        return self._callmethod("__setitem__", (k, v))

    def __delitem__(self, k):
        return self._callmethod("__delitem__", (k,))

    def __contains__(self, k):
        return self._callmethod("__contains__", (k,))

    def __iter__(self):
        return iter(self._callmethod("keys"))

    def get(self, *args):
        return self._callmethod("get", args)

    def setdefault(self, *args):
        return self._callmethod("setdefault", args)

    def pop(self, *args):
        return self._callmethod("pop", args)

    def update(self, *args):
        return self._callmethod("update", args)

    def keys(self):
        return list(self._callmethod("keys"))

    def values(self):
        return list(self._callmethod("values"))

    def items(self):
        return list(self._callmethod("items"))

    def copy(self):
        return self._callmethod("copy")

    def clear(self):
        return self._callmethod("clear")


class ValueProxy(BaseProxy):
    def get(self):
        return self._callmethod("__getitem__", (0,))

    def set(self, value):
        return self._callmethod("__setitem__", (0, value))

    value = property(get, set)

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self._typeid, self.get())


class _ManagedQueue(Queue):
    _mp_inherit_only = False


class SyncManager:
    """A manager's objects live outside every process; proxies reach them by method
    calls that copy arguments and results, as a manager's server process does."""

    def __init__(self):
        self._state = INIT

    def start(self):
        if self._state != INIT:
            raise ProcessError("Already started server")
        # The server is a process of its own: it takes a number from the counter.
        self._name = "SyncManager-" + ":".join(
            str(i) for i in _current_process._identity + (_next_count(),))
        self._state = RUN

    def shutdown(self):
        self._state = "SHUTDOWN"

    def __enter__(self):
        if self._state == INIT:
            self.start()
        return self

    def __exit__(self, *args):
        self.shutdown()

    def list(self, sequence=()):
        return ListProxy(_mp.managed(list(sequence)), "list")

    def dict(self, *args, **kwargs):
        return DictProxy(_mp.managed(dict(*args, **kwargs)), "dict")

    def Value(self, typecode, value, lock=True):
        return ValueProxy(_mp.managed([value]), "Value")

    def Lock(self):
        return Lock()

    def RLock(self):
        return RLock()

    def Semaphore(self, value=1):
        return Semaphore(value)

    def Event(self):
        return Event()

    def Queue(self, maxsize=0):
        return _ManagedQueue(maxsize)


def Manager():
    m = SyncManager()
    m.start()
    return m


class _Context:
    """What get_context() returns: the module's API (fork is the only start method)."""

    def get_start_method(self, allow_none=False):
        return "fork"


_default_context = _Context()
_default_context.Process = Process
_default_context.Queue = Queue
_default_context.Pool = Pool
_default_context.Value = Value
_default_context.Array = Array
_default_context.Lock = Lock
_default_context.Pipe = Pipe
_default_context.Manager = Manager
_default_context.cpu_count = cpu_count
