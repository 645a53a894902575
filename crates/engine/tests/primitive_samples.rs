//! The trace's record of synchronisation primitives (`Trace::primitives`,
//! `Trace::primitive_samples`): real programs through `interleave_engine::run`, checking
//! what a UI lane or inspector would show.

use interleave_engine::trace::{
    PrimitiveFamily, PrimitiveInfo, PrimitiveKind, PrimitiveSample, ThreadId, Trace,
};
use interleave_engine::{run, RunOptions};

fn run_src(src: &str) -> Trace {
    let t = run(src, &RunOptions::default());
    assert_eq!(t.outcome.exit_code(), 0, "stderr: {}", t.stderr());
    t
}

/// The primitive the program calls `name`, and its index.
fn prim<'a>(t: &'a Trace, name: &str) -> (u32, &'a PrimitiveInfo) {
    let i = t
        .primitives
        .iter()
        .position(|p| p.name == name)
        .unwrap_or_else(|| panic!("no primitive named {name}: {:?}", t.primitives));
    (i as u32, &t.primitives[i])
}

fn samples(t: &Trace, p: u32) -> Vec<&PrimitiveSample> {
    t.primitive_samples
        .iter()
        .filter(|s| s.primitive == p)
        .collect()
}

fn values(t: &Trace, p: u32) -> Vec<i64> {
    samples(t, p).iter().map(|s| s.value).collect()
}

fn thread_named(t: &Trace, prefix: &str) -> ThreadId {
    t.threads
        .iter()
        .position(|th| th.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no thread {prefix}")) as ThreadId
}

/// `want` appears in `seq` in order (not necessarily adjacent).
fn in_order(seq: &[i64], want: &[i64]) -> bool {
    let mut it = seq.iter();
    want.iter().all(|w| it.any(|v| v == w))
}

#[test]
fn semaphore_counts_permits_and_waiters() {
    let t = run_src(
        r#"
import threading, time
sem = threading.Semaphore(2)
def work(i):
    with sem:
        time.sleep(0.01)
ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("done")
"#,
    );
    assert_eq!(t.stdout(), "done\n");
    assert_eq!(
        t.primitives.len(),
        1,
        "only the semaphore, not its inner lock"
    );
    let (p, info) = prim(&t, "sem");
    assert_eq!(info.kind, PrimitiveKind::Semaphore);
    assert_eq!(info.family, PrimitiveFamily::Threading);
    assert_eq!(info.class_name, "Semaphore");
    assert_eq!(info.capacity, Some(2));
    assert_eq!(info.thread, None);
    assert_eq!(info.lock, None);
    let v = values(&t, p);
    assert_eq!(v[..3], [2, 1, 0], "permits go 2 → 1 → 0: {v:?}");
    assert!(v.iter().all(|x| (0..=2).contains(x)), "{v:?}");
    assert_eq!(*v.last().unwrap(), 2, "all permits back at the end");
    let s = samples(&t, p);
    let blocked: Vec<&&PrimitiveSample> = s.iter().filter(|s| !s.waiters.is_empty()).collect();
    assert!(!blocked.is_empty(), "threads 3 and 4 wait for a permit");
    assert!(blocked.iter().any(|s| s.waiters.len() == 2), "{s:?}");
    assert!(blocked.iter().all(|s| s.waiters.iter().all(|w| *w >= 1)));
    assert!(s
        .iter()
        .all(|s| s.items.is_empty() && s.waiting_tasks.is_empty()));
    assert!(s.last().unwrap().waiters.is_empty());
    // Lock events of the semaphore's inner lock are not the program's.
    assert!(t.locks.is_empty());
}

#[test]
fn event_set_wakes_its_waiters() {
    let t = run_src(
        r#"
import threading, time
ready = threading.Event()
def wait():
    ready.wait()
ts = [threading.Thread(target=wait) for _ in range(3)]
for t in ts: t.start()
time.sleep(0.01)
ready.set()
for t in ts: t.join()
"#,
    );
    let (p, info) = prim(&t, "ready");
    assert_eq!(info.kind, PrimitiveKind::Event);
    assert_eq!(info.capacity, None);
    let s = samples(&t, p);
    assert_eq!(s[0].value, 0);
    let set_at = s
        .iter()
        .position(|x| x.value == 1)
        .expect("the event is set");
    assert!(
        s[..set_at].iter().any(|x| x.waiters.len() == 3),
        "three threads wait while it is clear: {s:?}"
    );
    assert!(s[..set_at].iter().all(|x| x.value == 0));
    assert!(
        s[set_at..]
            .iter()
            .all(|x| x.value == 1 && x.waiters.is_empty()),
        "set() drains the waiters: {s:?}"
    );
    assert_eq!(
        t.primitives.len(),
        1,
        "the threads' own start events are not listed"
    );
}

#[test]
fn bounded_queue_depth_items_and_blocked_producer() {
    let t = run_src(
        r#"
import threading, queue, time
jobs = queue.Queue(maxsize=2)
numbers = queue.Queue()
def produce():
    for i in range(1, 6):
        jobs.put(f"job-{i}")
        numbers.put(i)
    jobs.put(None)
def consume():
    while jobs.get() is not None:
        time.sleep(0.001)
p = threading.Thread(target=produce, name="producer")
c = threading.Thread(target=consume, name="consumer")
p.start(); c.start(); p.join(); c.join()
print(numbers.qsize())
"#,
    );
    assert_eq!(t.stdout(), "5\n");
    let (q, info) = prim(&t, "jobs");
    assert_eq!(info.kind, PrimitiveKind::Queue);
    assert_eq!(info.class_name, "Queue");
    assert_eq!(info.capacity, Some(2));
    let s = samples(&t, q);
    assert!(s.iter().all(|x| (0..=2).contains(&x.value)), "{s:?}");
    assert!(s.iter().any(|x| x.value == 2));
    assert!(s.iter().all(|x| x.items.len() as i64 == x.value));
    assert!(s.iter().any(|x| x.items == ["'job-1'", "'job-2'"]), "{s:?}");
    let producer = thread_named(&t, "producer");
    assert!(
        s.iter().any(|x| x.value == 2 && x.waiters == [producer]),
        "the producer blocks on a full queue: {s:?}"
    );
    assert_eq!(s.last().unwrap().value, 0);
    let (n, info) = prim(&t, "numbers");
    assert_eq!(info.capacity, None, "unbounded");
    let last = (*samples(&t, n).last().unwrap()).clone();
    assert_eq!(last.items, ["1", "2", "3", "4", "5"]);
    assert_eq!(last.value, 5);
}

#[test]
fn queue_items_in_get_order_without_running_program_code() {
    let t = run_src(
        r#"
import queue
class Job:
    def __repr__(self):
        print("__repr__ ran")
        return "Job()"
fifo = queue.Queue()
lifo = queue.LifoQueue()
prio = queue.PriorityQueue()
simple = queue.SimpleQueue()
for x in [3, 1, 2]:
    fifo.put(x); lifo.put(x); prio.put((x, f"p{x}"))
fifo.put(Job())
simple.put({"a": [1, 2.5, None]})
simple.put(("t",))
simple.get()
for i in range(10):
    fifo.put(i)
print("end")
"#,
    );
    assert_eq!(t.stdout(), "end\n", "no __repr__ of the program ran");
    let last = |name: &str| {
        let (p, _) = prim(&t, name);
        (*samples(&t, p).last().unwrap()).clone()
    };
    let f = last("fifo");
    assert_eq!(f.value, 14);
    assert_eq!(f.items.len(), 8, "at most 8 items");
    assert_eq!(f.items[..3], ["3", "1", "2"]);
    assert!(
        f.items[3].starts_with("<__main__.Job object at 0x"),
        "{:?}",
        f.items
    );
    assert_eq!(last("lifo").items, ["2", "1", "3"]);
    assert_eq!(last("prio").items, ["(1, 'p1')", "(2, 'p2')", "(3, 'p3')"]);
    let s = last("simple");
    assert_eq!((s.value, s.items.clone()), (1, vec!["('t',)".to_string()]));
    let (_, info) = prim(&t, "simple");
    assert_eq!(info.class_name, "SimpleQueue");
    assert_eq!(
        t.primitives.len(),
        4,
        "SimpleQueue's inner semaphore is not listed"
    );
}

#[test]
fn lock_and_rlock_owner_and_recursion_count() {
    let t = run_src(
        r#"
import threading, time
class Account:
    def __init__(self):
        self.lock = threading.Lock()
account = Account()
rl = threading.RLock()
def hold():
    with account.lock:
        time.sleep(0.01)
w = threading.Thread(target=hold, name="holder")
w.start()
time.sleep(0.001)
with account.lock:
    with rl:
        with rl:
            pass
w.join()
"#,
    );
    let holder = thread_named(&t, "holder");
    let (l, info) = prim(&t, "account.lock");
    assert_eq!(info.kind, PrimitiveKind::Lock);
    let id = info.lock.expect("a Lock names its id in Trace::locks");
    let lock_info = t.locks.iter().find(|k| k.id == id).unwrap();
    assert_eq!(lock_info.primitive, Some(l));
    assert_eq!(lock_info.name, "account.lock");
    let s = samples(&t, l);
    assert_eq!((s[0].owner, s[0].value), (None, 0));
    assert!(s.iter().any(|x| x.owner == Some(holder) && x.value == 1));
    assert!(
        s.iter()
            .any(|x| x.owner == Some(holder) && x.waiters == [0]),
        "main waits for the holder: {s:?}"
    );
    assert!(s.iter().any(|x| x.owner == Some(0) && x.value == 1));
    assert_eq!(s.last().unwrap().owner, None);

    let (r, info) = prim(&t, "rl");
    assert_eq!(info.kind, PrimitiveKind::RLock);
    assert_eq!(info.class_name, "RLock");
    let counts: Vec<(Option<ThreadId>, i64)> =
        samples(&t, r).iter().map(|s| (s.owner, s.value)).collect();
    assert_eq!(
        counts,
        [
            (None, 0),
            (Some(0), 1),
            (Some(0), 2),
            (Some(0), 1),
            (None, 0)
        ]
    );
}

#[test]
fn barrier_counts_the_threads_waiting() {
    let t = run_src(
        r#"
import threading
gate = threading.Barrier(3)
def arrive():
    gate.wait()
ts = [threading.Thread(target=arrive) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
"#,
    );
    let (b, info) = prim(&t, "gate");
    assert_eq!(info.kind, PrimitiveKind::Barrier);
    assert_eq!(info.capacity, Some(3));
    let s = samples(&t, b);
    let v: Vec<i64> = s.iter().map(|x| x.value).collect();
    assert!(in_order(&v, &[0, 1, 2, 0]), "{v:?}");
    assert!(v.iter().all(|x| (0..3).contains(x)));
    assert!(s.iter().any(|x| x.value == 2 && x.waiters.len() == 2));
    assert!(s.last().unwrap().waiters.is_empty());
}

#[test]
fn condition_holder_and_waiters() {
    let t = run_src(
        r#"
import threading, time
mutex = threading.Lock()
cv = threading.Condition(mutex)
items = []
def take():
    with cv:
        while not items:
            cv.wait()
        items.pop()
ts = [threading.Thread(target=take) for _ in range(2)]
for t in ts: t.start()
time.sleep(0.01)
with cv:
    items.extend([1, 2])
    cv.notify_all()
for t in ts: t.join()
"#,
    );
    let (c, info) = prim(&t, "cv");
    assert_eq!(info.kind, PrimitiveKind::Condition);
    let (m, minfo) = prim(&t, "mutex");
    assert_eq!(
        info.lock, minfo.lock,
        "the condition names the program's lock"
    );
    let s = samples(&t, c);
    assert!(s
        .iter()
        .any(|x| x.value == 2 && x.waiters.len() == 2 && x.owner.is_none()));
    assert!(
        s.iter().any(|x| x.owner == Some(0)),
        "main holds it to notify"
    );
    assert_eq!(s.last().unwrap().value, 0);
    assert!(!samples(&t, m).is_empty());
}

#[test]
fn asyncio_primitives_record_waiting_tasks() {
    let t = run_src(
        r#"
import asyncio
async def waiter(ev, q):
    await ev.wait()
    await q.put("done")
async def main():
    ev = asyncio.Event()
    q = asyncio.Queue(maxsize=1)
    lock = asyncio.Lock()
    task = asyncio.create_task(waiter(ev, q))
    await asyncio.sleep(0.01)
    async with lock:
        ev.set()
        await asyncio.sleep(0.01)
    print(await q.get())
    await task
asyncio.run(main())
"#,
    );
    assert_eq!(t.stdout(), "done\n");
    assert_eq!(
        t.primitives.len(),
        3,
        "asyncio's own internals are not listed"
    );
    let (e, info) = prim(&t, "ev");
    assert_eq!(info.family, PrimitiveFamily::Asyncio);
    assert_eq!(info.kind, PrimitiveKind::Event);
    assert_eq!(info.thread, Some(0));
    let s = samples(&t, e);
    let task = t.tasks.iter().position(|k| k.name == "Task-2").unwrap() as u32;
    assert!(
        s.iter().any(|x| x.value == 0 && x.waiting_tasks == [task]),
        "{s:?}"
    );
    assert_eq!(s.last().unwrap().value, 1);
    assert!(s.last().unwrap().waiting_tasks.is_empty());
    assert!(s.iter().all(|x| x.waiters.is_empty()));
    let (l, _) = prim(&t, "lock");
    assert!(values(&t, l).contains(&1));
    let (q, info) = prim(&t, "q");
    assert_eq!(info.capacity, Some(1));
    assert!(samples(&t, q).iter().any(|x| x.items == ["'done'"]));
}

#[test]
fn no_primitives_without_synchronisation_objects() {
    let t = run_src(
        r#"
import threading
def work():
    print("hi")
t = threading.Thread(target=work)
t.start()
t.join()
"#,
    );
    assert!(t.primitives.is_empty(), "{:?}", t.primitives);
    assert!(t.primitive_samples.is_empty());
}

#[test]
fn library_internals_are_not_recorded() {
    let t = run_src(
        r#"
import asyncio, logging, threading
from concurrent.futures import ThreadPoolExecutor
logging.basicConfig(level=logging.INFO)
def square(x):
    return x * x
with ThreadPoolExecutor(max_workers=2) as pool:
    print(list(pool.map(square, range(5))))
async def main():
    await asyncio.gather(asyncio.sleep(0.001), asyncio.to_thread(square, 3))
asyncio.run(main())
logging.info("done")
timer = threading.Timer(0.001, print, args=("tick",))
timer.start()
timer.join()
"#,
    );
    assert!(t.primitives.is_empty(), "{:?}", t.primitives);
    assert!(t.primitive_samples.is_empty());

    // A queue the program made and hands to pool jobs counts.
    let t = run_src(
        r#"
import queue
from concurrent.futures import ThreadPoolExecutor
results = queue.Queue()
with ThreadPoolExecutor(max_workers=2) as pool:
    for i in range(4):
        pool.submit(results.put, i)
print(results.qsize())
"#,
    );
    assert_eq!(t.primitives.len(), 1, "{:?}", t.primitives);
    let (r, _) = prim(&t, "results");
    assert_eq!(samples(&t, r).last().unwrap().value, 4);
}

#[test]
fn names_for_locals_attributes_and_lists() {
    let t = run_src(
        r#"
import threading
class Worker:
    def __init__(self):
        self.done = threading.Event()
forks = [threading.Lock() for _ in range(2)]
def main():
    local_sem = threading.BoundedSemaphore(3)
    w = Worker()
    local_sem.acquire(); local_sem.release()
    w.done.set()
main()
anonymous = [threading.Semaphore()]
class Pool:
    guard = threading.RLock()
with threading.Lock():
    pass
"#,
    );
    let names: Vec<&str> = t.primitives.iter().map(|p| p.name.as_str()).collect();
    let unnamed = format!("lock #{}", t.primitives.last().unwrap().lock.unwrap());
    assert_eq!(
        names,
        [
            "forks[0]",
            "forks[1]",
            "local_sem",
            "Worker.done",
            "anonymous[0]",
            "Pool.guard",
            &unnamed
        ]
    );
    let (_, b) = prim(&t, "local_sem");
    assert_eq!(
        (b.kind, b.capacity),
        (PrimitiveKind::BoundedSemaphore, Some(3))
    );
    let lock_names: Vec<&str> = t.locks.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(lock_names, ["forks[0]", "forks[1]", "Pool.guard", &unnamed]);
}

#[test]
fn multiprocessing_primitives_are_shared_by_processes() {
    let t = run_src(
        r#"
import multiprocessing as mp
def work(q, lock):
    with lock:
        q.put("from child")
if __name__ == "__main__":
    q = mp.Queue()
    lock = mp.Lock()
    p = mp.Process(target=work, args=(q, lock))
    p.start()
    print(q.get())
    p.join()
"#,
    );
    assert_eq!(t.stdout(), "from child\n");
    assert_eq!(t.primitives.len(), 2, "{:?}", t.primitives);
    let (q, info) = prim(&t, "q");
    assert_eq!(
        (info.family, info.kind, info.process),
        (PrimitiveFamily::Multiprocessing, PrimitiveKind::Queue, 0)
    );
    assert!(samples(&t, q).iter().any(|x| x.value == 1));
    let (l, _) = prim(&t, "lock");
    let child = t.threads.iter().position(|th| th.process == 1).unwrap() as ThreadId;
    assert!(samples(&t, l)
        .iter()
        .any(|x| x.owner == Some(child) && x.value == 1));
}

#[test]
fn samples_are_in_time_order_and_deterministic() {
    let src = r#"
import threading, queue, time
q = queue.Queue(maxsize=3)
sem = threading.Semaphore(1)
def produce(n):
    for i in range(n):
        with sem:
            q.put(i)
def consume():
    for _ in range(8):
        q.get()
        time.sleep(0.0005)
ts = [threading.Thread(target=produce, args=(4,)) for _ in range(2)]
ts.append(threading.Thread(target=consume))
for t in ts: t.start()
for t in ts: t.join()
"#;
    let a = run_src(src);
    let b = run_src(src);
    assert!(!a.primitive_samples.is_empty());
    assert_eq!(a.primitives, b.primitives);
    assert_eq!(a.primitive_samples, b.primitive_samples);
    assert!(a
        .primitive_samples
        .windows(2)
        .all(|w| w[0].t_ns <= w[1].t_ns));
    assert!(a
        .primitive_samples
        .iter()
        .all(|s| (s.primitive as usize) < a.primitives.len()));
    // Each primitive's first sample is its creation.
    for (i, p) in a.primitives.iter().enumerate() {
        let first = a
            .primitive_samples
            .iter()
            .find(|s| s.primitive == i as u32)
            .unwrap();
        assert_eq!(first.t_ns, p.created_ns);
    }
}
