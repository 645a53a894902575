//! The race explorer: a program run under many schedules, each run summed up by what it ends
//! with — its last printed line, or how it failed — and counted, with how many runs lost an
//! update, so a student sees how often a schedule loses one and can open any outcome's
//! schedule. Schedules come from seeds (each varies the OS latencies that decide ties between
//! threads, under CPython's own switching) or from PCT, a bounded systematic search that
//! switches threads at a few random points of the run ([`interleave_engine::director`]) and
//! finds races that the switch interval almost never hits.

use crate::protocol::RunRequest;
use interleave_engine::trace::{Outcome, Stream, Trace};
use interleave_engine::Director;
use serde::{Deserialize, Serialize};

/// How the explorer varies the schedule from one run to the next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Strategy {
    /// Seeds 0, 1, 2 …: CPython's switching, with OS latencies varied by the seed.
    #[default]
    Seeds,
    /// PCT of this depth (switches forced at `depth - 1` random decisions of the run).
    Pct { depth: u32 },
}

/// The director of PCT run `seed`, for a run of `span` decisions.
pub fn pct(seed: u64, depth: u32, span: u64) -> Director {
    Director::Pct {
        seed,
        depth,
        span: span.max(1),
    }
}

/// Runs `run` `runs` times under `strategy`, telling `report` the tally after each run.
pub fn explore(run: &RunRequest, runs: u32, strategy: Strategy, mut report: impl FnMut(&Tally)) {
    let mut tally = Tally::default();
    let mut options = run.options();
    options.watch_conflicts = true;
    if let Strategy::Pct { depth } = strategy {
        // How many decisions a run has: PCT's change points are drawn from them.
        let mut probe = options.clone();
        probe.director = Some(pct(0, 1, 1));
        let trace = interleave_engine::run(&run.source, &probe);
        let span = trace.directed.map_or(1, |d| d.decision_count);
        tally.pct = Some((depth, span));
    }
    for seed in 0..u64::from(runs) {
        let mut options = options.clone();
        match tally.pct {
            Some((depth, span)) => options.director = Some(pct(seed, depth, span)),
            None => options.seed = seed,
        }
        let trace = interleave_engine::run(&run.source, &options);
        tally.lost_updates += u32::from(trace.conflict_count > 0);
        tally.add(seed, outcome_of(&trace));
        report(&tally);
    }
}

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
    /// Runs in which a thread wrote over another thread's update.
    pub lost_updates: u32,
    /// PCT's depth and the decisions it drew from, when the runs were PCT's (a bucket's seed
    /// then names a PCT schedule, [`pct`]).
    pub pct: Option<(u32, u64)>,
}

/// The last non-blank line the run printed on stdout.
pub fn last_printed_line(trace: &Trace) -> Option<String> {
    trace
        .outputs
        .iter()
        .rev()
        .filter(|o| o.stream == Stream::Stdout)
        .find_map(|o| o.text.lines().rev().find(|l| !l.trim().is_empty()))
        .map(str::to_string)
}

/// What a run ends with: its last stdout line, with a note when it did not finish normally.
pub fn outcome_of(trace: &Trace) -> String {
    let last = last_printed_line(trace);
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

    /// The page's summary: how the runs end ("All 200 schedules end with 2000000." or "200
    /// schedules end 4 different ways; the most common, 1687499, in 37 of them.") and how
    /// many lost an update.
    pub fn summary(&self) -> String {
        let lost = match self.lost_updates {
            0 => " No schedule lost an update.".to_string(),
            n => format!(" {n} of {} schedules lose an update.", self.runs),
        };
        format!("{}{lost}", self.ending())
    }

    fn ending(&self) -> String {
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

    fn tally(source: &str, preempt: Preempt, seeds: u32) -> Tally {
        tally_with(source, preempt, seeds, Strategy::Seeds, 100_000)
    }

    fn tally_with(
        source: &str,
        preempt: Preempt,
        runs: u32,
        strategy: Strategy,
        switch_interval_ns: u64,
    ) -> Tally {
        let mut request = RunRequest::new(source, "main.py");
        request.preempt = preempt;
        request.switch_interval_ns = switch_interval_ns;
        let mut last = Tally::default();
        let mut reports = 0;
        explore(&request, runs, strategy, |t| {
            reports += 1;
            last = t.clone();
        });
        assert_eq!(reports, runs);
        last
    }

    /// A race too short for the switch interval: both loops fit in one 5 ms quantum.
    const SHORT_RACE: &str = "import threading\ncounter = 0\ndef inc():\n    global counter\n    for _ in range(300):\n        counter += 1\nts = [threading.Thread(target=inc) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint('counter', counter)\n";

    #[test]
    fn pct_finds_the_lost_update_that_seeds_miss() {
        let seeds = tally_with(
            SHORT_RACE,
            Preempt::AnyInstruction,
            30,
            Strategy::Seeds,
            5_000_000,
        );
        assert_eq!(seeds.buckets.len(), 1, "{seeds:?}");
        assert_eq!(seeds.lost_updates, 0);
        assert!(seeds.summary().ends_with("No schedule lost an update."));
        let pct = tally_with(
            SHORT_RACE,
            Preempt::AnyInstruction,
            30,
            Strategy::Pct { depth: 2 },
            5_000_000,
        );
        assert!(pct.lost_updates >= 3, "{pct:?}");
        assert!(pct.buckets.len() >= 2, "{pct:?}");
        let (depth, span) = pct.pct.expect("PCT's parameters are kept");
        assert_eq!(depth, 2);
        assert!(
            span > 600,
            "every instruction of both loops is a decision: {span}"
        );
        // A bucket's seed reopens its schedule exactly.
        let losing = pct
            .buckets
            .iter()
            .find(|b| b.outcome != "counter 600")
            .expect("a loss");
        let options = RunOptions {
            preempt: Preempt::AnyInstruction,
            director: Some(super::pct(losing.seeds[0], depth, span)),
            watch_conflicts: true,
            ..RunOptions::default()
        };
        let trace = run(SHORT_RACE, &options);
        assert_eq!(outcome_of(&trace), losing.outcome);
        assert_eq!(trace.conflicts[0].name, "counter");
    }

    #[test]
    fn under_cpython_311_switching_pct_finds_no_lost_update_in_plus_equals() {
        let pct = tally_with(
            SHORT_RACE,
            Preempt::EvalBreaker,
            30,
            Strategy::Pct { depth: 3 },
            5_000_000,
        );
        assert_eq!(pct.lost_updates, 0, "{pct:?}");
        assert_eq!(pct.buckets.len(), 1);
    }

    #[test]
    fn cpython_311_keeps_every_update_and_any_instruction_preemption_loses_some() {
        let safe = tally(RACE, Preempt::EvalBreaker, 8);
        assert_eq!(safe.buckets.len(), 1, "{safe:?}");
        assert_eq!(safe.ending(), "All 8 schedules end with counter 40000.");
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
