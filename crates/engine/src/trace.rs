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
    /// Stretches where one asyncio loop callback ran for 100 ms or more: the loop was frozen
    /// (a blocking call or CPU-bound work inside a coroutine).
    pub loop_freezes: Vec<LoopFreeze>,
    /// asyncio tasks, by the index `TaskStep::task` uses.
    pub tasks: Vec<TaskInfo>,
    /// Each time an event loop stepped a task (ran its coroutine to the next `await`).
    pub task_steps: Vec<TaskStep>,
    /// Every pickled message between processes (queue items, pipe messages, pool calls and
    /// results), in the order they were sent.
    pub transfers: Vec<Transfer>,
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
