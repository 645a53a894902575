//! Simulated processes (`multiprocessing`): CPU-bound work in processes runs in parallel on
//! the cores while threads share one GIL, and the trace lists processes, which process each
//! thread belongs to, and one GIL timeline per process.

use interleave_engine::{run, RunOptions};

const SPEEDUP: &str = r#"
import multiprocessing, threading, time

def cpu_task(n):
    total = 0
    for i in range(n):
        total += i

def timed(kind, workers):
    start = time.perf_counter()
    ts = [kind(target=cpu_task, args=(400_000,)) for _ in range(workers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - start

one = timed(threading.Thread, 1)
four = timed(multiprocessing.Process, 4)
threads = timed(threading.Thread, 4)
print(f"{four / one:.1f} {threads / one:.1f}")
"#;

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
fn processes_run_in_parallel_threads_do_not() {
    let t = run_src(SPEEDUP);
    let out = t.stdout();
    let ratios: Vec<f64> = out.split_whitespace().map(|x| x.parse().unwrap()).collect();
    assert!(ratios[0] < 1.5, "4 processes on 4 cores: {out}");
    assert!(ratios[1] > 3.5, "4 threads under one GIL: {out}");
    // Trace: a main process plus 4 children, each child's thread in its own process, and
    // GIL holds of several processes overlapping in time.
    assert_eq!(t.processes.len(), 5);
    assert_eq!(t.processes[0].name, "MainProcess");
    assert_eq!(t.processes[1].name, "Process-1");
    assert!(t.processes[1..].iter().all(|p| p.exitcode == Some(0)));
    let child_threads = t.threads.iter().filter(|th| th.process != 0).count();
    assert_eq!(child_threads, 4);
    let overlapping = t.gil.iter().any(|a| {
        t.gil
            .iter()
            .any(|b| a.process != b.process && a.start_ns < b.end_ns && b.start_ns < a.end_ns)
    });
    assert!(
        overlapping,
        "GILs of different processes are held at the same time"
    );
}

#[test]
fn runs_are_deterministic() {
    let src = "import multiprocessing\nv = multiprocessing.Value('i', 0)\ndef f(v):\n    for _ in range(3000):\n        v.value += 1\nps = [multiprocessing.Process(target=f, args=(v,)) for _ in range(3)]\nfor p in ps: p.start()\nfor p in ps: p.join()\nprint(v.value)\n";
    let a = run_src(src);
    let b = run_src(src);
    assert_eq!(a.to_bytes(), b.to_bytes());
    let n: i64 = a.stdout().trim().parse().unwrap();
    assert!(
        n < 9000,
        "unsynchronised increments from parallel processes race: {n}"
    );
}

#[test]
fn every_message_between_processes_is_a_recorded_transfer() {
    let t = run_src(
        "import multiprocessing as mp\n\
         def worker(q, n):\n    q.put(list(range(n)))\n    q.put('done')\n\
         if __name__ == '__main__':\n    q = mp.Queue()\n\
         \x20   ps = [mp.Process(target=worker, args=(q, n)) for n in (10, 300)]\n\
         \x20   for p in ps: p.start()\n\
         \x20   got = [q.get() for _ in range(4)]\n\
         \x20   for p in ps: p.join()\n\
         \x20   print(sorted(len(x) for x in got if isinstance(x, list)))\n",
    );
    assert_eq!(t.stdout(), "[10, 300]\n", "{}", t.stderr());
    assert_eq!(t.transfers.len(), 4);
    for tr in &t.transfers {
        let end = tr.received.expect("every item was received");
        assert_ne!(tr.from_process, end.process, "crossed a process boundary");
        assert_eq!(end.process, 0, "the main process received it");
        assert!(end.t_ns > tr.sent_ns);
    }
    // A 300-int list pickles to more bytes than a 10-int one.
    let mut sizes: Vec<u64> = t.transfers.iter().map(|tr| tr.bytes).collect();
    sizes.sort();
    assert!(sizes[3] > 600 && sizes[2] < 60, "{sizes:?}");
}
