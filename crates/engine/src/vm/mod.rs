//! The virtual machine: frames, threads and the interpreter loop, driven by the scheduler
//! ([`crate::sched`]) that owns the virtual clock and the GIL. Python frames live on an
//! explicit per-thread stack, so any thread can be suspended between any two instructions.

pub mod attr;
mod awaitables;
mod builtin_subclass;
pub mod builtins;
mod builtins_iter;
pub mod call;
mod carets;
mod checkpoint;
mod class_hooks;
mod collections_instr;
mod conflicts;
mod constructors;
mod coroutine_support;
mod deadlock;
mod directed;
pub mod exceptions;
mod fast_path;
mod fork_copy;
mod free_threading;
pub mod generators;
mod inspect;
pub mod interp;
mod lazy_iter;
pub mod methods;
pub mod modules;
mod mp_native;
mod object_ids;
pub mod ops;
mod percent;
mod pickle_size;
mod primitives;
pub mod process;
mod process_sched;
mod protocols;
mod replay;
pub mod repr;
mod safe_repr;
mod set_order;
mod setup;
mod str_methods;
mod subscript;
pub mod threads;
pub mod types;
mod warnings;

use crate::bytecode::Code;
use crate::sched::Scheduler;
use crate::trace::{Outcome, ThreadId};
use crate::value::{CellRef, Dict, Value};
use crate::RunOptions;
pub use replay::{run_main, Checkpoints, Replay, CHECKPOINT_EVERY_STEPS};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// What the caller of a run wants besides the trace: progress reports every so many
/// instructions, and (for [`inspect_main`]) a virtual time to stop at. Passed down to the
/// scheduler loops and the interpreter loop; nested runs of native code get [`RunHooks::none`].
pub struct RunHooks<'a> {
    watcher: Option<&'a mut dyn crate::RunWatcher>,
    every_steps: u64,
    /// The step count at which the next report is due (`u64::MAX`: never).
    next_report: u64,
    /// Stop at the first scheduling point whose time is at or after this (`u64::MAX`: never).
    stop_at_ns: u64,
    /// The time of the scheduling point the run stopped at for `stop_at_ns`.
    stopped_at: Option<u64>,
    /// With the GIL: the stop made the running thread come back to the scheduler where an
    /// uninterrupted run would have let it go on, past the time budget: on resuming, the
    /// loop must not check the budget there either.
    skip_budget_check: bool,
    /// In parallel modes: the stop cut this thread's quantum short (it would have run until
    /// `.1`; `.2` is when anything else would next happen): resuming first lets it finish.
    cut_quantum: Option<(ThreadId, u64, u64)>,
}

impl<'a> RunHooks<'a> {
    pub fn none() -> RunHooks<'static> {
        RunHooks {
            watcher: None,
            every_steps: 0,
            next_report: u64::MAX,
            stop_at_ns: u64::MAX,
            stopped_at: None,
            skip_budget_check: false,
            cut_quantum: None,
        }
    }

    /// Reports to `watcher` each time another `every_steps` instructions have run (never if
    /// `every_steps` is 0).
    pub fn watched(every_steps: u64, watcher: &'a mut dyn crate::RunWatcher) -> Self {
        RunHooks {
            watcher: Some(watcher),
            every_steps,
            next_report: if every_steps == 0 {
                u64::MAX
            } else {
                every_steps
            },
            ..RunHooks::none()
        }
    }

    /// Stops the run at the first scheduling point at or after `at_ns`.
    pub fn stop_at(at_ns: u64) -> RunHooks<'static> {
        RunHooks {
            stop_at_ns: at_ns,
            ..RunHooks::none()
        }
    }

    /// The step count at which the interpreter loop must call [`RunHooks::report`].
    #[inline]
    pub(crate) fn next_report(&self) -> u64 {
        self.next_report
    }

    /// Reports progress; returns whether the watcher now wants the trace so far (for
    /// [`RunHooks::hand_trace_so_far`]).
    pub(crate) fn report(&mut self, steps: u64, t_ns: u64) -> bool {
        self.next_report = match self.every_steps {
            0 => u64::MAX,
            n => (steps / n).saturating_add(1).saturating_mul(n),
        };
        match self.watcher.as_mut() {
            Some(w) => {
                w.progress(crate::Progress { steps, t_ns });
                w.wants_trace_so_far()
            }
            None => false,
        }
    }

    pub(crate) fn hand_trace_so_far(&mut self, trace: crate::Trace) {
        if let Some(w) = self.watcher.as_mut() {
            w.trace_so_far(trace);
        }
    }

    /// Where a running thread must come back to the scheduler for the stop time, as a
    /// `run_until` bound (`u64::MAX` when not inspecting).
    #[inline]
    pub(crate) fn stop_at_ns(&self) -> u64 {
        self.stop_at_ns
    }

    /// At a scheduling point whose time is `t_ns`: is this where the run stops? (Records it.)
    #[inline]
    pub(crate) fn stop_here(&mut self, t_ns: u64) -> bool {
        if t_ns >= self.stop_at_ns {
            self.stopped_at = Some(t_ns);
            return true;
        }
        false
    }

    pub(crate) fn stopped_at(&self) -> Option<u64> {
        self.stopped_at
    }

    /// The stop state of this paused run, for a copy of it (which has no watcher).
    pub(crate) fn paused_copy(&self) -> RunHooks<'static> {
        RunHooks {
            stop_at_ns: self.stop_at_ns,
            stopped_at: self.stopped_at,
            skip_budget_check: self.skip_budget_check,
            cut_quantum: self.cut_quantum,
            ..RunHooks::none()
        }
    }

    /// A new stop time for a paused run about to resume (not earlier than the last one).
    pub(crate) fn set_stop(&mut self, at_ns: u64) {
        self.stop_at_ns = at_ns;
        self.stopped_at = None;
    }
}

/// Why a native call did not simply return a value.
pub enum Flow {
    /// An exception was raised.
    Exc(Value),
    /// A Python frame was pushed; its return value will be the call's result.
    Pushed,
    /// The thread blocked; it resumes with a value supplied by whoever wakes it.
    Blocked,
}

pub type NResult = Result<Value, Flow>;

/// An entry of a frame's block stack.
#[derive(Clone)]
pub enum FrameBlock {
    /// A `try` region: on an exception, trim the stack to `level` and jump to `handler`.
    Handler { handler: usize, level: usize },
    /// Inside an `except`/`finally` handler: the exception handled before it, to restore.
    Except { previous: Option<Value> },
}

/// What happens to a frame's return value.
#[derive(Clone)]
pub enum ReturnMode {
    /// Pushed onto the caller's stack.
    Normal,
    /// `__init__` of a new instance: the instance is the result.
    Init(Value),
    /// A class body: the namespace becomes a class.
    BuildClass {
        name: Rc<str>,
        bases: Vec<Value>,
        namespace: Rc<RefCell<Dict>>,
        keywords: Vec<(Rc<str>, Value)>,
    },
    /// A module body run by `import`: the module is the result, or, with `retry`, the
    /// import instruction runs again (a dotted import continuing down the package path).
    Import { module: Value, retry: bool },
    /// A nested call from native code ([`Vm::call_sync`]): the result is handed back to it.
    Capture,
    /// The bottom frame of a thread started by `_thread.start_new_thread`.
    ThreadRoot,
    /// The main module.
    MainModule,
    /// `threading._shutdown()` called when the main module ended.
    Shutdown,
    /// The bottom frame of a forked process's main thread (`Process._bootstrap`): its
    /// result is the process's exit code.
    ProcessRoot,
    /// A generator resumed by a `for` loop: when it finishes, the loop jumps to `exit`.
    GenFor {
        gen: Rc<RefCell<crate::value::Generator>>,
        exit: usize,
    },
    /// A generator resumed by `next()` or `send()`: when it finishes, StopIteration.
    GenNext {
        gen: Rc<RefCell<crate::value::Generator>>,
    },
    /// A generator or coroutine delegated to by `yield from` / `await` (the `Send`
    /// instruction): its yields go to the delegating frame's stack; when it returns, that
    /// frame gets the return value in place of the delegate and jumps to `exit`.
    GenSend {
        gen: Rc<RefCell<crate::value::Generator>>,
        exit: usize,
    },
    /// A generator resumed by native code (`list(gen)`): results go to [`Vm::captured`].
    GenCapture {
        gen: Rc<RefCell<crate::value::Generator>>,
    },
    /// A generator drained on the thread's own stack for a built-in that consumes all of it
    /// first (`list(gen)`, `sorted(gen)`): yields collect into `items` and the generator runs
    /// on, so it may block; at its end the built-in is called with the list.
    GenDrain {
        gen: Rc<RefCell<crate::value::Generator>>,
        items: Vec<Value>,
        then: Box<generators::Drained>,
    },
}

pub struct Frame {
    pub code: Rc<Code>,
    pub pc: usize,
    pub stack: Vec<Value>,
    pub locals: Vec<Option<Value>>,
    pub cells: Vec<CellRef>,
    pub globals: Rc<RefCell<Dict>>,
    /// Module and class bodies keep their names here.
    pub namespace: Option<Rc<RefCell<Dict>>>,
    pub blocks: Vec<FrameBlock>,
    pub mode: ReturnMode,
}

impl Frame {
    /// A frame running a module-level body (a module, the main program, library code) whose
    /// names live in `globals`.
    pub fn module(code: Rc<Code>, globals: Rc<RefCell<Dict>>, mode: ReturnMode) -> Frame {
        Frame {
            code,
            pc: 0,
            stack: Vec::new(),
            locals: Vec::new(),
            cells: Vec::new(),
            globals: globals.clone(),
            namespace: Some(globals),
            blocks: Vec::new(),
            mode,
        }
    }

    pub fn line(&self) -> u32 {
        self.code.line_at(self.pc.saturating_sub(1))
    }
}

/// What a thread does when it next gets to run.
#[derive(Clone)]
pub enum Resume {
    Nothing,
    /// The blocking call it was in returns this value.
    Push(Value),
    /// It was woken by a lock release and must try to take the lock again.
    RetryAcquire {
        lock: u32,
        deadline: Option<u64>,
    },
}

pub struct Thread {
    pub frames: Vec<Frame>,
    pub resume: Resume,
    /// The exception being handled (`sys.exc_info()`), for implicit chaining.
    pub handled: Option<Value>,
    /// A lock held while the thread lives; `join()` waits on it.
    pub done_lock: Option<u32>,
    pub finished: bool,
}

pub struct Vm {
    pub options: RunOptions,
    pub threads: Vec<Thread>,
    /// The thread executing bytecode right now (the GIL holder).
    pub cur: ThreadId,
    pub sched: Scheduler,
    pub builtins: Rc<RefCell<Dict>>,
    pub types: types::Types,
    pub modules: HashMap<Rc<str>, Value>,
    /// Source text of every file, for tracebacks.
    pub sources: HashMap<Rc<str>, Rc<Vec<String>>>,
    /// Line numbers shown in tracebacks for our built-in modules' lines that stand in for
    /// lines of CPython's own modules (see `import_python`).
    pub line_aliases: HashMap<Rc<str>, Rc<HashMap<u32, u32>>>,
    /// Per thread running an asyncio loop that waits with no timer: what its tasks wait for.
    pub loop_idle_waits: HashMap<crate::trace::ThreadId, Vec<String>>,
    /// Every coroutine created (weakly), for the never-awaited warning at exit.
    pub live_coroutines: Vec<std::rc::Weak<RefCell<crate::value::Generator>>>,
    pub live_coroutines_pruned_at: usize,
    /// Per loop thread: the asyncio task being stepped (its index) and when the step began.
    pub task_step_started: HashMap<crate::trace::ThreadId, (u32, u64)>,
    /// The loaded `_lazy_iter` module (generator zip/map/filter/enumerate), once needed.
    pub lazy_iter_globals: Option<Rc<RefCell<crate::value::Dict>>>,
    /// Warnings already shown (`file:line:message`), as the `default` filter shows each once.
    pub warned: std::collections::HashSet<String>,
    pub main_globals: Rc<RefCell<Dict>>,
    pub outcome: Option<Outcome>,
    /// Results of nested calls made by native code.
    pub captured: Option<Result<Value, Value>>,
    pub rng: crate::rng::Rng,
    /// The `random` module's Mersenne Twister.
    pub mt: crate::mt::Mt,
    /// Depth of nested calls made by native code (no thread switch may happen inside).
    pub nested: u32,
    /// The process exit status decided so far (`sys.exit`, uncaught exception).
    pub exit_code: i32,
    /// Type name of the exception that escaped the main module, if any.
    pub uncaught: Option<String>,
    /// Simulated processes ([`process`]); the current thread's is `cur_proc`.
    pub procs: Vec<process::Proc>,
    pub cur_proc: crate::trace::ProcessId,
    /// Synchronisation objects recorded for the trace ([`primitives`]).
    pub prims: primitives::Primitives,
    /// `id()` of objects ([`object_ids`]); shared so that a repr can hand one out.
    pub ids: RefCell<object_ids::ObjectIds>,
    /// Lost-update detection ([`conflicts`]), when the options ask for it; a checkpoint's
    /// copy has none (it only answers inspections, which need no trace).
    pub watch: Option<Box<conflicts::ConflictWatch>>,
}

impl Vm {
    #[inline]
    pub fn frame(&mut self) -> &mut Frame {
        self.threads[self.cur as usize]
            .frames
            .last_mut()
            .expect("a running thread has a frame")
    }

    #[inline]
    pub fn thread(&mut self) -> &mut Thread {
        &mut self.threads[self.cur as usize]
    }

    pub fn push(&mut self, v: Value) {
        self.frame().stack.push(v);
    }

    #[inline]
    pub fn pop(&mut self) -> Value {
        self.frame().stack.pop().unwrap_or(Value::None)
    }

    pub fn top(&mut self) -> Value {
        self.frame().stack.last().cloned().unwrap_or(Value::None)
    }

    /// The source line the current thread is executing.
    pub fn current_line(&self, tid: ThreadId) -> u32 {
        self.threads
            .get(tid as usize)
            .and_then(|t| t.frames.last())
            .map(|f| f.line())
            .unwrap_or(0)
    }

    /// The line the thread is on in the program's own file: its innermost frame of the
    /// program's code (inside `threading.py` or asyncio, the program's line that called into
    /// the library), or 0 when it has none. What the trace's slices record.
    pub fn program_line(&self, tid: ThreadId) -> u32 {
        self.threads
            .get(tid as usize)
            .and_then(|t| {
                t.frames
                    .iter()
                    .rev()
                    .find(|f| *f.code.filename == *self.options.filename)
            })
            .map(|f| f.line())
            .unwrap_or(0)
    }
}
