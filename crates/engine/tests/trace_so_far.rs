//! The trace so far (`RunWatcher::trace_so_far`): what the page draws while a long run is
//! still going. Asking for it must not change the run, and every copy must be the start of
//! the final trace: what had ended by then exactly as in the end, what was still going cut
//! at the copy's end.

use interleave_engine::trace::{Outcome, Trace};
use interleave_engine::{run, run_watched, Progress, RunOptions, RunWatcher};

/// Asks for the trace so far after every report.
#[derive(Default)]
struct Collect {
    reports: usize,
    copies: Vec<Trace>,
}

impl RunWatcher for Collect {
    fn progress(&mut self, _: Progress) {
        self.reports += 1;
    }
    fn wants_trace_so_far(&mut self) -> bool {
        true
    }
    fn trace_so_far(&mut self, trace: Trace) {
        self.copies.push(trace);
    }
}

const THREADS_AND_LOCKS: &str = "\
import threading
import queue

counter = 0
lock = threading.Lock()
slots = threading.Semaphore(2)
results = queue.Queue()

def work(n):
    global counter
    for i in range(n):
        with slots:
            with lock:
                counter += 1
    results.put(n)
    print('worker', n, 'done')

threads = [threading.Thread(target=work, args=(300 + k,)) for k in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter, sorted(results.get() for _ in range(3)))
";

const ASYNCIO: &str = "\
import asyncio

async def count(name, n):
    total = 0
    for i in range(n):
        total += i
        if i % 500 == 0:
            await asyncio.sleep(0.001)
    print(name, total)
    return total

async def main():
    print(await asyncio.gather(count('a', 4000), count('b', 3000)))

asyncio.run(main())
";

const PROCESSES: &str = "\
from concurrent.futures import ProcessPoolExecutor

def burn(n):
    s = 0
    for i in range(n):
        s += i * i
    return s

if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as pool:
        print(list(pool.map(burn, [3000, 4000, 5000])))
";

fn check(src: &str, options: &RunOptions) {
    let mut watcher = Collect::default();
    let (last, _) = run_watched(src, options, 2_000, &mut watcher);
    let plain = run(src, options);
    assert_eq!(last, plain, "asking for copies changes nothing");
    assert_eq!(last.outcome, Outcome::Finished, "{}", last.stderr());
    assert!(
        watcher.copies.len() >= 5,
        "{} copies of {} reports",
        watcher.copies.len(),
        watcher.reports
    );
    let mut previous = (0, 0);
    for copy in &watcher.copies {
        assert_eq!(copy.outcome, Outcome::Running);
        assert!(copy.end_ns <= last.end_ns);
        assert!((copy.end_ns, copy.steps) > previous, "copies move on");
        previous = (copy.end_ns, copy.steps);
        assert!(
            last.outputs.starts_with(&copy.outputs),
            "output so far is the start of the output"
        );
        assert!(copy.threads.len() <= last.threads.len());
        for slice in &copy.slices {
            let ended = last.slices.contains(slice);
            let cut = slice.end_ns == copy.end_ns
                && last.slices.iter().any(|s| {
                    (s.thread, s.state, s.start_ns, s.line)
                        == (slice.thread, slice.state, slice.start_ns, slice.line)
                        && s.end_ns >= copy.end_ns
                });
            assert!(
                ended || cut,
                "{slice:?} at {}: {:?}",
                copy.end_ns,
                last.slices
                    .iter()
                    .filter(|s| s.thread == slice.thread && s.end_ns >= slice.start_ns)
                    .take(3)
                    .collect::<Vec<_>>()
            );
        }
        for hold in &copy.gil {
            let ended = last.gil.contains(hold);
            let cut = hold.end_ns == copy.end_ns
                && last.gil.iter().any(|h| {
                    (h.process, h.holder, h.start_ns) == (hold.process, hold.holder, hold.start_ns)
                        && h.end_ns >= copy.end_ns
                });
            assert!(ended || cut, "{hold:?} at {}", copy.end_ns);
        }
        for sample in &copy.primitive_samples {
            assert!(last.primitive_samples.contains(sample), "{sample:?}");
        }
        assert!(copy.primitives.len() <= last.primitives.len());
        assert!(copy.tasks.len() <= last.tasks.len());
    }
    // A second run gives the same copies.
    let mut again = Collect::default();
    run_watched(src, options, 2_000, &mut again);
    assert_eq!(again.copies, watcher.copies);
}

#[test]
fn threads_locks_semaphores_and_queues() {
    check(THREADS_AND_LOCKS, &RunOptions::default());
    let without_gil = RunOptions {
        gil: false,
        ..RunOptions::default()
    };
    check(THREADS_AND_LOCKS, &without_gil);
}

#[test]
fn an_event_loop() {
    check(ASYNCIO, &RunOptions::default());
}

#[test]
fn a_process_pool() {
    check(PROCESSES, &RunOptions::default());
}

#[test]
fn a_copy_shows_live_threads_up_to_its_end() {
    let mut watcher = Collect::default();
    run_watched(
        THREADS_AND_LOCKS,
        &RunOptions::default(),
        2_000,
        &mut watcher,
    );
    let copy = &watcher.copies[watcher.copies.len() / 2];
    let live: Vec<usize> = (0..copy.threads.len())
        .filter(|&t| copy.threads[t].end_ns.is_none())
        .collect();
    assert!(!live.is_empty(), "the main thread at least is still going");
    for t in live {
        let last = copy
            .slices
            .iter()
            .filter(|s| s.thread as usize == t)
            .map(|s| s.end_ns)
            .max();
        assert_eq!(last, Some(copy.end_ns), "thread {t} drawn up to the end");
    }
    assert!(
        copy.gil.iter().any(|h| h.end_ns == copy.end_ns),
        "the GIL's holder is drawn up to the end"
    );
}
