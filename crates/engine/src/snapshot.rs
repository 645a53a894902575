//! What [`crate::inspect`] returns: the program's state at one moment of a run — every
//! thread's call stack with its locals, and each process's `__main__` globals — reached by
//! replaying the deterministic run up to that moment.
//!
//! Values are shown as reprs computed without running any Python code (user `__repr__`
//! methods are never called): the built-in types, and the library's containers (`deque`,
//! `defaultdict`, `Counter`, `OrderedDict`, named tuples, dataclasses, `multiprocessing`
//! values), are shown as CPython shows them; other objects in the default
//! `<__main__.Account object at 0x…>` form, whose address is a stand-in that is the same for
//! the same object within one snapshot (and the same in every replay), not CPython's `id()`.

use crate::trace::{ProcessId, ThreadId};
use serde::{Deserialize, Serialize};

/// The state of a run at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The virtual time at which the replay stopped: the first scheduling point at or after the
    /// requested time, or the end of the run if it ended before. Between the requested time and
    /// `t_ns` nothing happened but running threads finishing the instruction they were in (with
    /// several processes or without the GIL: finishing their 2 µs quantum), so the snapshot is
    /// the state at the requested time.
    pub t_ns: u64,
    /// Instructions executed up to the snapshot.
    pub steps: u64,
    /// The run had ended (deadlock, budget, exit) before the requested time: this is its end.
    pub ended: bool,
    /// Every thread created so far (finished ones too), by [`ThreadId`] as in the trace.
    pub threads: Vec<ThreadSnapshot>,
    /// Every process created so far, by [`ProcessId`] as in the trace.
    pub processes: Vec<ProcessGlobals>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSnapshot {
    pub thread: ThreadId,
    /// The process the thread runs in (whose [`ProcessGlobals`] its frames see).
    pub process: ProcessId,
    /// `false` once the thread has finished (the trace's `end_ns` is at or before `t_ns`).
    pub alive: bool,
    /// The thread's frames in the program's own file, outermost first, innermost last.
    /// Frames of library code (`threading.py`, asyncio's event loop …) are left out; the
    /// program's frame that called into the library is kept. Empty once finished.
    pub frames: Vec<FrameSnapshot>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameSnapshot {
    /// The code's qualified name: `<module>`, `worker`, `Account.deposit`,
    /// `main.<locals>.job`.
    pub function: String,
    pub filename: String,
    /// The line being executed (for an outer frame: the line of its call).
    pub line: u32,
    /// Bound local variables in definition order (parameters first, then other locals, then
    /// cell and free variables). A module-level frame has none: its variables are the
    /// process's globals. A class body shows its namespace.
    pub locals: Vec<Variable>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessGlobals {
    pub process: ProcessId,
    /// `__main__`'s variables in definition order, leaving out modules, dunder names, and
    /// functions and classes the program imported (its own have `type_name` `function` and
    /// `type`).
    pub globals: Vec<Variable>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variable {
    pub name: String,
    /// `type(value).__name__`: `int`, `list`, `function`, `type`, `Account`.
    pub type_name: String,
    /// A side-effect-free repr, cut to [`REPR_LIMIT`] characters (then ending in `…`).
    pub repr: String,
}

/// The longest repr a [`Variable`] carries, in characters (the cut adds a final `…`).
pub const REPR_LIMIT: usize = 200;
