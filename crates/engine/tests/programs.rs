//! Whole programs through `interleave_engine::run`: printed output, exit status and the
//! shape of the trace. Expected output was produced by CPython 3.11.7.

use interleave_engine::trace::{Outcome, ThreadState};
use interleave_engine::{run, RunOptions};

fn run_src(src: &str) -> interleave_engine::Trace {
    run(
        src,
        &RunOptions {
            filename: "t.py".into(),
            ..Default::default()
        },
    )
}

#[test]
fn arithmetic_and_formatting() {
    let t = run_src(
        "x = 7\ny = 2\nprint(x / y, x // y, -x % 3, 2 ** 100, 0.1 + 0.2)\nprint(f'{x / 3:.2f}|{x:>4}|{\"ab\":<4}|')\n",
    );
    assert_eq!(
        t.stdout(),
        "3.5 3 2 1267650600228229401496703205376 0.30000000000000004\n2.33|   7|ab  |\n"
    );
    assert_eq!(t.outcome, Outcome::Finished);
}

#[test]
fn functions_classes_and_exceptions() {
    let src = r#"
class Counter:
    def __init__(self, start=0):
        self.n = start
    def inc(self, by=1):
        self.n += by
        return self
    def __repr__(self):
        return f"Counter({self.n})"

def make_adder(k):
    def add(x):
        return x + k
    return add

c = Counter(5).inc().inc(by=3)
print(c, make_adder(10)(5))
try:
    {}['missing']
except KeyError as e:
    print('caught', repr(e))
finally:
    print('finally')
print(sorted([3, 1, 2], reverse=True), [i * i for i in range(4) if i % 2 == 0])
"#;
    let t = run_src(src);
    assert_eq!(
        t.stdout(),
        "Counter(9) 15\ncaught KeyError('missing')\nfinally\n[3, 2, 1] [0, 4]\n"
    );
}

#[test]
fn uncaught_exception_prints_traceback_and_exits_1() {
    let t = run_src("def f():\n    return 1 / 0\n\nf()\n");
    assert_eq!(t.outcome.exit_code(), 1);
    let err = t.stderr();
    assert!(
        err.starts_with(
            "Traceback (most recent call last):\n  File \"t.py\", line 4, in <module>\n    f()\n"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("ZeroDivisionError: division by zero\n"),
        "{err}"
    );
}

#[test]
fn syntax_error_is_reported_like_cpython() {
    let t = run_src("if True\n    pass\n");
    assert_eq!(t.outcome.exit_code(), 2);
    assert_eq!(
        t.stderr(),
        "  File \"t.py\", line 1\n    if True\n           ^\nSyntaxError: expected ':'\n"
    );
}

#[test]
fn threads_interleave_by_sleep_and_virtual_time_is_instant() {
    let src = r#"
import threading, time

def worker(name, delay):
    for i in range(3):
        print(name, i)
        time.sleep(delay)

a = threading.Thread(target=worker, args=("a", 1.0))
b = threading.Thread(target=worker, args=("b", 1.5))
a.start(); b.start()
a.join(); b.join()
print("done", threading.current_thread().name, a.name)
"#;
    let t = run_src(src);
    assert_eq!(
        t.stdout(),
        "a 0\nb 0\na 1\nb 1\na 2\nb 2\ndone MainThread Thread-1 (worker)\n"
    );
    assert_eq!(t.threads.len(), 3);
    assert!(
        (4.5e9..4.6e9).contains(&(t.end_ns as f64)),
        "end {}",
        t.end_ns
    );
    // At most one thread runs at any instant.
    let running: Vec<_> = t
        .slices
        .iter()
        .filter(|s| s.state == ThreadState::Running)
        .collect();
    for (i, a) in running.iter().enumerate() {
        for b in &running[i + 1..] {
            assert!(
                a.end_ns <= b.start_ns || b.end_ns <= a.start_ns,
                "{a:?} overlaps {b:?}"
            );
        }
    }
}

#[test]
fn same_program_same_trace() {
    let src = "import threading\nn = 0\ndef w():\n    global n\n    for _ in range(300000):\n        n += 1\nts = [threading.Thread(target=w) for _ in range(3)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(n)\n";
    let a = run_src(src);
    let b = run_src(src);
    assert_eq!(a, b);
    assert_eq!(a.stdout(), "900000\n");
    assert!(
        !a.gil_drop_requests.is_empty(),
        "CPU-bound threads force GIL switches"
    );
}

#[test]
fn runaway_loop_hits_the_step_budget() {
    let t = run(
        "while True:\n    pass\n",
        &RunOptions {
            filename: "t.py".into(),
            max_steps: 100_000,
            ..Default::default()
        },
    );
    assert_eq!(t.outcome.exit_code(), 4);
    assert!(t.stderr().contains("step budget"));
}

#[test]
fn deadlock_is_detected() {
    let src = "import threading\nl = threading.Lock()\nl.acquire()\nl.acquire()\n";
    let t = run_src(src);
    assert_eq!(t.outcome.exit_code(), 3);
    assert!(
        t.stderr().starts_with("Deadlock: MainThread"),
        "{}",
        t.stderr()
    );
}

#[test]
fn lock_order_deadlock_names_the_cycle() {
    let src = "import threading, time\na = threading.Lock()\nb = threading.Lock()\ndef f():\n    with a:\n        time.sleep(0.1)\n        with b:\n            pass\ndef g():\n    with b:\n        time.sleep(0.1)\n        with a:\n            pass\nt1 = threading.Thread(target=f)\nt2 = threading.Thread(target=g)\nt1.start(); t2.start()\nt1.join()\n";
    let t = run_src(src);
    assert_eq!(t.outcome.exit_code(), 3);
    let d = t.deadlock.clone().expect("deadlock recorded in the trace");
    assert_eq!(d.cycle, vec![1, 2]);
    assert!(
        t.stderr().starts_with(
            "Deadlock: Thread-1 (f) holds a and waits for b (held by Thread-2 (g)) (line 7)"
        ),
        "{}",
        t.stderr()
    );
}

#[test]
fn lock_operations_are_traced_with_the_programs_names() {
    let src = "import threading\nbalance_lock = threading.Lock()\nn = 0\ndef w():\n    global n\n    for _ in range(3):\n        with balance_lock:\n            n += 1\nts = [threading.Thread(target=w) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(n)\n";
    let t = run_src(src);
    assert_eq!(t.stdout(), "6\n");
    assert_eq!(t.locks.len(), 1);
    assert_eq!(t.locks[0].name, "balance_lock");
    use interleave_engine::trace::LockEventKind::*;
    let acquires = t.lock_events.iter().filter(|e| e.kind == Acquire).count();
    let releases = t.lock_events.iter().filter(|e| e.kind == Release).count();
    assert_eq!((acquires, releases), (6, 6));
    // Every acquire is followed by a release by the same thread before the next acquire.
    let mut holder = None;
    for e in &t.lock_events {
        match e.kind {
            Acquire => {
                assert_eq!(holder, None, "lock acquired while held");
                holder = Some(e.thread);
            }
            Release => {
                assert_eq!(holder, Some(e.thread));
                holder = None;
            }
            _ => {}
        }
    }
}

fn ratio_of(src: &str, gil: bool, cores: u32) -> f64 {
    let t = run(
        src,
        &RunOptions {
            filename: "t.py".into(),
            gil,
            cores,
            ..Default::default()
        },
    );
    assert_eq!(t.outcome.exit_code(), 0, "{}", t.stderr());
    t.stdout().trim().parse().expect("a ratio")
}

#[test]
fn cpu_bound_threads_speed_up_only_without_the_gil() {
    let src = "import threading, time\ndef work():\n    total = 0\n    for i in range(100_000):\n        total += i\nstart = time.perf_counter()\nfor _ in range(4):\n    work()\nseq = time.perf_counter() - start\nstart = time.perf_counter()\nts = [threading.Thread(target=work) for _ in range(4)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(f'{(time.perf_counter() - start) / seq:.3f}')\n";
    let with_gil = ratio_of(src, true, 4);
    assert!(
        (0.95..1.35).contains(&with_gil),
        "threads with the GIL: {with_gil}"
    );
    let free4 = ratio_of(src, false, 4);
    assert!(
        (0.22..0.35).contains(&free4),
        "free-threaded on 4 cores: {free4}"
    );
    let free2 = ratio_of(src, false, 2);
    assert!(
        (0.45..0.7).contains(&free2),
        "free-threaded on 2 cores: {free2}"
    );
}

#[test]
fn without_the_gil_unlocked_increments_race() {
    let src = "import threading\nn = 0\ndef w():\n    global n\n    for _ in range(50_000):\n        n += 1\nts = [threading.Thread(target=w) for _ in range(4)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(n)\n";
    let with_gil = run_src(src);
    assert_eq!(with_gil.stdout(), "200000\n");
    let free = run(
        src,
        &RunOptions {
            filename: "t.py".into(),
            gil: false,
            ..Default::default()
        },
    );
    let n: u64 = free.stdout().trim().parse().unwrap();
    assert!(
        n < 200_000,
        "free-threaded increments lose updates, got {n}"
    );
    assert!(free.gil.is_empty(), "no GIL, no GIL lane");
}

#[test]
fn gigantic_numbers_fail_fast_with_memory_error() {
    // Found by cargo-fuzz: without a cap a single `**` would run for minutes.
    let t = run_src("x = 10 ** 999 ** 9998888\n");
    assert_eq!(t.outcome.exit_code(), 1);
    assert!(t.stderr().ends_with("MemoryError\n"), "{}", t.stderr());
    let t = run_src("s = 'ab' * 10 ** 12\n");
    assert!(t.stderr().ends_with("MemoryError\n"), "{}", t.stderr());
}

#[test]
fn asyncio_trace_records_task_steps_and_a_frozen_loop() {
    let t = run_src(
        "import asyncio, time\n\
         async def ticker():\n    for i in range(3):\n        await asyncio.sleep(0.1)\n\
         async def blocker():\n    await asyncio.sleep(0.05)\n    time.sleep(0.5)\n\
         async def main():\n    await asyncio.gather(ticker(), blocker())\n\
         asyncio.run(main())\n",
    );
    assert_eq!(t.outcome.exit_code(), 0, "{}", t.stderr());
    // Then asyncio.run's shutdown steps run as tasks too, as in CPython.
    let names: Vec<&str> = t.tasks.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names[..3], ["Task-1", "Task-2", "Task-3"]);
    // One loop thread runs one step at a time, in time order.
    for pair in t.task_steps.windows(2) {
        assert!(pair[0].end_ns <= pair[1].start_ns, "{pair:?}");
    }
    // ticker: first step + one per sleep; blocker: two steps; main: start and finish.
    let steps_of = |i: u32| t.task_steps.iter().filter(|s| s.task == i).count();
    assert_eq!((steps_of(0), steps_of(1), steps_of(2)), (2, 4, 2));
    // The blocking step froze the loop for about half a second.
    let freeze = t.loop_freezes.first().expect("a frozen loop is recorded");
    let secs = (freeze.end_ns - freeze.start_ns) as f64 / 1e9;
    assert!((0.5..0.52).contains(&secs), "{secs}");
    assert!(freeze.what.contains("blocker()"), "{}", freeze.what);
    assert!(t.stderr().is_empty(), "no warning without --asyncio-debug");
}

#[test]
fn asyncio_debug_mode_warns_about_slow_callbacks() {
    let t = run(
        "import asyncio, time\nasync def main():\n    time.sleep(0.5)\nasyncio.run(main())\n",
        &RunOptions {
            filename: "t.py".into(),
            asyncio_debug: true,
            ..Default::default()
        },
    );
    let err = t.stderr();
    assert!(
        err.starts_with(
            "Executing <Task finished name='Task-1' coro=<main() done, defined at t.py:2>"
        ) && err.contains("took 0.50"),
        "{err}"
    );
}
