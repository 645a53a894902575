//! `cargo bench -p interleave-cli`: CPU-bound programs under `python3` and under the engine
//! (release build, trace recorded), in the same run. Prints engine/CPython time ratios, the
//! engine's bytecodes per second, trace bytes per recorded event, and the peak memory of the
//! two-thread loop. Figures, not assertions: timing tests flake.

use interleave_engine::{run, RunOptions};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const PROGRAMS: &[&str] = &[
    "counting_loop",
    "fib",
    "prime_sieve",
    "list_dict_churn",
    "two_thread_loop",
];
/// Programs whose ratio is reported but not held to issue 4's 3.0 target: CPython runs
/// asyncio's Task and Future in C (the engine runs them as Python code), and a pool's workers
/// on real cores (the engine simulates them one after another).
const REPORTED_ONLY: &[&str] = &["asyncio_sleep0", "mp_pool_map"];
const REPEATS: usize = 3;

fn best_of<F: FnMut() -> Duration>(mut f: F) -> Duration {
    (0..REPEATS).map(|_| f()).min().unwrap_or_default()
}

fn python_time(path: &Path) -> Option<Duration> {
    let mut ok = true;
    let d = best_of(|| {
        let start = Instant::now();
        let status = Command::new("python3")
            .arg(path)
            .env_remove("PYTHONUNBUFFERED")
            .output();
        ok &= status.map(|o| o.status.success()).unwrap_or(false);
        start.elapsed()
    });
    ok.then_some(d)
}

/// Peak resident memory (KiB) of the CLI running `path`, read by GNU time when present.
fn peak_memory_kib(path: &Path) -> Option<u64> {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/interleave");
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(&cli)
        .arg("run")
        .arg(path)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs");
    println!(
        "{:<18} {:>10} {:>10} {:>7} {:>14} {:>12}",
        "program", "cpython", "engine", "ratio", "bytecodes/s", "trace B/ev"
    );
    let mut worst: f64 = 0.0;
    for name in PROGRAMS.iter().chain(REPORTED_ONLY) {
        let path = dir.join(format!("{name}.py"));
        let source = std::fs::read_to_string(&path).expect("benchmark program");
        let options = RunOptions {
            filename: path.display().to_string(),
            ..Default::default()
        };
        let mut trace = None;
        let engine = best_of(|| {
            let start = Instant::now();
            trace = Some(run(&source, &options));
            start.elapsed()
        });
        let trace = trace.expect("ran");
        assert_eq!(trace.outcome.exit_code(), 0, "{name}: {}", trace.stderr());
        let events = trace.slices.len()
            + trace.gil.len()
            + trace.outputs.len()
            + trace.gil_drop_requests.len()
            + trace.lock_events.len()
            + trace.task_steps.len()
            + trace.transfers.len();
        let bytes_per_event = trace.to_bytes().len() as f64 / events.max(1) as f64;
        let rate = trace.steps as f64 / engine.as_secs_f64();
        match python_time(&path) {
            Some(py) => {
                let ratio = engine.as_secs_f64() / py.as_secs_f64();
                if PROGRAMS.contains(name) {
                    worst = worst.max(ratio);
                }
                println!(
                    "{name:<18} {:>9.3}s {:>9.3}s {ratio:>7.2} {:>14.0} {bytes_per_event:>12.1}",
                    py.as_secs_f64(),
                    engine.as_secs_f64(),
                    rate
                );
            }
            None => println!(
                "{name:<18} {:>10} {:>9.3}s {:>7} {rate:>14.0} {bytes_per_event:>12.1}",
                "n/a",
                engine.as_secs_f64(),
                "-"
            ),
        }
    }
    println!("worst engine/CPython ratio: {worst:.2} (target <= 3.0)");
    match peak_memory_kib(&dir.join("two_thread_loop.py")) {
        Some(kib) => println!(
            "peak memory, two_thread_loop (CLI): {:.1} MiB",
            kib as f64 / 1024.0
        ),
        None => {
            println!("peak memory: build the CLI in release mode and install GNU time to measure")
        }
    }
}
