//! Standard-library modules written in Python and run by the engine itself, in the shape
//! of CPython's own `Lib/` modules, so that they cost what CPython's cost and block where
//! CPython's block (an `Event.wait` is a `Condition.wait` is a lock acquire).

/// The path under CPython's `Lib/` (shown in tracebacks) and the source of the Python-written
/// module `name`, if the engine ships one. Packages are `…/__init__.py`.
pub fn source(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "threading" => ("threading.py", include_str!("threading.py")),
        "queue" => ("queue.py", include_str!("queue.py")),
        "collections" => ("collections/__init__.py", include_str!("collections.py")),
        "heapq" => ("heapq.py", include_str!("heapq.py")),
        "random" => ("random.py", include_str!("random.py")),
        "abc" => ("abc.py", include_str!("abc.py")),
        "multiprocessing" => (
            "multiprocessing/__init__.py",
            include_str!("multiprocessing.py"),
        ),
        "concurrent" => (
            "concurrent/__init__.py",
            include_str!("concurrent/__init__.py"),
        ),
        "concurrent.futures" => (
            "concurrent/futures/__init__.py",
            include_str!("concurrent/futures/__init__.py"),
        ),
        "concurrent.futures._base" => (
            "concurrent/futures/_base.py",
            include_str!("concurrent/futures/_base.py"),
        ),
        "concurrent.futures.process" => (
            "concurrent/futures/process.py",
            include_str!("concurrent/futures/process.py"),
        ),
        "concurrent.futures.thread" => (
            "concurrent/futures/thread.py",
            include_str!("concurrent/futures/thread.py"),
        ),
        "asyncio" => ("asyncio/__init__.py", include_str!("asyncio.py")),
        "contextlib" => ("contextlib.py", include_str!("contextlib.py")),
        "itertools" => ("itertools.py", include_str!("itertools.py")),
        "functools" => ("functools.py", include_str!("functools.py")),
        "dataclasses" => ("dataclasses.py", include_str!("dataclasses.py")),
        "logging" => ("logging/__init__.py", include_str!("logging.py")),
        "json" => ("json/__init__.py", include_str!("json.py")),
        "string" => ("string.py", include_str!("string.py")),
        "_lazy_iter" => ("builtins.py", include_str!("_lazy_iter.py")),
        "_asyncio_runners" => ("asyncio/runners.py", include_str!("_asyncio_runners.py")),
        "_asyncio_futures" => ("asyncio/futures.py", include_str!("_asyncio_futures.py")),
        "_asyncio_loop" => ("asyncio/base_events.py", include_str!("_asyncio_loop.py")),
        "_asyncio_tasks" => ("asyncio/tasks.py", include_str!("_asyncio_tasks.py")),
        "_asyncio_locks" => ("asyncio/locks.py", include_str!("_asyncio_locks.py")),
        "_asyncio_queues" => ("asyncio/queues.py", include_str!("_asyncio_queues.py")),
        "_asyncio_taskgroups" => (
            "asyncio/taskgroups.py",
            include_str!("_asyncio_taskgroups.py"),
        ),
        _ => return None,
    })
}
