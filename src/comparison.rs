//! The comparison view's pure part: the real pool's runs (one worker, N workers through one
//! global lock, N workers free) as the page receives them, their speedups over the one-worker
//! baseline, and a [`Trace`] of their busy intervals on a wall-clock axis, so the same lane
//! view that draws simulated threads draws the real workers.

use interleave_engine::trace::{
    BlockedOn, Outcome, ProcessInfo, Slice, ThreadInfo, ThreadState, Trace,
};

/// The simulated side: the notes' CPU-bound lesson as one Python program run four ways in the
/// engine (sequentially, in threads under the GIL, in a process pool, in threads of a
/// free-threaded build), each over the same primes-below-N count in four parts.
pub const SIMULATED: [(&str, &str); 4] = [
    ("sequential", "one thread"),
    ("threads", "4 threads, with the GIL"),
    ("processes", "ProcessPoolExecutor(4)"),
    ("free-threaded", "4 threads, free-threaded build"),
];

/// The program of simulated variant `kind` (one of [`SIMULATED`]).
pub fn simulated_program(kind: &str) -> String {
    let run = match kind {
        "threads" | "free-threaded" => {
            "results = [0] * 4
def work(i):
    results[i] = count(*parts[i])
threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in threads: t.start()
for t in threads: t.join()
total = sum(results)
"
        }
        "processes" => {
            "with ProcessPoolExecutor(max_workers=4) as pool:
    total = sum(pool.map(count_part, parts))
"
        }
        _ => {
            "total = sum(count(lo, hi) for lo, hi in parts)
"
        }
    };
    format!(
        "import math
import threading
from concurrent.futures import ProcessPoolExecutor

def is_prime(n):
    if n < 2: return False
    for i in range(2, int(math.sqrt(n)) + 1):
        if n % i == 0: return False
    return True

def count(lo, hi):
    return sum(1 for n in range(lo, hi) if is_prime(n))

def count_part(part):
    return count(*part)

N = {SIMULATED_N}
parts = [(N * k // 4, N * (k + 1) // 4) for k in range(4)]
if __name__ == \"__main__\":
{}    print(\"primes below\", N, \":\", total)
",
        run.lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    )
}

/// The simulated programs count the primes below this.
pub const SIMULATED_N: u64 = 60_000;

/// One simulated variant's run: its virtual duration, what it printed, and its trace (as
/// [`Trace::to_bytes`] encodes it) for the view's lanes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SimulatedRun {
    pub kind: String,
    pub end_ns: u64,
    pub printed: String,
    #[serde(with = "crate::protocol::byte_buf")]
    pub trace: Vec<u8>,
}

/// Runs every simulated variant (processes and the free-threaded build on `cores` cores).
pub fn simulate(cores: u32) -> Vec<SimulatedRun> {
    SIMULATED
        .iter()
        .map(|(kind, _)| {
            let trace = interleave_engine::run(
                &simulated_program(kind),
                &interleave_engine::RunOptions {
                    filename: "cpu_bound.py".to_string(),
                    gil: *kind != "free-threaded",
                    cores: cores.max(1),
                    ..Default::default()
                },
            );
            let printed: String = trace.outputs.iter().map(|o| o.text.as_str()).collect();
            SimulatedRun {
                kind: kind.to_string(),
                end_ns: trace.end_ns,
                printed: printed.trim_end().to_string(),
                trace: trace.to_bytes(),
            }
        })
        .collect()
}

/// The speedup of simulated variant `kind` over the sequential one.
pub fn simulated_speedup(runs: &[SimulatedRun], kind: &str) -> Option<f64> {
    let base = runs.iter().find(|r| r.kind == "sequential")?.end_ns as f64;
    let run = runs.iter().find(|r| r.kind == kind)?;
    (run.end_ns > 0).then(|| base / run.end_ns as f64)
}

/// The three ways the pool runs a kernel, in the order the view runs them.
pub const MODES: [(&str, &str); 3] = [
    ("sequential", "one worker"),
    ("global-lock", "workers sharing one lock"),
    ("free", "workers, free (rayon par_iter)"),
];

/// One finished run of the real pool.
#[derive(Clone, Debug, PartialEq)]
pub struct RealRun {
    pub mode: String,
    /// The kernel's result (a decimal integer).
    pub result: String,
    pub start_ms: f64,
    pub end_ms: f64,
    /// Each chunk: the worker that ran it (0: the calling worker) and when, in epoch ms.
    pub intervals: Vec<(u32, f64, f64)>,
}

impl RealRun {
    pub fn wall_ms(&self) -> f64 {
        self.end_ms - self.start_ms
    }

    /// How many different workers ran a chunk.
    pub fn workers(&self) -> usize {
        let mut ids: Vec<u32> = self.intervals.iter().map(|i| i.0).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// `mode`'s speedup over the sequential run (baseline time / its time).
pub fn speedup(runs: &[RealRun], mode: &str) -> Option<f64> {
    let base = runs.iter().find(|r| r.mode == "sequential")?.wall_ms();
    let run = runs.iter().find(|r| r.mode == mode)?;
    (run.wall_ms() > 0.0).then(|| base / run.wall_ms())
}

/// Whether every run gave the same result.
pub fn results_agree(runs: &[RealRun]) -> bool {
    runs.windows(2).all(|w| w[0].result == w[1].result)
}

/// The runs as a trace: a lane per (run, worker), each run from its own start at 0 ns, a
/// worker "running" while it works on a chunk and, between chunks, "blocked on the lock" in
/// the global-lock run or "waiting" otherwise.
pub fn trace_of(runs: &[RealRun]) -> Trace {
    let mut trace = Trace {
        filename: "real pool".to_string(),
        outcome: Outcome::Finished,
        ..Default::default()
    };
    trace.processes.push(ProcessInfo {
        name: "Your browser".to_string(),
        pid: 0,
        parent: None,
        start_ns: 0,
        end_ns: None,
        exitcode: None,
    });
    let ns = |ms: f64| (ms.max(0.0) * 1e6).round() as u64;
    for run in runs {
        let mut workers: Vec<u32> = run.intervals.iter().map(|i| i.0).collect();
        workers.sort_unstable();
        workers.dedup();
        let end = ns(run.wall_ms());
        for w in workers {
            let thread = trace.threads.len() as u32;
            let name = match (run.mode.as_str(), w) {
                ("sequential", _) => "one worker".to_string(),
                ("global-lock", k) => format!("lock · worker {k}"),
                (_, k) => format!("free · worker {k}"),
            };
            trace.threads.push(ThreadInfo {
                name,
                process: 0,
                daemon: false,
                parent: None,
                start_ns: 0,
                end_ns: Some(end),
            });
            let mut busy: Vec<(u64, u64)> = run
                .intervals
                .iter()
                .filter(|i| i.0 == w)
                .map(|i| (ns(i.1 - run.start_ms), ns(i.2 - run.start_ms)))
                .collect();
            busy.sort_unstable();
            let idle = if run.mode == "global-lock" {
                ThreadState::Blocked(BlockedOn::Lock(0))
            } else {
                ThreadState::WaitingForGil
            };
            let mut at = 0;
            for (start, stop) in busy {
                let start = start.max(at);
                let stop = stop.max(start).min(end.max(start));
                if start > at {
                    trace.slices.push(slice(thread, idle, at, start));
                }
                if stop > start {
                    trace
                        .slices
                        .push(slice(thread, ThreadState::Running, start, stop));
                }
                at = stop;
            }
            if end > at {
                trace.slices.push(slice(thread, idle, at, end));
            }
        }
        trace.end_ns = trace.end_ns.max(end);
    }
    trace.slices.sort_by_key(|s| (s.start_ns, s.thread));
    trace
}

fn slice(thread: u32, state: ThreadState, start_ns: u64, end_ns: u64) -> Slice {
    Slice {
        thread,
        state,
        start_ns,
        end_ns,
        line: 0,
        end_line: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulated_programs_agree_with_python_and_show_the_lesson() {
        let runs = simulate(4);
        for run in &runs {
            // π(60,000) = 6,057.
            assert_eq!(run.printed, "primes below 60000 : 6057", "{}", run.kind);
        }
        let threads = simulated_speedup(&runs, "threads").expect("threads");
        let processes = simulated_speedup(&runs, "processes").expect("processes");
        let free = simulated_speedup(&runs, "free-threaded").expect("free");
        assert!(threads < 1.1, "threads with the GIL: {threads}");
        eprintln!("speedups: threads {threads:.2}, processes {processes:.2}, free {free:.2}");
        assert!(processes > 2.0, "processes: {processes}");
        assert!(free > 2.5, "free-threaded: {free}");
    }

    fn run(mode: &str, start: f64, end: f64, intervals: &[(u32, f64, f64)]) -> RealRun {
        RealRun {
            mode: mode.to_string(),
            result: "42".to_string(),
            start_ms: start,
            end_ms: end,
            intervals: intervals.to_vec(),
        }
    }

    #[test]
    fn speedups_are_over_the_sequential_run() {
        let runs = [
            run("sequential", 0.0, 1000.0, &[(0, 0.0, 1000.0)]),
            run(
                "global-lock",
                0.0,
                1000.0,
                &[(1, 0.0, 500.0), (2, 500.0, 1000.0)],
            ),
            run("free", 0.0, 500.0, &[(1, 0.0, 500.0), (2, 0.0, 500.0)]),
        ];
        assert_eq!(speedup(&runs, "free"), Some(2.0));
        assert_eq!(speedup(&runs, "global-lock"), Some(1.0));
        assert!(results_agree(&runs));
        assert_eq!(runs[2].workers(), 2);
        assert_eq!(speedup(&runs[1..], "free"), None);
    }

    #[test]
    fn the_trace_has_a_lane_per_worker_busy_while_working_and_blocked_between_under_the_lock() {
        let runs = [
            run(
                "global-lock",
                100.0,
                110.0,
                &[(1, 100.0, 104.0), (2, 104.0, 108.0), (1, 108.0, 110.0)],
            ),
            run("free", 200.0, 205.0, &[(1, 200.0, 205.0)]),
        ];
        let trace = trace_of(&runs);
        let names: Vec<&str> = trace.threads.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["lock · worker 1", "lock · worker 2", "free · worker 1"]
        );
        assert_eq!(trace.end_ns, 10_000_000);
        let of = |t: u32| -> Vec<(ThreadState, u64, u64)> {
            trace
                .slices
                .iter()
                .filter(|s| s.thread == t)
                .map(|s| (s.state, s.start_ns, s.end_ns))
                .collect()
        };
        let blocked = ThreadState::Blocked(BlockedOn::Lock(0));
        assert_eq!(
            of(1),
            [
                (blocked, 0, 4_000_000),
                (ThreadState::Running, 4_000_000, 8_000_000),
                (blocked, 8_000_000, 10_000_000)
            ]
        );
        assert_eq!(of(2), [(ThreadState::Running, 0, 5_000_000)]);
        crate::timeline::TimelineModel::new(&trace);
    }
}
