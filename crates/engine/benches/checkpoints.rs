//! What checkpoints cost and buy, on the longest course examples: the run with checkpoints
//! against the same run without (ratio), how many are kept, and the time to the state at
//! moments after the run (what the variables pane asks for when the cursor jumps back)
//! against replaying from the start, all measured in this run.
//!
//! `cargo bench -p interleave-engine --bench checkpoints`

use interleave_engine::{inspect, run, run_inspectable, Progress, RunOptions, RunWatcher};
use std::time::Instant;

/// Under `scenarios/`: the longest course examples of the gallery.
const PROGRAMS: &[&str] = &[
    "asyncio/executors-inside-asyncio.py",
    "locks/counter-lock-notebook.py",
    "pools/process-pool-heavy-compute.py",
    "asyncio/process-pool-in-asyncio.py",
    "pools/process-pool-primes.py",
];

struct Quiet;

impl RunWatcher for Quiet {
    fn progress(&mut self, _: Progress) {}
}

/// Resident memory of this process, in MiB (Linux).
fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/");
    println!(
        "{:<36} {:>9} {:>9} {:>6} {:>6} {:>8} {:>12} {:>12}",
        "program", "run ms", "+ckpt ms", "ratio", "kept", "MiB", "moment ms", "from start"
    );
    let only = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    for name in PROGRAMS {
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let source = std::fs::read_to_string(format!("{root}{name}")).expect("program");
        let options = RunOptions {
            filename: name.to_string(),
            ..RunOptions::default()
        };
        let started = Instant::now();
        let plain = run(&source, &options);
        let plain_ms = ms(started);
        let rss_before = rss_mib();
        let started = Instant::now();
        let (_, _, mut inspector) = run_inspectable(&source, &options, 1 << 18, &mut Quiet);
        let with_ms = ms(started);
        let kept_mib = rss_mib() - rss_before;
        let end = plain.end_ns;
        // Backwards and forwards, as a user scrubs: each moment after the last is reached
        // from a checkpoint or the paused replay.
        let mut worst: f64 = 0.0;
        for at_ns in [end / 2, end / 4, end * 3 / 4, end / 3, end * 9 / 10] {
            let started = Instant::now();
            inspector.at(at_ns);
            worst = worst.max(ms(started));
        }
        let started = Instant::now();
        inspect(&source, &options, end / 2);
        let from_start_ms = ms(started);
        println!(
            "{:<36} {:>9.0} {:>9.0} {:>6.2} {:>6} {:>8.0} {:>12.1} {:>12.0}",
            name,
            plain_ms,
            with_ms,
            with_ms / plain_ms,
            inspector.checkpoints(),
            kept_mib,
            worst,
            from_start_ms
        );
    }
}
