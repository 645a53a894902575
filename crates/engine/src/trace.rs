//! The trace: the record of what a run did, and the only contract between the engine and
//! anything that draws it (the web app, the CLI's Chrome-trace export, tests).
//!
//! Times are virtual nanoseconds since the program started. Threads are numbered by
//! [`ThreadId`] in creation order (0 is the main thread). Intervals are half-open
//! `[start_ns, end_ns)`. Slices of one thread never overlap and cover its whole life.

use serde::{Deserialize, Serialize};

/// Index into [`Trace::threads`].
pub type ThreadId = u32;
/// Index into [`Trace::processes`].
pub type ProcessId = u32;

/// A simulated process: its own interpreter, memory and GIL. Children are forked
/// (`multiprocessing`'s default start method on Linux).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessInfo {
    /// `multiprocessing.current_process().name`: `MainProcess`, `Process-1`, `ForkPoolWorker-3`.
    pub name: String,
    /// The simulated `os.getpid()`.
    pub pid: i64,
    /// The process that forked this one (`None` for the main process).
    pub parent: Option<ProcessId>,
    pub start_ns: u64,
    /// When it exited, or `None` if it was still alive when the run ended.
    pub end_ns: Option<u64>,
    /// `Process.exitcode`: 0, 1 after an uncaught exception, `-15` when terminated.
    pub exitcode: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// The program's file name as given to the engine.
    pub filename: String,
    /// Simulated processes (`multiprocessing`), by [`ProcessId`]; 0 is the main process.
    pub processes: Vec<ProcessInfo>,
    pub threads: Vec<ThreadInfo>,
    /// Per-thread state intervals, ordered by start time.
    pub slices: Vec<Slice>,
    /// Who held a GIL when, ordered by start time (each process has its own GIL: one
    /// timeline per [`GilHold::process`]). Gaps mean nobody held it.
    pub gil: Vec<GilHold>,
    /// Moments a waiting thread set the GIL's drop request (after one switch interval).
    pub gil_drop_requests: Vec<GilDropRequest>,
    /// Everything the program wrote to stdout and stderr, in order.
    pub outputs: Vec<Output>,
    /// Virtual time at which the program ended.
    pub end_ns: u64,
    /// Bytecode instructions executed, over all threads.
    pub steps: u64,
    /// How the run ended.
    pub outcome: Outcome,
    /// When the run ended in a deadlock: who waited for what.
    pub deadlock: Option<Deadlock>,
    /// Locks the program created (`threading.Lock`, `RLock`), by the id `BlockedOn::Lock` uses.
    pub locks: Vec<LockInfo>,
    /// Every acquire, release, wait and wake-up on those locks, in time order.
    pub lock_events: Vec<LockEvent>,
    /// Synchronisation objects the program created (locks, semaphores, conditions, events,
    /// queues, barriers of `threading`, `queue`, `asyncio` and `multiprocessing`), by the
    /// index [`PrimitiveSample::primitive`] uses, in creation order. Objects that library
    /// code creates for its own use (a `Semaphore`'s inner lock, `asyncio` and
    /// `concurrent.futures` internals) are not listed.
    pub primitives: Vec<PrimitiveInfo>,
    /// The state of a primitive after every change (and when it was created), ordered by
    /// time (ties in the order they happened): the state of primitive `p` at time `t` is the
    /// last sample of `p` with `t_ns <= t`. asyncio primitives are read when a task step
    /// begins and ends, so their changes show at step boundaries.
    pub primitive_samples: Vec<PrimitiveSample>,
    /// Stretches where one asyncio loop callback ran for 100 ms or more: the loop was frozen
    /// (a blocking call or CPU-bound work inside a coroutine).
    pub loop_freezes: Vec<LoopFreeze>,
    /// asyncio tasks, by the index `TaskStep::task` uses.
    pub tasks: Vec<TaskInfo>,
    /// Each time an event loop stepped a task (ran its coroutine to the next `await`).
    pub task_steps: Vec<TaskStep>,
    /// Each time a task resumed because another task's step completed what it awaited (the
    /// task it awaited returned, directly or through `gather`, `wait`, `wait_for`, `shield`
    /// or a `TaskGroup`; an `Event` it waited on was set; a `Queue` it read from was put
    /// to; a `Lock` it wanted was released), in time order. Resumptions by timers
    /// (`sleep`) have none.
    pub task_wakes: Vec<TaskWake>,
    /// Every pickled message between processes (queue items, pipe messages, pool calls and
    /// results), in the order they were sent.
    pub transfers: Vec<Transfer>,
    /// A directed run ([`crate::Director`]): the decisions taken, and where it paused.
    pub directed: Option<Directed>,
    /// With [`crate::RunOptions::watch_conflicts`]: lost updates, in time order (at most
    /// [`MAX_CONFLICTS`]; `conflict_count` counts them all).
    pub conflicts: Vec<Conflict>,
    pub conflict_count: u64,
}

/// How many lost updates a trace lists.
pub const MAX_CONFLICTS: usize = 1_000;

/// The decisions of a directed run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directed {
    /// Each decision taken, in order (a user's picks; a PCT run only counts them).
    pub decisions: Vec<Decision>,
    pub decision_count: u64,
    /// A run directed by picks stops at the decision after its last pick: who could run.
    pub pending: Option<PendingDecision>,
}

/// At `t_ns`, `chosen` ran next out of `options` (thread ids, ascending).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub t_ns: u64,
    pub chosen: ThreadId,
    pub options: Vec<ThreadId>,
}

/// The decision a directed run stopped at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingDecision {
    pub t_ns: u64,
    /// The threads that could run next (ascending), each with the line of the program it
    /// would run next (0 inside library code only).
    pub options: Vec<(ThreadId, u32)>,
    /// The thread that holds the GIL and would go on, if one does (a switch point); `None`
    /// when the GIL is free and one of several waiting threads gets it.
    pub running: Option<ThreadId>,
}

/// A lost update: `thread` read `name`, another thread wrote it, then `thread` wrote a value
/// computed from what it had read, overwriting the other write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The shared variable: a global's name, `Class.attr`, or `name[key]`.
    pub name: String,
    pub read: Access,
    /// The other thread's write that is lost.
    pub lost: Access,
    pub write: Access,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    pub thread: ThreadId,
    pub t_ns: u64,
    pub line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub from_thread: ThreadId,
    pub from_process: ProcessId,
    pub sent_ns: u64,
    /// Who unpickled it and when; `None` if it was never received.
    pub received: Option<TransferEnd>,
    /// The size of its pickle (protocol 4), estimated from the value's shape.
    pub bytes: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferEnd {
    pub thread: ThreadId,
    pub process: ProcessId,
    pub t_ns: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskInfo {
    /// `Task-1`, or the name given to `create_task`.
    pub name: String,
    /// The thread whose event loop runs it.
    pub thread: ThreadId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskStep {
    pub task: u32,
    pub start_ns: u64,
    pub end_ns: u64,
    /// Callbacks left in the loop's ready queue when the step ended.
    pub ready: u32,
}

/// Task `from_task`'s step completed, at `from_ns`, the future task `to_task` awaited; it
/// resumed at `to_ns` (indices into [`Trace::tasks`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskWake {
    pub from_task: u32,
    pub from_ns: u64,
    pub to_task: u32,
    pub to_ns: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoopFreeze {
    /// The thread running the event loop.
    pub thread: ThreadId,
    pub start_ns: u64,
    pub end_ns: u64,
    /// What ran (`<Task pending name='Task-1' coro=<main() running at x.py:5>>`).
    pub what: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LockInfo {
    pub id: u32,
    /// The program's variable name for it (`lock_a`, `account.lock`), or `lock #N`.
    pub name: String,
    pub reentrant: bool,
    /// The entry of [`Trace::primitives`] that shows this lock's state over time (its `Lock`
    /// or `RLock` record), if there is one: a UI drawing primitive lanes can hide this lock's
    /// own lane.
    pub primitive: Option<u32>,
}

/// What kind of synchronisation object a [`PrimitiveInfo`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrimitiveKind {
    Lock,
    RLock,
    Semaphore,
    BoundedSemaphore,
    Condition,
    Event,
    /// Any queue: `Queue`, `LifoQueue`, `PriorityQueue`, `SimpleQueue`, `JoinableQueue`
    /// ([`PrimitiveInfo::class_name`] says which).
    Queue,
    Barrier,
}

/// Which library a primitive comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrimitiveFamily {
    /// `threading`, `_thread` and `queue`: blocks threads.
    Threading,
    /// `asyncio`: blocks tasks of one event loop.
    Asyncio,
    /// `multiprocessing`: shared between processes.
    Multiprocessing,
}

/// A synchronisation object the program created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrimitiveInfo {
    pub kind: PrimitiveKind,
    pub family: PrimitiveFamily,
    /// The object's class name: `Semaphore`, `LifoQueue`, `JoinableQueue`, `lock` and `RLock`
    /// for `threading.Lock()`/`RLock()` (`_thread`'s names), or the program's own subclass.
    pub class_name: String,
    /// The program's name for it: a global (`sem`), an attribute of a global object or
    /// class (`account.lock`), an item of a global list or tuple (`forks[2]`), else the
    /// variable or attribute it was first stored in (`items`, `Account.lock` for
    /// `self.lock = …`), else `lock #N` for a lock (as in [`Trace::locks`]) and
    /// `Semaphore #N` for the others (`N` its index in [`Trace::primitives`]).
    pub name: String,
    /// The process it belongs to. A `multiprocessing` primitive is shared with the children
    /// forked afterwards (one entry); a fork's copy of a `threading` or `asyncio` primitive
    /// is the child's own object, a separate entry with the child's process and the
    /// original's name.
    pub process: ProcessId,
    /// asyncio primitives: the thread that created it, whose event loop uses it; `None` for
    /// the others, which any thread may use.
    pub thread: Option<ThreadId>,
    /// Semaphores: the initial value (a `BoundedSemaphore`'s bound); queues: `maxsize`
    /// (`None` when unbounded); barriers: the number of parties; `None` otherwise.
    pub capacity: Option<u64>,
    pub created_ns: u64,
    /// `Lock`/`RLock`: its id in [`Trace::locks`] (join with [`Trace::lock_events`]). A
    /// `Condition` built on a lock the program created: that lock's id. `None` otherwise.
    pub lock: Option<u32>,
}

/// A primitive's state from `t_ns` until its next sample.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrimitiveSample {
    pub t_ns: u64,
    /// Index into [`Trace::primitives`].
    pub primitive: u32,
    /// `Lock`/`RLock`: the holding thread; `Condition`: the holder of its lock. `None`
    /// otherwise (and for asyncio primitives, whose locks have no owner).
    pub owner: Option<ThreadId>,
    /// `Lock`: 1 while held, else 0; `RLock`: the recursion count; semaphores: permits
    /// left; `Event`: 1 while set, else 0; `Condition`: how many wait for a notify; queues:
    /// the number of items (`qsize()`; a `multiprocessing` queue's arrived messages);
    /// `Barrier`: how many wait (`n_waiting`).
    pub value: i64,
    /// Threads blocked in it right now, in the order they will be woken where that is known:
    /// those in a `wait()` on it (a `Condition`, or one of the conditions a `Semaphore`,
    /// `Event`, `Queue` or `Barrier` is built on), then those blocked acquiring its lock.
    /// Always empty for asyncio primitives (see `waiting_tasks`).
    pub waiters: Vec<ThreadId>,
    /// asyncio primitives: the tasks (indices into [`Trace::tasks`]) waiting in it, in
    /// wake-up order (the first 32 of them). Empty for the others.
    pub waiting_tasks: Vec<u32>,
    /// Queues: `repr()` of the first (at most 8) items in the order `get()` returns them,
    /// formatted natively (built-in types as CPython's `repr`, other objects in the default
    /// `<__main__.Job object at 0x…>` form, never calling the program's `__repr__`; long
    /// reprs are cut at 100 characters with `...`). A `PriorityQueue` of items only the
    /// program's code can compare shows them in heap order (the first is still the next
    /// `get()`); a `multiprocessing` queue shows the messages not yet received, including
    /// those still in transit. Empty for everything else.
    pub items: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LockEventKind {
    /// The thread now holds the lock.
    Acquire,
    /// The thread released it.
    Release,
    /// The thread found it held and waits.
    Wait,
    /// A release woke this waiting thread (it must still win the race for the lock).
    Wake,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockEvent {
    pub t_ns: u64,
    pub lock: u32,
    pub thread: ThreadId,
    pub kind: LockEventKind,
}

/// The wait-for graph at the moment no thread could run any more.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Deadlock {
    pub t_ns: u64,
    pub waits: Vec<Wait>,
    /// Threads on a wait-for cycle, in cycle order (empty when there is no cycle).
    pub cycle: Vec<ThreadId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wait {
    pub thread: ThreadId,
    /// Line in the program's own file where the thread waits.
    pub line: u32,
    /// Locks the thread holds, by name.
    pub holds: Vec<String>,
    pub on: WaitTarget,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WaitTarget {
    Lock {
        name: String,
        holder: Option<ThreadId>,
    },
    Join(ThreadId),
    /// A wait inside a library call (`Event.wait`, `Queue.get` …) nobody can satisfy.
    Call(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadInfo {
    pub name: String,
    /// The process the thread runs in.
    pub process: ProcessId,
    pub daemon: bool,
    /// The thread that started this one (`None` for the main thread).
    pub parent: Option<ThreadId>,
    /// When `start()` created it.
    pub start_ns: u64,
    /// When it finished, or `None` if it was still alive when the run ended.
    pub end_ns: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadState {
    /// Holds the GIL and executes bytecode.
    Running,
    /// Ready to run, waiting for the GIL.
    WaitingForGil,
    /// In `time.sleep`.
    Sleeping,
    /// Waiting for something other than the GIL or a timer.
    Blocked(BlockedOn),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockedOn {
    /// `Thread.join()` on that thread.
    Join(ThreadId),
    /// `Thread.start()` waiting for the new thread to signal that it started.
    Start(ThreadId),
    /// Acquiring a lock (by index in creation order).
    Lock(u32),
    /// In a system call that released the GIL (a `write` to the terminal).
    Io,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slice {
    pub thread: ThreadId,
    pub state: ThreadState,
    pub start_ns: u64,
    pub end_ns: u64,
    /// The line of the program's own file the thread was on when the slice began: its
    /// innermost frame of the program's code (inside `threading.py` or asyncio, the
    /// program's line that called into the library); 0 if it has none (not started yet, or
    /// only library code such as a pool's worker loop).
    pub line: u32,
    /// The same when the slice ended.
    pub end_line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GilHold {
    /// Whose GIL: the holder's process.
    pub process: ProcessId,
    pub holder: ThreadId,
    pub start_ns: u64,
    pub end_ns: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GilDropRequest {
    pub t_ns: u64,
    /// The thread whose wait timed out and asked for the drop.
    pub requester: ThreadId,
    /// The holder asked to drop it.
    pub holder: ThreadId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stream {
    Stdout,
    Stderr,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Output {
    pub t_ns: u64,
    pub thread: ThreadId,
    pub stream: Stream,
    pub text: String,
}

/// How a run ended; [`Outcome::exit_code`] is the CLI's exit status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    #[default]
    Finished,
    /// An exception escaped the main thread (its type name).
    UncaughtException(String),
    /// The program could not be compiled (syntax error or unsupported construct).
    CompileError {
        line: u32,
        col: u32,
        message: String,
    },
    /// No thread can ever run again.
    Deadlock { report: String },
    /// A step or virtual-time budget ran out.
    BudgetExceeded { report: String },
    /// `sys.exit(code)` with a non-zero code.
    Exit(i32),
    /// Not over yet: a trace so far ([`crate::RunWatcher::trace_so_far`]).
    Running,
}

impl Outcome {
    pub fn exit_code(&self) -> i32 {
        match self {
            Outcome::Finished => 0,
            Outcome::UncaughtException(_) => 1,
            Outcome::CompileError { .. } => 2,
            Outcome::Deadlock { .. } => 3,
            Outcome::BudgetExceeded { .. } => 4,
            Outcome::Exit(code) => *code,
            Outcome::Running => 0,
        }
    }
}

impl Trace {
    /// The full stdout text, as a terminal would show it.
    pub fn stdout(&self) -> String {
        self.stream_text(Stream::Stdout)
    }

    pub fn stderr(&self) -> String {
        self.stream_text(Stream::Stderr)
    }

    fn stream_text(&self, stream: Stream) -> String {
        self.outputs
            .iter()
            .filter(|o| o.stream == stream)
            .map(|o| o.text.as_str())
            .collect()
    }

    /// Compact binary encoding (postcard) for moving a trace between a worker and the page.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a trace always serialises")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Trace, postcard::Error> {
        postcard::from_bytes(bytes)
    }
}
