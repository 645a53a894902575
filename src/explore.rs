//! The race explorer's tally: a program run under many seeds (each seed varies the OS
//! latencies that decide ties between threads), each run summed up by what it ends with — its
//! last printed line, or how it failed — and counted, so a student sees how often a schedule
//! loses an update, and can open any outcome's schedule by its seed.

use interleave_engine::trace::{Outcome, Stream, Trace};
use serde::{Deserialize, Serialize};

/// How many seeds of an outcome are kept to open its schedule.
const SEEDS_KEPT: usize = 5;

/// One distinct outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    /// The last line printed (or the failure), in words.
    pub outcome: String,
    pub count: u32,
    /// The first seeds that ended this way.
    pub seeds: Vec<u64>,
}

/// The outcomes of runs under seeds, most frequent first (ties by first seed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub runs: u32,
    pub buckets: Vec<Bucket>,
}

/// What a run ends with: its last stdout line, with a note when it did not finish normally.
pub fn outcome_of(trace: &Trace) -> String {
    let last = trace
        .outputs
        .iter()
        .rev()
        .filter(|o| o.stream == Stream::Stdout)
        .find_map(|o| o.text.lines().rev().find(|l| !l.trim().is_empty()))
        .map(str::to_string);
    let how = match &trace.outcome {
        Outcome::Finished | Outcome::Running => None,
        Outcome::Deadlock { .. } => Some("deadlock".to_string()),
        Outcome::UncaughtException(name) => Some(format!("uncaught {name}")),
        Outcome::BudgetExceeded { .. } => Some("budget ran out".to_string()),
        Outcome::Exit(code) => Some(format!("exit code {code}")),
        Outcome::CompileError { .. } => Some("compile error".to_string()),
    };
    match (last, how) {
        (Some(line), None) => line,
        (None, None) => "(prints nothing)".to_string(),
        (Some(line), Some(how)) => format!("{line} ({how})"),
        (None, Some(how)) => format!("({how})"),
    }
}

impl Tally {
    pub fn add(&mut self, seed: u64, outcome: String) {
        self.runs += 1;
        match self.buckets.iter_mut().find(|b| b.outcome == outcome) {
            Some(b) => {
                b.count += 1;
                if b.seeds.len() < SEEDS_KEPT {
                    b.seeds.push(seed);
                }
            }
            None => self.buckets.push(Bucket {
                outcome,
                count: 1,
                seeds: vec![seed],
            }),
        }
        self.buckets
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.seeds[0].cmp(&b.seeds[0])));
    }

    /// One sentence for the page: "All 200 schedules end with 2000000." or
    /// "200 schedules end 4 different ways; the most common, 1687499, in 37 of them."
    pub fn summary(&self) -> String {
        match self.buckets.as_slice() {
            [] => "No runs yet.".to_string(),
            [only] => format!("All {} schedules end with {}.", self.runs, only.outcome),
            [top, ..] => format!(
                "{} schedules end {} different ways; the most common, {}, in {} of them.",
                self.runs,
                self.buckets.len(),
                top.outcome,
                top.count
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interleave_engine::{run, Preempt, RunOptions};

    const RACE: &str = "import threading\ncounter = 0\ndef inc():\n    global counter\n    for _ in range(20000):\n        counter += 1\nts = [threading.Thread(target=inc) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint('counter', counter)\n";

    fn tally(source: &str, preempt: Preempt, seeds: u64) -> Tally {
        let mut tally = Tally::default();
        for seed in 0..seeds {
            let options = RunOptions {
                seed,
                preempt,
                switch_interval_ns: 100_000,
                ..RunOptions::default()
            };
            tally.add(seed, outcome_of(&run(source, &options)));
        }
        tally
    }

    #[test]
    fn cpython_311_keeps_every_update_and_any_instruction_preemption_loses_some() {
        let safe = tally(RACE, Preempt::EvalBreaker, 8);
        assert_eq!(safe.buckets.len(), 1, "{safe:?}");
        assert_eq!(safe.summary(), "All 8 schedules end with counter 40000.");
        let racy = tally(RACE, Preempt::AnyInstruction, 8);
        assert!(
            racy.buckets.iter().any(|b| b.outcome != "counter 40000"),
            "lost updates under any-instruction preemption: {racy:?}"
        );
        assert_eq!(racy.runs, 8);
        assert_eq!(racy.buckets.iter().map(|b| b.count).sum::<u32>(), 8);
    }

    #[test]
    fn failures_are_outcomes_too() {
        let trace = run(
            "print('a')\nraise ValueError('x')\n",
            &RunOptions::default(),
        );
        assert_eq!(outcome_of(&trace), "a (uncaught ValueError)");
        let trace = run("pass\n", &RunOptions::default());
        assert_eq!(outcome_of(&trace), "(prints nothing)");
    }

    #[test]
    fn buckets_keep_a_few_seeds_and_sort_by_count() {
        let mut t = Tally::default();
        for seed in 0..10 {
            t.add(seed, if seed % 3 == 0 { "x" } else { "y" }.to_string());
        }
        assert_eq!(t.buckets[0].outcome, "y");
        assert_eq!(t.buckets[0].count, 6);
        assert_eq!(t.buckets[0].seeds, [1, 2, 4, 5, 7]);
        assert_eq!(t.buckets[1].seeds, [0, 3, 6, 9]);
    }
}
