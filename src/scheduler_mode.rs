//! "You are the scheduler": the student picks, at each point where CPython could switch
//! threads, which thread runs next (keys 1–9 or a click on its lane). The page re-runs the
//! program with the picks so far ([`interleave_engine::Director::Picks`]); the engine stops at
//! the next decision and says who could run. This module turns that into the choices the page
//! shows and checks the scenario's goals on the finished run.

use crate::explore::last_printed_line;
use crate::gallery::{Goal, GoalCheck};
use interleave_engine::trace::{Outcome, ThreadId, Trace};

/// The most picks a game may take (then the student is told to restart or undo).
pub const MAX_PICKS: usize = 400;

/// One thread the student may pick, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The key that picks it (1–9), in the order of thread ids.
    pub key: usize,
    pub thread: ThreadId,
    pub name: String,
    /// The line it would run next (0: still starting, in `threading`'s code).
    pub line: u32,
    /// That line's code, trimmed.
    pub code: String,
    /// It holds the GIL now: picking it lets it go on.
    pub running: bool,
}

/// The choices of the decision the run stopped at, if it stopped at one.
pub fn choices(trace: &Trace, source: &str) -> Vec<Choice> {
    let Some(pending) = trace.directed.as_ref().and_then(|d| d.pending.as_ref()) else {
        return Vec::new();
    };
    let lines: Vec<&str> = source.lines().collect();
    pending
        .options
        .iter()
        .enumerate()
        .map(|(i, &(thread, line))| Choice {
            key: i + 1,
            thread,
            name: trace
                .threads
                .get(thread as usize)
                .map_or_else(|| format!("thread {thread}"), |t| t.name.clone()),
            line,
            code: match line {
                0 => "(starting)".to_string(),
                n => lines
                    .get(n as usize - 1)
                    .map_or(String::new(), |l| l.trim().to_string()),
            },
            running: pending.running == Some(thread),
        })
        .collect()
}

/// Whether the run is over (no decision pending): only then are goals checked.
pub fn finished(trace: &Trace) -> bool {
    trace.directed.as_ref().is_none_or(|d| d.pending.is_none()) && trace.outcome != Outcome::Running
}

/// Whether the finished run reached `goal`.
pub fn reached(goal: &Goal, trace: &Trace) -> bool {
    if !finished(trace) {
        return false;
    }
    match &goal.check {
        GoalCheck::Ends => trace.outcome == Outcome::Finished,
        GoalCheck::Deadlock => matches!(trace.outcome, Outcome::Deadlock { .. }),
        GoalCheck::LostUpdate => trace.conflict_count > 0,
        GoalCheck::Prints(text) => last_printed_line(trace).as_deref() == Some(text.as_str()),
        GoalCheck::NumberBelow(limit) => last_printed_line(trace)
            .and_then(|l| last_number(&l))
            .is_some_and(|n| n < *limit),
    }
}

fn last_number(line: &str) -> Option<f64> {
    line.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|w| w.trim_matches('.').parse::<f64>().ok())
        .next_back()
}

/// Goals every program has when its scenario sets none.
pub fn default_goals() -> Vec<Goal> {
    vec![Goal {
        text: "Run the program to its end".to_string(),
        check: GoalCheck::Ends,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use interleave_engine::{run, Director, Preempt, RunOptions};

    const RACE: &str = "import threading\ncounter = 0\nready = threading.Barrier(2)\ndef add():\n    global counter\n    ready.wait()\n    for _ in range(2):\n        value = counter\n        counter = value + 1\nts = [threading.Thread(target=add) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint('counter =', counter)\n";

    fn directed(picks: &[u32]) -> Trace {
        run(
            RACE,
            &RunOptions {
                director: Some(Director::Picks(picks.to_vec())),
                preempt: Preempt::AnyInstruction,
                watch_conflicts: true,
                ..Default::default()
            },
        )
    }

    fn goal(check: GoalCheck) -> Goal {
        Goal {
            text: String::new(),
            check,
        }
    }

    /// Plays by choosing, at each decision, the choice `policy` gives.
    fn play(mut policy: impl FnMut(&[Choice]) -> u32) -> Trace {
        let mut picks = Vec::new();
        loop {
            let trace = directed(&picks);
            let choices = choices(&trace, RACE);
            if choices.is_empty() {
                return trace;
            }
            picks.push(policy(&choices));
            assert!(picks.len() < MAX_PICKS);
        }
    }

    #[test]
    fn choices_name_each_thread_with_its_next_line_and_keys_from_1() {
        let trace = directed(&[]);
        let c = choices(&trace, RACE);
        assert!(c.len() >= 2, "{c:?}");
        assert_eq!(c[0].key, 1);
        assert_eq!(c[0].name, "MainThread");
        assert!(c.iter().filter(|c| c.running).count() == 1);
        assert!(!finished(&trace));
        assert!(!reached(&goal(GoalCheck::LostUpdate), &trace));
    }

    #[test]
    fn letting_each_thread_finish_its_line_reaches_no_lost_update() {
        let trace = play(|c| c.iter().find(|c| c.running).unwrap_or(&c[0]).thread);
        assert!(finished(&trace));
        assert!(reached(
            &goal(GoalCheck::Prints("counter = 4".into())),
            &trace
        ));
        assert!(!reached(&goal(GoalCheck::LostUpdate), &trace));
        assert!(!reached(&goal(GoalCheck::NumberBelow(4.0)), &trace));
        assert!(reached(&default_goals()[0], &trace));
    }

    #[test]
    fn switching_after_a_read_loses_an_update_and_reaches_the_goals() {
        let trace = play(|c| {
            let running = c.iter().find(|c| c.running);
            match running {
                // About to write what it read: let another worker go first.
                Some(r) if r.code.starts_with("counter = value") => {
                    c.iter()
                        .find(|o| !o.running && o.name != "MainThread")
                        .unwrap_or(r)
                        .thread
                }
                Some(r) => r.thread,
                None => c[0].thread,
            }
        });
        assert!(
            reached(&goal(GoalCheck::LostUpdate), &trace),
            "{:?}",
            trace.outputs
        );
        assert!(reached(&goal(GoalCheck::NumberBelow(4.0)), &trace));
    }

    /// Every goal a scenario sets can be reached by some schedule: random players (one run
    /// each: a pick that is not an option falls back to the first option) find each one.
    #[test]
    fn every_scenario_goal_is_reachable() {
        use crate::gallery::{decode, embedded, recommended_settings};
        use crate::protocol::RunRequest;
        let mut with_goals = 0;
        for s in decode(embedded()).expect("decodes").scenarios {
            if s.goals.is_empty() {
                continue;
            }
            with_goals += 1;
            let mut request = RunRequest::new(s.code.clone(), "main.py");
            recommended_settings(&s).apply(&mut request);
            let mut reached_goals = vec![false; s.goals.len()];
            let mut state = 0x2545_f491_4f6c_dd1du64;
            for _ in 0..300 {
                let picks: Vec<u32> = (0..MAX_PICKS)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        (state % 4) as u32
                    })
                    .collect();
                let mut options = request.options();
                options.director = Some(Director::Picks(picks));
                options.watch_conflicts = true;
                let trace = run(&s.code, &options);
                for (i, g) in s.goals.iter().enumerate() {
                    reached_goals[i] |= reached(g, &trace);
                }
                if reached_goals.iter().all(|r| *r) {
                    break;
                }
            }
            for (g, r) in s.goals.iter().zip(&reached_goals) {
                assert!(r, "{}: no schedule reached {:?}", s.slug, g.text);
            }
        }
        assert!(with_goals >= 2);
    }

    /// The policy the browser test plays with keys: let the running thread go on, except that
    /// a diner entering `note` for the first time (it holds its first lock) hands over to the
    /// other diner, or to the main thread while the other diner is not started.
    #[test]
    fn switching_to_the_other_diner_after_the_first_lock_deadlocks_the_fork_and_knife() {
        use crate::gallery::{decode, embedded};
        let s = decode(embedded())
            .expect("decodes")
            .scenarios
            .into_iter()
            .find(|s| s.slug == "deadlocks/scheduler-fork-and-knife")
            .expect("the scenario");
        let mut picks = Vec::new();
        let mut noted = std::collections::HashSet::new();
        let trace = loop {
            let trace = run(
                &s.code,
                &RunOptions {
                    director: Some(Director::Picks(picks.clone())),
                    watch_conflicts: true,
                    ..Default::default()
                },
            );
            let c = choices(&trace, &s.code);
            if c.is_empty() {
                break trace;
            }
            // With the GIL free, the newest thread (a diner just started) goes first.
            let running = c.iter().find(|c| c.running).unwrap_or(&c[c.len() - 1]);
            // Entering note() for the first time, a diner holds exactly one lock.
            let entering_note = running.code == "def note(text):";
            let first_note = entering_note && !noted.contains(&running.thread);
            if entering_note {
                noted.insert(running.thread);
            }
            // Another diner if one can run, else the main thread (to start the other).
            let other = c
                .iter()
                .filter(|o| !o.running)
                .min_by_key(|o| o.name == "MainThread");
            let pick = match other {
                Some(o) if first_note => o,
                _ => running,
            };
            picks.push(pick.thread);
            assert!(picks.len() < 60, "{picks:?}");
        };
        let deadlock = s
            .goals
            .iter()
            .find(|g| g.check == GoalCheck::Deadlock)
            .expect("goal");
        assert!(
            reached(deadlock, &trace),
            "{:?} after {picks:?}",
            trace.outcome
        );
    }

    #[test]
    fn numbers_are_read_from_the_end_of_the_line() {
        assert_eq!(last_number("counter = 1999"), Some(1999.0));
        assert_eq!(last_number("total: 3.5 s"), Some(3.5));
        assert_eq!(last_number("done"), None);
    }
}
