//! Property tests over generated asyncio and multiprocessing programs: the same program and
//! seed give the same trace; an event loop steps one task at a time; every message between
//! processes has a pickle record in the trace, received in another process.

use interleave_engine::{run, RunOptions};
use proptest::prelude::*;

fn options() -> RunOptions {
    RunOptions {
        filename: "gen.py".into(),
        max_steps: 20_000_000,
        ..Default::default()
    }
}

/// `tasks` coroutines, each awaiting its own sleeps (in ms, 0 = `sleep(0)`), sharing a lock
/// and a queue.
fn asyncio_program(sleeps: &[Vec<u8>]) -> String {
    let mut s = String::from(
        "import asyncio\nasync def work(n, pauses, lock, q):\n    for i, p in enumerate(pauses):\n\
         \x20       async with lock:\n            await asyncio.sleep(p / 1000)\n\
         \x20       await q.put((n, i))\n        print(n, i)\n\
         async def main():\n    lock = asyncio.Lock()\n    q = asyncio.Queue()\n    tasks = []\n",
    );
    for (n, pauses) in sleeps.iter().enumerate() {
        s.push_str(&format!(
            "    tasks.append(asyncio.create_task(work({n}, {pauses:?}, lock, q)))\n"
        ));
    }
    s.push_str(
        "    await asyncio.gather(*tasks)\n    print('items', q.qsize())\nasyncio.run(main())\n",
    );
    s
}

/// `sizes.len()` child processes, each sending lists of the given sizes to the parent.
fn mp_program(sizes: &[Vec<u8>]) -> String {
    let mut s = String::from(
        "import multiprocessing as mp\ndef child(q, sizes):\n    for n in sizes:\n\
         \x20       q.put(list(range(n)))\n\
         if __name__ == '__main__':\n    q = mp.Queue()\n    ps = []\n",
    );
    let mut total = 0;
    for sz in sizes {
        total += sz.len();
        s.push_str(&format!(
            "    ps.append(mp.Process(target=child, args=(q, {sz:?})))\n"
        ));
    }
    s.push_str(&format!(
        "    for p in ps:\n        p.start()\n    got = [len(q.get()) for _ in range({total})]\n\
         \x20   for p in ps:\n        p.join()\n    print(sorted(got))\n"
    ));
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn asyncio_runs_are_deterministic_and_step_one_task_at_a_time(
        sleeps in prop::collection::vec(prop::collection::vec(0u8..30, 1..4), 1..5)
    ) {
        let src = asyncio_program(&sleeps);
        let a = run(&src, &options());
        let b = run(&src, &options());
        prop_assert_eq!(a.outcome.exit_code(), 0, "{}\n{}", src, a.stderr());
        prop_assert_eq!(a.to_bytes(), b.to_bytes());
        for w in a.task_steps.windows(2) {
            prop_assert!(w[0].end_ns <= w[1].start_ns, "two steps at once: {:?}", w);
        }
        let expected = sleeps.iter().map(|p| p.len()).sum::<usize>();
        let last_line = format!("items {}\n", expected);
        prop_assert!(a.stdout().ends_with(&last_line), "{}", a.stdout());
    }

    #[test]
    fn every_message_between_processes_has_a_pickle_record(
        sizes in prop::collection::vec(prop::collection::vec(0u8..50, 1..3), 1..4)
    ) {
        let src = mp_program(&sizes);
        let a = run(&src, &options());
        let b = run(&src, &options());
        prop_assert_eq!(a.outcome.exit_code(), 0, "{}\n{}", src, a.stderr());
        prop_assert_eq!(a.to_bytes(), b.to_bytes());
        let sent = sizes.iter().map(|s| s.len()).sum::<usize>();
        prop_assert_eq!(a.transfers.len(), sent);
        for t in &a.transfers {
            let end = t.received.expect("received");
            prop_assert!(end.process != t.from_process);
            prop_assert!(end.t_ns >= t.sent_ns);
        }
    }
}
