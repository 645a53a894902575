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
        "multiprocessing" => Some(include_str!("multiprocessing.py")),
        _ => None,
    }
}
