//! Standard-library modules written in Python and run by the engine itself, in the shape
//! of CPython's own `Lib/` modules, so that they cost what CPython's cost and block where
//! CPython's block (an `Event.wait` is a `Condition.wait` is a lock acquire).

/// The source of the Python-written module `name`, if the engine ships one.
pub fn source(name: &str) -> Option<&'static str> {
    match name {
        "threading" => Some(include_str!("threading.py")),
        "queue" => Some(include_str!("queue.py")),
        "collections" => Some(include_str!("collections.py")),
        "heapq" => Some(include_str!("heapq.py")),
        "random" => Some(include_str!("random.py")),
        "asyncio" => Some(include_str!("asyncio.py")),
        "contextlib" => Some(include_str!("contextlib.py")),
        "_asyncio_runners" => Some(include_str!("_asyncio_runners.py")),
        "_asyncio_futures" => Some(include_str!("_asyncio_futures.py")),
        "_asyncio_loop" => Some(include_str!("_asyncio_loop.py")),
        "_asyncio_tasks" => Some(include_str!("_asyncio_tasks.py")),
        "_asyncio_locks" => Some(include_str!("_asyncio_locks.py")),
        "_asyncio_queues" => Some(include_str!("_asyncio_queues.py")),
        _ => None,
    }
}
