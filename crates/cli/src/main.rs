//! The `interleave` command: runs a Python program in Interleave's simulator of CPython 3.11
//! and prints what CPython would print.

use clap::{Parser, Subcommand};
use interleave_engine::{run, Preempt, RunOptions};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "interleave",
    version,
    about = "Run Python concurrency programs in a deterministic simulator of CPython 3.11"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run FILE.py (or `-` for standard input) and print exactly what CPython prints.
    ///
    /// Exit codes: 0 ok, 1 uncaught exception, 2 syntax error or unsupported construct,
    /// 3 deadlock, 4 step or time budget exceeded (or the program's own sys.exit code).
    Run {
        /// The Python file to run, or `-` to read it from standard input.
        file: PathBuf,
        /// Seed for `random` and for choices between equally plausible schedules.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// The GIL switch interval in seconds (`sys.setswitchinterval`).
        #[arg(long, default_value_t = 0.005)]
        switch_interval: f64,
        /// Stop after this many bytecode instructions.
        #[arg(long, default_value_t = 1_000_000_000)]
        max_steps: u64,
        /// Stop after this many seconds of virtual time.
        #[arg(long, default_value_t = 3600.0)]
        max_time: f64,
        /// Where the GIL holder may be preempted: `eval-breaker` (CPython 3.10+) or
        /// `any-instruction` (between any two bytecodes, so unlocked `x += 1` loses updates).
        #[arg(long, value_enum, default_value_t = PreemptArg::EvalBreaker)]
        preempt: PreemptArg,
        /// `off` simulates a free-threaded build (PEP 703): no GIL, threads run in parallel.
        #[arg(long, value_enum, default_value_t = GilArg::On)]
        gil: GilArg,
        /// Cores the simulated machine has (threads run in parallel on them with `--gil off`).
        #[arg(long, default_value_t = 4)]
        cores: u32,
        /// asyncio debug mode (as `PYTHONASYNCIODEBUG=1`): warn on stderr about loop callbacks
        /// that run 100 ms or longer (the trace always records them).
        #[arg(long)]
        asyncio_debug: bool,
        /// Write the run's trace as Chrome Trace Event JSON (opens in Perfetto UI).
        #[arg(long)]
        trace_out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum GilArg {
    On,
    Off,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PreemptArg {
    EvalBreaker,
    AnyInstruction,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            file,
            seed,
            switch_interval,
            max_steps,
            max_time,
            preempt,
            gil,
            cores,
            asyncio_debug,
            trace_out,
        } => {
            let (source, filename) = match read_program(&file) {
                Ok(v) => v,
                Err(e) => {
                    eprintln!("interleave: can't open file '{}': {e}", file.display());
                    return ExitCode::from(2);
                }
            };
            let options = RunOptions {
                filename,
                seed,
                switch_interval_ns: (switch_interval * 1e9) as u64,
                max_steps,
                max_time_ns: (max_time * 1e9) as u64,
                preempt: match preempt {
                    PreemptArg::EvalBreaker => Preempt::EvalBreaker,
                    PreemptArg::AnyInstruction => Preempt::AnyInstruction,
                },
                gil: gil == GilArg::On,
                cores: cores.max(1),
                asyncio_debug,
                ..RunOptions::default()
            };
            let trace = run(&source, &options);
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
            for o in &trace.outputs {
                let _ = match o.stream {
                    interleave_engine::trace::Stream::Stdout => {
                        out.write_all(o.text.as_bytes()).and_then(|_| out.flush())
                    }
                    interleave_engine::trace::Stream::Stderr => err.write_all(o.text.as_bytes()),
                };
            }
            if let Some(path) = trace_out {
                if let Err(e) =
                    std::fs::write(&path, interleave_engine::chrome_trace::to_json(&trace))
                {
                    eprintln!("interleave: can't write '{}': {e}", path.display());
                }
            }
            ExitCode::from(trace.outcome.exit_code().clamp(0, 255) as u8)
        }
    }
}

fn read_program(file: &PathBuf) -> std::io::Result<(String, String)> {
    if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok((s, "<stdin>".into()));
    }
    // CPython 3.9+ reports the script by its absolute path in tracebacks.
    let shown = std::path::absolute(file).unwrap_or_else(|_| file.clone());
    Ok((std::fs::read_to_string(file)?, shown.display().to_string()))
}
