//! Interleave's engine: a deterministic simulator of CPython 3.11 running concurrent Python.
//!
//! Data flow: source → [`lexer`] → [`parser`] (AST, [`ast`]) → [`compiler`] (bytecode,
//! [`bytecode`]) → [`vm`] + [`sched`] (virtual clock, threads, GIL) → [`trace::Trace`].
//! Same program + same [`RunOptions`] ⇒ same trace, byte for byte.

pub mod ast;
mod builtins_py;
pub mod bytecode;
pub mod compiler;
pub mod cost;
pub mod error;
pub mod format;
pub mod lexer;
mod mt;
pub mod parser;
mod rng;
pub mod sched;
pub mod trace;
pub mod value;
pub mod vm;

pub use error::{CompileError, SyntaxKind};
pub use trace::{Outcome, Trace};

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
}

/// Where the GIL holder checks for a drop request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
    match compile(source, &options.filename) {
        Ok(code) => vm::run_main(code, source, options),
        Err(e) => compile_error_trace(&e, source, options),
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
