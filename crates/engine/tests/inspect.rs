//! `inspect`: the program's state at a virtual time, reached by replaying the deterministic
//! run — threads' frames and locals, processes' globals — and its agreement with the trace
//! of the same run; `run_with_progress`'s reports.

use interleave_engine::trace::{LockEventKind, Slice, ThreadState};
use interleave_engine::*;

/// A watcher that only listens.
struct Quiet;

impl RunWatcher for Quiet {
    fn progress(&mut self, _: Progress) {}
}

const COUNTER: &str = r#"import threading

counter = 0
lock = threading.Lock()

def work(n):
    global counter
    for i in range(n):
        with lock:
            counter += 1

threads = [threading.Thread(target=work, args=(20_000,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
"#;

const SLEEPER: &str = r#"import threading, time

log = []

def worker(name, delay):
    total = 0
    for i in range(5):
        total += i
        log.append((name, i))
        time.sleep(delay)
    return total

t = threading.Thread(target=worker, args=("w", 0.1))
t.start()
t.join()
"#;

const ASYNCIO: &str = r#"import asyncio

results = []

async def job(n):
    await asyncio.sleep(n / 10)
    results.append(n)

async def busy():
    x = 0
    for i in range(100_000):
        x += i
    return x

async def main():
    tasks = [asyncio.create_task(job(i)) for i in range(1, 4)]
    total = await busy()
    await asyncio.gather(*tasks)
    print(total, results)

asyncio.run(main())
"#;

const PROCESSES: &str = r#"import multiprocessing as mp
import time

value = 1

def child(n):
    global value
    value = 42 + n
    time.sleep(0.2)

if __name__ == '__main__':
    procs = [mp.Process(target=child, args=(n,)) for n in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(value)
"#;

fn options() -> RunOptions {
    RunOptions::default()
}

fn global<'a>(snapshot: &'a Snapshot, process: u32, name: &str) -> Option<&'a Variable> {
    snapshot.processes[process as usize]
        .globals
        .iter()
        .find(|v| v.name == name)
}

fn locals(frame: &FrameSnapshot) -> Vec<(&str, &str, &str)> {
    frame
        .locals
        .iter()
        .map(|v| (v.name.as_str(), v.type_name.as_str(), v.repr.as_str()))
        .collect()
}

fn functions(thread: &ThreadSnapshot) -> Vec<(&str, u32)> {
    thread
        .frames
        .iter()
        .map(|f| (f.function.as_str(), f.line))
        .collect()
}

/// The slice of `thread` covering `t_ns`.
fn slice_at(trace: &Trace, thread: u32, t_ns: u64) -> Option<&Slice> {
    trace
        .slices
        .iter()
        .find(|s| s.thread == thread && s.start_ns <= t_ns && t_ns < s.end_ns)
}

#[test]
fn counter_global_matches_the_lock_events_so_far() {
    let trace = run(COUNTER, &options());
    assert_eq!(trace.stdout(), "40000\n");
    let lock = trace.locks.iter().find(|l| l.name == "lock").unwrap().id;
    for k in 1..10 {
        let at = trace.end_ns * k / 10;
        let snapshot = inspect(COUNTER, &options(), at);
        assert!(!snapshot.ended && snapshot.t_ns >= at, "at {at}");
        let counter: u64 = global(&snapshot, 0, "counter")
            .unwrap()
            .repr
            .parse()
            .unwrap();
        // Each increment happens between an acquire and the release that follows it.
        let events = |kind, upto: &dyn Fn(u64) -> bool| {
            trace
                .lock_events
                .iter()
                .filter(|e| e.lock == lock && e.kind == kind && upto(e.t_ns))
                .count() as u64
        };
        let released = events(LockEventKind::Release, &|t| t < snapshot.t_ns);
        let acquired = events(LockEventKind::Acquire, &|t| t <= snapshot.t_ns);
        assert!(
            released <= counter && counter <= acquired && acquired <= released + 2,
            "at {at}: counter {counter}, released {released}, acquired {acquired}"
        );
        // Whichever worker is still going is inside `work`, with its loop variables.
        for thread in &snapshot.threads[1..] {
            if thread.alive && !thread.frames.is_empty() {
                let frame = thread.frames.last().unwrap();
                assert_eq!(frame.function, "work");
                let names: Vec<&str> = frame.locals.iter().map(|v| v.name.as_str()).collect();
                assert_eq!(names, ["n", "i"], "at {at}");
            }
        }
    }
    let end = inspect(COUNTER, &options(), u64::MAX);
    assert!(end.ended);
    assert_eq!((end.t_ns, end.steps), (trace.end_ns, trace.steps));
    assert_eq!(global(&end, 0, "counter").unwrap().repr, "40000");
    assert!(end.threads.iter().all(|t| !t.alive && t.frames.is_empty()));
    let names: Vec<(&str, &str)> = end.processes[0]
        .globals
        .iter()
        .map(|v| (v.name.as_str(), v.type_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("counter", "int"),
            ("lock", "lock"),
            ("work", "function"),
            ("threads", "list"),
            ("t", "Thread")
        ]
    );
    assert!(global(&end, 0, "t")
        .unwrap()
        .repr
        .starts_with("<Thread(Thread-2 (work), stopped "));
}

#[test]
fn a_sleeping_thread_shows_its_locals_and_the_joining_main_thread_its_line() {
    let trace = run(SLEEPER, &options());
    // Mid-way through the third sleep (each is 0.1 s).
    let snapshot = inspect(SLEEPER, &options(), 250_000_000);
    let [main, worker] = snapshot.threads.as_slice() else {
        panic!("two threads: {snapshot:?}");
    };
    assert!(main.alive && worker.alive);
    // The main thread waits in `t.join()`: the library's frames are left out.
    assert_eq!(functions(main), [("<module>", 15)]);
    assert!(main.frames[0].locals.is_empty());
    assert_eq!(functions(worker), [("worker", 10)]);
    assert_eq!(
        locals(&worker.frames[0]),
        [
            ("name", "str", "'w'"),
            ("delay", "float", "0.1"),
            ("total", "int", "3"),
            ("i", "int", "2")
        ]
    );
    assert_eq!(
        global(&snapshot, 0, "log").unwrap().repr,
        "[('w', 0), ('w', 1), ('w', 2)]"
    );
    // The trace says the same: the worker sleeps on line 10, main waits on line 15.
    let sleeping = slice_at(&trace, 1, 250_000_000).unwrap();
    assert_eq!(
        (sleeping.state, sleeping.line, sleeping.end_line),
        (ThreadState::Sleeping, 10, 10)
    );
    let joining = slice_at(&trace, 0, 250_000_000).unwrap();
    assert!(matches!(joining.state, ThreadState::Blocked(_)));
    assert_eq!((joining.line, joining.end_line), (15, 15));
    // Nothing happens between 0.25 s and the end of that sleep: that is where the replay
    // stops, and the state it shows is the state at 0.25 s.
    assert_eq!(snapshot.t_ns, sleeping.end_ns);
}

#[test]
fn asyncio_shows_the_running_coroutine_on_the_main_thread() {
    let trace = run(ASYNCIO, &options());
    assert_eq!(trace.stdout(), "4999950000 [1, 2, 3]\n");
    // While `busy()` runs (it starts right away and takes a few ms).
    let snapshot = inspect(ASYNCIO, &options(), 1_000_000);
    let main = &snapshot.threads[0];
    assert_eq!(
        functions(main).iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        ["<module>", "main", "busy"]
    );
    assert_eq!(main.frames[0].line, 21);
    assert_eq!(main.frames[1].line, 17);
    let busy = locals(&main.frames[2]);
    assert_eq!(busy.iter().map(|l| l.0).collect::<Vec<_>>(), ["x", "i"]);
    let tasks = &main.frames[1].locals[0];
    assert_eq!(tasks.name, "tasks");
    assert!(
        tasks.repr.starts_with('[') && tasks.repr.contains("Task object at 0x"),
        "{}",
        tasks.repr
    );
    // Later the loop waits for the sleeping jobs: only the program's `asyncio.run` line shows.
    let snapshot = inspect(ASYNCIO, &options(), 150_000_000);
    assert_eq!(functions(&snapshot.threads[0]), [("<module>", 21)]);
    assert_eq!(global(&snapshot, 0, "results").unwrap().repr, "[1]");
}

#[test]
fn each_process_has_its_own_globals() {
    let trace = run(PROCESSES, &options());
    assert_eq!(trace.stdout(), "1\n");
    let snapshot = inspect(PROCESSES, &options(), 100_000_000);
    assert_eq!(snapshot.processes.len(), 3);
    let values: Vec<&str> = (0..3)
        .map(|p| global(&snapshot, p, "value").unwrap().repr.as_str())
        .collect();
    assert_eq!(values, ["1", "42", "43"]);
    assert_eq!(snapshot.threads.len(), 3);
    for (tid, thread) in snapshot.threads.iter().enumerate() {
        assert_eq!(thread.process, trace.threads[tid].process);
        assert!(thread.alive);
    }
    // The main process waits in `p.join()`; each child sleeps in `child`, its bootstrap in
    // `multiprocessing` left out.
    assert_eq!(functions(&snapshot.threads[0]), [("<module>", 16)]);
    for (tid, n) in [(1, "0"), (2, "1")] {
        let child = &snapshot.threads[tid];
        assert_eq!(functions(child), [("child", 9)]);
        assert_eq!(locals(&child.frames[0]), [("n", "int", n)]);
    }
    // The globals leave out modules and dunders, and keep the program's own function.
    let names: Vec<&str> = snapshot.processes[0]
        .globals
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names, ["value", "child", "procs", "p"]);
}

/// Checks a snapshot against the trace of the same run; returns how many threads' lines it
/// compared.
fn assert_agrees(trace: &Trace, snapshot: &Snapshot, at: u64) -> usize {
    let mut lines_compared = 0;
    let t = snapshot.t_ns;
    assert!(t >= at.min(trace.end_ns), "stopped at {t} before {at}");
    assert!(t <= trace.end_ns);
    for (tid, info) in trace.threads.iter().enumerate() {
        let present = snapshot.threads.iter().any(|s| s.thread as usize == tid);
        if info.start_ns < t {
            assert!(present, "thread {tid} started at {} < {t}", info.start_ns);
        }
        if present {
            assert!(info.start_ns <= t, "thread {tid} starts after {t}");
        }
    }
    for thread in &snapshot.threads {
        let info = &trace.threads[thread.thread as usize];
        assert_eq!(thread.process, info.process);
        match info.end_ns {
            Some(end) if end < t => assert!(!thread.alive, "thread {} ended", thread.thread),
            Some(end) if end > t => assert!(thread.alive, "thread {} alive", thread.thread),
            Some(_) => {}
            None => assert!(thread.alive, "thread {} never ends", thread.thread),
        }
        // A thread that is not running at `at`, and not before the stop either, is where
        // the trace says it is.
        if let Some(slice) = slice_at(trace, thread.thread, at) {
            if slice.state != ThreadState::Running && slice.end_ns >= t {
                let line = thread.frames.last().map(|f| f.line).unwrap_or(0);
                assert_eq!(
                    (line, line),
                    (slice.line, slice.end_line),
                    "thread {} at {at} (stopped at {t}): {slice:?}",
                    thread.thread
                );
                lines_compared += 1;
            }
        }
    }
    lines_compared
}

#[test]
fn snapshots_agree_with_the_trace() {
    let no_gil = RunOptions {
        gil: false,
        ..options()
    };
    let any = RunOptions {
        preempt: Preempt::AnyInstruction,
        switch_interval_ns: 100_000,
        seed: 3,
        ..options()
    };
    let cases = [
        (COUNTER, options()),
        (COUNTER, no_gil),
        (COUNTER, any),
        (SLEEPER, options()),
        (ASYNCIO, options()),
        (PROCESSES, options()),
    ];
    for (src, options) in &cases {
        let trace = run(src, options);
        let mut inspector = Inspector::new(src, options);
        let mut lines_compared = 0;
        for k in 0..=12 {
            let at = trace.end_ns * k / 11;
            let snapshot = inspect(src, options, at);
            lines_compared += assert_agrees(&trace, &snapshot, at);
            // Resuming a paused replay reaches exactly the same state.
            assert_eq!(inspector.at(at), snapshot, "resumed replay at {at}");
        }
        assert!(
            lines_compared >= 5,
            "only {lines_compared} lines compared: {src}"
        );
        let end = inspect(src, options, u64::MAX);
        assert!(end.ended);
        assert_eq!((end.t_ns, end.steps), (trace.end_ns, trace.steps));
        assert_agrees(&trace, &end, trace.end_ns);
        // The run's own end state is the same.
        let (again, at_end) = run_watched(src, options, 0, &mut Quiet);
        assert_eq!(again, trace);
        assert_eq!(at_end, end);
    }
}

#[test]
fn inspecting_is_deterministic_and_backwards_replays() {
    let trace = run(COUNTER, &options());
    let at = trace.end_ns / 3;
    let first = inspect(COUNTER, &options(), at);
    assert_eq!(inspect(COUNTER, &options(), at), first);
    let mut inspector = Inspector::new(COUNTER, &options());
    assert_eq!(
        inspector.at(trace.end_ns / 2),
        inspect(COUNTER, &options(), trace.end_ns / 2)
    );
    assert_eq!(
        inspector.at(at),
        first,
        "an earlier time replays from the start"
    );
    assert_eq!(inspector.at(at), first, "the same time again");
    // Another seed, another schedule, its own snapshot (still deterministic).
    let seeded = RunOptions {
        seed: 5,
        ..options()
    };
    assert_eq!(inspect(COUNTER, &seeded, at), inspect(COUNTER, &seeded, at));
}

#[test]
fn reprs_never_run_the_programs_code() {
    let src = r#"from collections import deque, defaultdict, Counter, OrderedDict, namedtuple
from dataclasses import dataclass

Point = namedtuple("Point", "x y")

@dataclass
class Item:
    name: str
    qty: int = 0

class Account:
    def __init__(self, balance):
        self.balance = balance
    def __repr__(self):
        print("repr called")
        return "Account()"

d = deque([1, 2, 3], maxlen=5)
dd = defaultdict(int, a=1)
c = Counter("abracadabra")
od = OrderedDict(x=1, y=2)
p = Point(1, 2)
it = Item("pen", 3)
acct = Account(10)
same = [acct, acct]
big = list(range(1000))
nested = [1, {"k": (2,)}, {3}]
nested.append(nested)
e = ValueError("bad", 2)
"#;
    let trace = run(src, &options());
    assert_eq!(trace.stdout(), "");
    let end = inspect(src, &options(), u64::MAX);
    let repr = |name: &str| global(&end, 0, name).unwrap().repr.clone();
    assert_eq!(repr("d"), "deque([1, 2, 3], maxlen=5)");
    assert_eq!(repr("dd"), "defaultdict(<class 'int'>, {'a': 1})");
    assert_eq!(
        repr("c"),
        "Counter({'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1})"
    );
    assert_eq!(repr("od"), "OrderedDict([('x', 1), ('y', 2)])");
    assert_eq!(repr("p"), "Point(x=1, y=2)");
    assert_eq!(repr("it"), "Item(name='pen', qty=3)");
    assert_eq!(repr("e"), "ValueError('bad', 2)");
    assert_eq!(repr("Point"), "<class '__main__.Point'>");
    let acct = repr("acct");
    assert!(acct.starts_with("<__main__.Account object at 0x"), "{acct}");
    assert_eq!(repr("same"), format!("[{acct}, {acct}]"));
    assert_eq!(repr("nested"), "[1, {'k': (2,)}, {3}, [...]]");
    let big = repr("big");
    assert_eq!(big.chars().count(), 201);
    assert!(big.starts_with("[0, 1, 2, ") && big.ends_with('…'));
    assert_eq!(global(&end, 0, "Item").unwrap().type_name, "type");
    assert_eq!(global(&end, 0, "acct").unwrap().type_name, "Account");
    // Imported names are not the program's variables.
    assert!(global(&end, 0, "deque").is_none());
    assert!(global(&end, 0, "dataclass").is_none());
}

#[test]
fn a_program_that_does_not_compile_has_an_empty_snapshot() {
    assert_eq!(inspect("def f(:\n", &options(), 0), Snapshot::default());
}

#[test]
fn progress_is_reported_while_running_and_at_the_end() {
    let mut reports = Vec::new();
    let trace = run_with_progress(COUNTER, &options(), 10_000, &mut |p| reports.push(p));
    assert_eq!(trace, run(COUNTER, &options()), "reporting changes nothing");
    assert!(reports.len() > 10, "{} reports", reports.len());
    let (last, periodic) = reports.split_last().unwrap();
    assert_eq!((last.steps, last.t_ns), (trace.steps, trace.end_ns));
    assert!(periodic.iter().all(|p| p.steps % 10_000 == 0));
    assert!(reports
        .windows(2)
        .all(|w| w[0].steps < w[1].steps && w[0].t_ns <= w[1].t_ns));
    let mut once = Vec::new();
    run_with_progress(COUNTER, &options(), 0, &mut |p| once.push(p));
    assert_eq!(
        once,
        [Progress {
            steps: trace.steps,
            t_ns: trace.end_ns
        }]
    );
    // Parallel modes report too, and the budget still stops the run where it did.
    for options in [
        RunOptions {
            gil: false,
            ..options()
        },
        RunOptions {
            max_steps: 25_000,
            ..options()
        },
    ] {
        let mut reports = Vec::new();
        let trace = run_with_progress(COUNTER, &options, 4_096, &mut |p| reports.push(p));
        assert_eq!(trace, run(COUNTER, &options));
        assert_eq!(reports.last().unwrap().steps, trace.steps);
        assert!(reports.len() as u64 > trace.steps / 4_096);
    }
}
