//! Interleave's engine: a deterministic simulator of CPython 3.11 running concurrent Python.
//!
//! Data flow: source → [`lexer`] → [`parser`] (AST, [`ast`]) → [`compiler`] (bytecode,
//! [`bytecode`]) → [`vm`] + [`sched`] (virtual clock, threads, GIL) → [`trace::Trace`].
//! Same program + same [`RunOptions`] ⇒ same trace, byte for byte.

pub mod ast;
mod builtins_py;
pub mod bytecode;
pub mod chrome_trace;
pub mod compiler;
pub mod cost;
pub mod director;
pub mod error;
pub mod format;
pub mod lexer;
mod log;
mod mt;
pub mod parser;
mod recording;
mod rng;
pub mod sched;
pub mod snapshot;
pub mod trace;
pub mod value;
pub mod vm;
pub mod watch;

pub use director::Director;
pub use error::{CompileError, SyntaxKind};
pub use snapshot::{FrameSnapshot, ProcessGlobals, Snapshot, ThreadSnapshot, Variable};
pub use trace::{Outcome, Trace};
pub use watch::{Progress, RunWatcher};

use std::rc::Rc;

/// Everything that decides a run besides the program text.
#[derive(Clone, Debug, PartialEq)]
pub struct RunOptions {
    /// The name tracebacks and error messages show (`python3 FILE.py` shows `FILE.py`).
    pub filename: String,
    /// Seeds `random` and the choice between equally plausible schedules.
    pub seed: u64,
    /// `sys.getswitchinterval()`, in nanoseconds (CPython's default is 5 ms).
    pub switch_interval_ns: u64,
    /// Stop after this many executed bytecode instructions.
    pub max_steps: u64,
    /// Stop when the virtual clock passes this time.
    pub max_time_ns: u64,
    /// Where a thread holding the GIL may be asked to drop it.
    pub preempt: Preempt,
    /// `false` simulates a free-threaded build (PEP 703): no GIL, threads run in parallel.
    pub gil: bool,
    /// Cores available to run threads (matters without the GIL, and to processes).
    pub cores: u32,
    /// asyncio's debug mode (as `PYTHONASYNCIODEBUG=1`): warn about slow callbacks on stderr.
    pub asyncio_debug: bool,
    /// Who picks the next thread where CPython could switch (one process with a GIL only);
    /// `None`: the simulated OS and GIL, as CPython would.
    pub director: Option<Director>,
    /// Record lost updates of shared variables in the trace ([`Trace::conflicts`]).
    pub watch_conflicts: bool,
}

/// Where the GIL holder checks for a drop request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Preempt {
    /// CPython 3.10+: function entry, backward jumps, after calls (`x += 1` is never split).
    #[default]
    EvalBreaker,
    /// Between any two instructions, as older interpreters effectively allowed: races show.
    AnyInstruction,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            filename: "main.py".into(),
            seed: 0,
            switch_interval_ns: 5_000_000,
            max_steps: 1_000_000_000,
            max_time_ns: 3_600 * 1_000_000_000,
            preempt: Preempt::EvalBreaker,
            gil: true,
            cores: 4,
            asyncio_debug: false,
            director: None,
            watch_conflicts: false,
        }
    }
}

/// Parses and compiles a module.
pub fn compile(source: &str, filename: &str) -> Result<Rc<bytecode::Code>, CompileError> {
    let module = parser::parse(source)?;
    compiler::compile_module(&module, filename)
}

/// Runs `source` to completion (or to a deadlock, a budget stop or an error) and returns the
/// trace, which also holds everything the program printed and how it ended.
pub fn run(source: &str, options: &RunOptions) -> Trace {
    run_with_progress(source, options, 0, &mut |_| {})
}

/// [`run`], telling `on_progress` how far the run has got: each time another `every_steps`
/// instructions have executed (never in between if `every_steps` is 0), and once at the end
/// with the trace's own `steps` and `end_ns`. The reports cost nothing per instruction (the
/// interpreter's step-budget check doubles as the report check) and do not change the run.
pub fn run_with_progress(
    source: &str,
    options: &RunOptions,
    every_steps: u64,
    on_progress: &mut dyn FnMut(Progress),
) -> Trace {
    run_reporting(
        source,
        options,
        every_steps,
        &mut watch::ProgressOnly(on_progress),
        false,
        false,
    )
    .0
}

/// [`run_with_progress`] with a [`RunWatcher`], which can also ask for the trace so far after
/// any report; also returns the program's state at the end: the [`Snapshot`] that [`inspect`]
/// gives for any time at or after the trace's `end_ns`, for the price of capturing it (no
/// replay).
pub fn run_watched(
    source: &str,
    options: &RunOptions,
    every_steps: u64,
    watcher: &mut dyn RunWatcher,
) -> (Trace, Snapshot) {
    let (trace, snapshot, _) = run_reporting(source, options, every_steps, watcher, true, false);
    (trace, snapshot.unwrap_or_default())
}

/// [`run_watched`], also keeping checkpoints of the run (copies of the interpreter every so
/// many instructions, within a memory budget) in an [`Inspector`], so that the state at any
/// moment of the run is then found by replaying from the nearest checkpoint before it.
pub fn run_inspectable(
    source: &str,
    options: &RunOptions,
    every_steps: u64,
    watcher: &mut dyn RunWatcher,
) -> (Trace, Snapshot, Inspector) {
    let (trace, snapshot, replay) =
        run_reporting(source, options, every_steps, watcher, true, true);
    (trace, snapshot.unwrap_or_default(), Inspector { replay })
}

fn run_reporting(
    source: &str,
    options: &RunOptions,
    every_steps: u64,
    watcher: &mut dyn RunWatcher,
    end_snapshot: bool,
    keep_checkpoints: bool,
) -> (Trace, Option<Snapshot>, Option<vm::Replay>) {
    let (trace, snapshot, replay) = match compile(source, &options.filename) {
        Ok(code) => {
            let mut hooks = vm::RunHooks::watched(every_steps, watcher);
            if keep_checkpoints {
                let mut replay = vm::Replay::new(code, source, options);
                let (trace, snapshot) = replay.run(&mut hooks, end_snapshot);
                (trace, snapshot, Some(replay))
            } else {
                let never = &mut vm::Checkpoints::never();
                let (trace, snapshot) =
                    vm::run_main(code, source, options, &mut hooks, never, end_snapshot);
                (trace, snapshot, None)
            }
        }
        Err(e) => (compile_error_trace(&e, source, options), None, None),
    };
    watcher.progress(Progress {
        steps: trace.steps,
        t_ns: trace.end_ns,
    });
    (trace, snapshot, replay)
}

/// The program's state at virtual time `at_ns`: replays the run (same options, same schedule,
/// the same trace as [`run`] up to there) and stops at the first scheduling point where the
/// virtual clock is at or after `at_ns`, or at the end if the run ends first; see [`Snapshot`].
/// A program that does not compile has an empty snapshot. To look at several moments of one
/// run, an [`Inspector`] saves replaying from the start each time.
pub fn inspect(source: &str, options: &RunOptions, at_ns: u64) -> Snapshot {
    Inspector::new(source, options).at(at_ns)
}

/// [`inspect`] for several moments of one run: keeps the replay paused where it stopped, so a
/// later moment costs only the run from there, and checkpoints taken along the way (or
/// during the run, [`run_inspectable`]), so an earlier one costs only the run from the
/// nearest checkpoint before it.
pub struct Inspector {
    replay: Option<vm::Replay>,
}

impl Inspector {
    pub fn new(source: &str, options: &RunOptions) -> Inspector {
        Inspector {
            replay: compile(source, &options.filename)
                .ok()
                .map(|code| vm::Replay::new(code, source, options)),
        }
    }

    /// How many checkpoints of the run it keeps.
    pub fn checkpoints(&self) -> usize {
        self.replay.as_ref().map_or(0, |r| r.checkpoints())
    }

    /// The state at `at_ns`, exactly as [`inspect`] gives it.
    pub fn at(&mut self, at_ns: u64) -> Snapshot {
        match &mut self.replay {
            Some(replay) => replay.at(at_ns),
            None => Snapshot::default(),
        }
    }
}

/// The trace of a program that did not compile: CPython's report on stderr, exit code 2.
fn compile_error_trace(e: &CompileError, source: &str, options: &RunOptions) -> Trace {
    let text = render_compile_error(e, source, &options.filename);
    let message = match e {
        CompileError::Syntax { kind, msg, .. } => format!("{}: {msg}", kind.name()),
        CompileError::Unsupported { what, .. } => format!("unsupported: {what}"),
    };
    Trace {
        filename: options.filename.clone(),
        outputs: vec![trace::Output {
            t_ns: 0,
            thread: 0,
            stream: trace::Stream::Stderr,
            text,
        }],
        outcome: Outcome::CompileError {
            line: e.line(),
            col: e.col(),
            message,
        },
        ..Default::default()
    }
}

/// How CPython reports a syntax error, or Interleave's one-line report of an unsupported
/// construct (`file:line:col: unsupported: what`).
pub fn render_compile_error(e: &CompileError, source: &str, filename: &str) -> String {
    match e {
        CompileError::Unsupported { what, line, col } => {
            format!("{filename}:{line}:{col}: unsupported: {what}\n")
        }
        CompileError::Syntax {
            kind,
            msg,
            line,
            col,
            end_line,
            end_col,
        } => {
            let mut out = format!("  File \"{filename}\", line {line}\n");
            if let Some(text) = source.lines().nth(line.saturating_sub(1) as usize) {
                let trimmed = text.trim_start();
                let indent = text.chars().count() - trimmed.chars().count();
                let shown = trimmed.trim_end_matches(['\n', '\r']);
                if !shown.trim().is_empty() {
                    out.push_str(&format!("    {shown}\n"));
                    let start = (*col as usize).saturating_sub(1).saturating_sub(indent);
                    let width = if end_line == line && *end_col > *col {
                        (*end_col - *col) as usize
                    } else {
                        1
                    };
                    out.push_str(&format!(
                        "    {}{}\n",
                        " ".repeat(start),
                        "^".repeat(width.max(1))
                    ));
                }
            }
            out.push_str(&format!("{}: {msg}\n", kind.name()));
            out
        }
    }
}
