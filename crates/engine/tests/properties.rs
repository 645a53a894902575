//! Property tests over generated threading programs: determinism, and the invariants every
//! trace must satisfy (one GIL holder at a time, one running thread at a time with the GIL,
//! per-thread slices contiguous, virtual time never going back, locks with one owner).

use interleave_engine::trace::{ThreadState, Trace};
use interleave_engine::{run, RunOptions};
use proptest::prelude::*;

/// A small program: `threads` workers, each looping `iters` times over a mix of CPU work,
/// sleeps, lock-protected updates and prints.
fn program(threads: usize, iters: usize, sleeps: &[u8], use_lock: bool, cpu: u32) -> String {
    let mut s = String::from("import threading, time\nlock = threading.Lock()\ncount = 0\n");
    s.push_str("def work(n, pause):\n    global count\n    for i in range(ITERS):\n");
    s.push_str("        x = 0\n        for _ in range(CPU):\n            x += 1\n");
    if use_lock {
        s.push_str("        with lock:\n            count += 1\n");
    } else {
        s.push_str("        count += 1\n");
    }
    s.push_str("        time.sleep(pause)\n        print(n, i)\n");
    s.push_str("ts = []\n");
    for t in 0..threads {
        let pause = sleeps.get(t).copied().unwrap_or(0) as f64 / 1000.0;
        s.push_str(&format!(
            "ts.append(threading.Thread(target=work, args=({t}, {pause})))\n"
        ));
    }
    s.push_str("for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint('count', count)\n");
    s.replace("ITERS", &iters.to_string())
        .replace("CPU", &cpu.to_string())
}

fn check_invariants(t: &Trace) -> Result<(), TestCaseError> {
    for w in t.gil.windows(2) {
        prop_assert!(
            w[0].end_ns <= w[1].start_ns,
            "GIL held twice at once: {:?}",
            w
        );
    }
    let mut running: Vec<_> = t
        .slices
        .iter()
        .filter(|s| s.state == ThreadState::Running)
        .collect();
    running.sort_by_key(|s| s.start_ns);
    for w in running.windows(2) {
        prop_assert!(
            w[0].end_ns <= w[1].start_ns,
            "two threads running at once: {:?}",
            w
        );
    }
    for tid in 0..t.threads.len() as u32 {
        let mut mine: Vec<_> = t.slices.iter().filter(|s| s.thread == tid).collect();
        mine.sort_by_key(|s| s.start_ns);
        for s in &mine {
            prop_assert!(s.start_ns < s.end_ns, "empty or reversed slice {:?}", s);
        }
        for w in mine.windows(2) {
            prop_assert_eq!(
                w[0].end_ns,
                w[1].start_ns,
                "gap or overlap in thread {}",
                tid
            );
        }
    }
    for w in t.outputs.windows(2) {
        prop_assert!(w[0].t_ns <= w[1].t_ns, "output time went back");
    }
    prop_assert!(t.slices.iter().all(|s| s.end_ns <= t.end_ns));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn same_program_same_seed_same_trace(
        threads in 1usize..4,
        iters in 1usize..4,
        sleeps in proptest::collection::vec(0u8..20, 4),
        use_lock: bool,
        cpu in 0u32..3000,
        seed in 0u64..4,
    ) {
        let src = program(threads, iters, &sleeps, use_lock, cpu);
        let opts = RunOptions { filename: "p.py".into(), seed, ..Default::default() };
        let a = run(&src, &opts);
        let b = run(&src, &opts);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.outcome.exit_code(), 0, "{}", a.stderr());
        let want = format!("count {}\n", threads * iters);
        prop_assert!(a.stdout().ends_with(&want), "stdout: {}", a.stdout());
        check_invariants(&a)?;
    }

    #[test]
    fn mutated_programs_never_panic(
        cut in 0usize..400,
        insert in proptest::sample::select(vec!["(", ")", ":", "\n", "    ", "lambda", "yield", "'", "[", "1/0", "while True: pass\n", "import threading\n", ".acquire()", "**", "@"]),
    ) {
        let base = program(2, 2, &[1, 2], true, 10);
        let at = cut.min(base.len());
        let at = (0..=at).rev().find(|i| base.is_char_boundary(*i)).unwrap_or(0);
        let src = format!("{}{}{}", &base[..at], insert, &base[at..]);
        let t = run(&src, &RunOptions { filename: "m.py".into(), max_steps: 200_000, ..Default::default() });
        prop_assert!((0..=4).contains(&t.outcome.exit_code()), "exit {}", t.outcome.exit_code());
    }
}
