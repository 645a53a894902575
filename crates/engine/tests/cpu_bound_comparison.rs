//! The course's CPU-bound lesson must come out of the model, not be scripted: the same work
//! run sequentially, on 4 threads under the GIL, on `ProcessPoolExecutor(4)`, and on 4 threads
//! of a free-threaded build (`--gil off`), compared by the virtual time each takes.

use interleave_engine::{run, RunOptions};

const WORK: &str = r#"
import threading
import time
from concurrent.futures import ProcessPoolExecutor

def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

N = 300_000

def sequential():
    for _ in range(4):
        work(N)

def threads():
    ts = [threading.Thread(target=work, args=(N,)) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()

def processes():
    with ProcessPoolExecutor(max_workers=4) as ex:
        list(ex.map(work, [N] * 4))

def timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start

MODES
"#;

fn times(modes: &str, gil: bool) -> Vec<f64> {
    let src = WORK.replace("MODES", modes);
    let t = run(
        &src,
        &RunOptions {
            filename: "cpu.py".into(),
            gil,
            cores: 4,
            ..Default::default()
        },
    );
    assert_eq!(t.outcome.exit_code(), 0, "{}", t.stderr());
    t.stdout()
        .split_whitespace()
        .map(|x| x.parse().expect("a time"))
        .collect()
}

#[test]
fn threads_do_not_speed_up_cpu_work_processes_and_free_threading_do() {
    let with_gil = times(
        "print(timed(sequential), timed(threads), timed(processes))",
        true,
    );
    let (seq, thr, procs) = (with_gil[0], with_gil[1], with_gil[2]);
    let free = times("print(timed(sequential), timed(threads))", false);
    let (free_seq, free_thr) = (free[0], free[1]);

    let threads_ratio = thr / seq;
    let process_ratio = procs / seq;
    let free_ratio = free_thr / free_seq;
    let report = format!(
        "sequential {seq:.3}s, threads {thr:.3}s ({threads_ratio:.2}x), processes {procs:.3}s \
         ({process_ratio:.2}x), free-threaded {free_thr:.3}s ({free_ratio:.2}x of {free_seq:.3}s)"
    );
    println!("{report}");
    assert!((1.0..=1.3).contains(&threads_ratio), "{report}");
    // A quarter of the work per core, plus forking, start-up and pickling.
    assert!((0.25..=0.4).contains(&process_ratio), "{report}");
    assert!((0.25..=0.32).contains(&free_ratio), "{report}");
}
