//! `Trace::task_wakes`: which task's step woke which awaiting task — through `await task`,
//! `gather`, a `Queue`, an `Event`, `wait_for` — and none for a timer (`sleep`).

use interleave_engine::trace::Trace;
use interleave_engine::{run, RunOptions};

const PROGRAM: &str = "\
import asyncio

async def worker(name, delay):
    await asyncio.sleep(delay)
    return name

async def producer(q):
    for i in range(3):
        await asyncio.sleep(0.01)
        await q.put(i)

async def consumer(q):
    for _ in range(3):
        item = await q.get()
        print('got', item)

async def setter(ev):
    await asyncio.sleep(0.01)
    ev.set()

async def main():
    t = asyncio.create_task(worker('a', 0.01), name='a')
    print(await t)
    print(await asyncio.gather(worker('b', 0.02), worker('c', 0.01)))
    q = asyncio.Queue()
    await asyncio.gather(producer(q), consumer(q))
    ev = asyncio.Event()
    asyncio.create_task(setter(ev), name='setter')
    await ev.wait()
    print('set')
    print(await asyncio.wait_for(asyncio.create_task(worker('w', 0.01), name='w'), 5))

asyncio.run(main())
";

/// The wakes as (from, to) task names, in order.
fn wakes(trace: &Trace) -> Vec<(String, String)> {
    trace
        .task_wakes
        .iter()
        .map(|w| {
            (
                trace.tasks[w.from_task as usize].name.clone(),
                trace.tasks[w.to_task as usize].name.clone(),
            )
        })
        .collect()
}

#[test]
fn awaits_completed_by_other_tasks_are_recorded() {
    let trace = run(PROGRAM, &RunOptions::default());
    assert_eq!(
        trace.stdout(),
        "a\n['b', 'c']\ngot 0\ngot 1\ngot 2\nset\nw\n"
    );
    // Task-6 and Task-7: asyncio.run shutting down async generators and the executor.
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Task-1", "a", "Task-2", "Task-3", "Task-4", "Task-5", "setter", "w", "Task-6",
            "Task-7"
        ]
    );
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        wakes(&trace),
        [
            pair("a", "Task-1"),
            pair("Task-2", "Task-1"),
            pair("Task-4", "Task-5"),
            pair("Task-4", "Task-5"),
            pair("Task-4", "Task-5"),
            pair("Task-5", "Task-1"),
            pair("setter", "Task-1"),
            pair("w", "Task-1"),
        ]
    );
    for w in &trace.task_wakes {
        assert!(w.from_ns <= w.to_ns, "{w:?}");
        let from_step = trace
            .task_steps
            .iter()
            .any(|s| s.task == w.from_task && s.start_ns <= w.from_ns && w.from_ns <= s.end_ns);
        assert!(from_step, "woken from inside a step of the waker: {w:?}");
        let to_step = trace
            .task_steps
            .iter()
            .any(|s| s.task == w.to_task && s.start_ns == w.to_ns);
        assert!(to_step, "a step of the woken task starts then: {w:?}");
    }
}
