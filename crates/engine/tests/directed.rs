//! Directed runs: the user as the scheduler (picks, pausing at each decision) and PCT, and
//! lost-update detection.

use interleave_engine::trace::{Outcome, PendingDecision, Stream, Trace};
use interleave_engine::{run, Director, Preempt, RunOptions};

const COUNTER: &str = "import threading\n\ncounter = 0\nready = threading.Barrier(2)\n\ndef add_three():\n    global counter\n    ready.wait()\n    for _ in range(3):\n        value = counter\n        value += 1\n        counter = value\n\na = threading.Thread(target=add_three)\nb = threading.Thread(target=add_three)\na.start()\nb.start()\na.join()\nb.join()\nprint(\"counter =\", counter)\n";

fn directed(source: &str, picks: &[u32], preempt: Preempt) -> Trace {
    run(
        source,
        &RunOptions {
            director: Some(Director::Picks(picks.to_vec())),
            preempt,
            watch_conflicts: true,
            ..Default::default()
        },
    )
}

fn stdout(trace: &Trace) -> String {
    trace
        .outputs
        .iter()
        .filter(|o| o.stream == Stream::Stdout)
        .map(|o| o.text.as_str())
        .collect()
}

fn pending(trace: &Trace) -> Option<&PendingDecision> {
    trace.directed.as_ref().and_then(|d| d.pending.as_ref())
}

/// Plays a whole run one pick at a time, as the page does: run, read the pending decision,
/// add a pick, run again. Returns the final trace and the picks.
fn play(
    source: &str,
    preempt: Preempt,
    mut policy: impl FnMut(&PendingDecision) -> u32,
) -> (Trace, Vec<u32>) {
    let mut picks = Vec::new();
    loop {
        let trace = directed(source, &picks, preempt);
        match pending(&trace) {
            Some(p) => picks.push(policy(p)),
            None => return (trace, picks),
        }
        assert!(picks.len() < 500, "too many decisions");
    }
}

#[test]
fn with_no_picks_the_run_pauses_at_the_first_decision_with_who_could_run_and_where() {
    let trace = directed(COUNTER, &[], Preempt::AnyInstruction);
    assert_eq!(trace.outcome, Outcome::Running);
    let p = pending(&trace).expect("a decision");
    let threads: Vec<u32> = p.options.iter().map(|o| o.0).collect();
    assert!(threads.len() >= 2, "{p:?}");
    // The running thread is at a line of the program; a thread not started yet is at 0.
    let running = p.running.expect("a switch point");
    assert!(p.options.iter().any(|o| o.0 == running && o.1 > 0), "{p:?}");
    assert_eq!(stdout(&trace), "");
}

#[test]
fn the_same_picks_give_the_same_run() {
    let first = directed(COUNTER, &[1, 1, 0, 2], Preempt::AnyInstruction);
    let again = directed(COUNTER, &[1, 1, 0, 2], Preempt::AnyInstruction);
    assert_eq!(first, again);
}

#[test]
fn always_letting_the_running_thread_go_on_never_loses_an_update() {
    let (trace, picks) = play(COUNTER, Preempt::AnyInstruction, |p| {
        p.running.unwrap_or(p.options[0].0)
    });
    assert_eq!(trace.outcome, Outcome::Finished);
    assert_eq!(stdout(&trace), "counter = 6\n");
    assert!(!picks.is_empty());
    assert_eq!(trace.conflict_count, 0);
}

#[test]
fn switching_between_read_and_write_loses_updates_and_marks_them() {
    // Switch away from a worker as soon as it has read the counter (it is about to run
    // `value += 1`), otherwise let the running thread go on.
    let lines: Vec<&str> = COUNTER.lines().collect();
    let (trace, _) = play(COUNTER, Preempt::AnyInstruction, |p| {
        let running = p.running;
        let about_to_add = |t: u32| {
            p.options
                .iter()
                .any(|&(o, line)| o == t && lines[line as usize - 1].contains("value += 1"))
        };
        match running {
            Some(r) if about_to_add(r) => p
                .options
                .iter()
                .map(|o| o.0)
                .find(|&t| t != r && t != 0)
                .unwrap_or(r),
            Some(r) => r,
            None => p.options[0].0,
        }
    });
    assert_eq!(trace.outcome, Outcome::Finished);
    let out = stdout(&trace);
    let value: i64 = out
        .trim()
        .trim_start_matches("counter = ")
        .parse()
        .expect("a number");
    assert!(value < 6, "{out}");
    assert!(trace.conflict_count > 0);
    let c = &trace.conflicts[0];
    assert_eq!(c.name, "counter");
    assert_ne!(c.read.thread, c.lost.thread);
    assert_eq!(c.read.thread, c.write.thread);
    assert!(
        c.read.t_ns < c.lost.t_ns && c.lost.t_ns < c.write.t_ns,
        "{c:?}"
    );
    assert_eq!(lines[c.write.line as usize - 1].trim(), "counter = value");
}

#[test]
fn under_cpython_311_switch_points_no_pick_can_split_the_read_and_the_write() {
    // Without calls in the loop body the only switch point is the loop's jump back.
    let mut seen = std::collections::BTreeSet::new();
    for flip in 0..6u32 {
        let mut n = 0;
        let (trace, _) = play(COUNTER, Preempt::EvalBreaker, |p| {
            n += 1;
            let others: Vec<u32> = p.options.iter().map(|o| o.0).collect();
            others[((n + flip) as usize) % others.len()]
        });
        assert_eq!(trace.outcome, Outcome::Finished);
        seen.insert(stdout(&trace));
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), ["counter = 6\n"]);
}

#[test]
fn pct_finds_the_lost_update_that_the_natural_schedule_hides() {
    let source = "import threading\ncounter = 0\ndef work():\n    global counter\n    for _ in range(200):\n        counter += 1\nts = [threading.Thread(target=work) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(counter)\n";
    let natural = run(
        source,
        &RunOptions {
            preempt: Preempt::AnyInstruction,
            ..Default::default()
        },
    );
    assert_eq!(
        stdout(&natural),
        "400\n",
        "200 iterations run inside one switch interval"
    );
    let lost = (0..20u64)
        .filter(|&seed| {
            let trace = run(
                source,
                &RunOptions {
                    preempt: Preempt::AnyInstruction,
                    director: Some(Director::Pct {
                        seed,
                        depth: 2,
                        span: 2_000,
                    }),
                    ..Default::default()
                },
            );
            assert_eq!(trace.outcome, Outcome::Finished);
            stdout(&trace) != "400\n"
        })
        .count();
    assert!(lost >= 2, "PCT found a lost update in {lost} of 20 runs");
}

#[test]
fn undirected_runs_record_no_decisions_and_no_conflicts_unless_asked() {
    let trace = run(COUNTER, &RunOptions::default());
    assert_eq!(trace.directed, None);
    assert!(trace.conflicts.is_empty());
    assert_eq!(stdout(&trace), "counter = 6\n");
}
