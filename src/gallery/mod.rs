//! The scenario gallery: the course's examples as ready-to-run scenarios with metadata
//! ([`meta`], written in `scenarios/`), embedded by the build in the engine's worker, which
//! hands them to the page with the course's quick-check quizzes; and the moments narration
//! notes point at in a run's trace.

mod meta;

pub use meta::{
    Anchor, DeclaredOutcome, Gallery, Goal, GoalCheck, Note, Quiz, RunEvent, Scenario, SourceRef,
    Topic,
};

use interleave_engine::trace::{Outcome, Trace};

/// The gallery (every scenario in order, and the quizzes), encoded, for the worker to send.
pub fn embedded() -> &'static [u8] {
    include_bytes!(concat!(env!("OUT_DIR"), "/gallery.postcard"))
}

/// Decodes [`embedded`]'s bytes.
pub fn decode(bytes: &[u8]) -> Result<Gallery, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("the gallery could not be decoded: {e}"))
}

impl DeclaredOutcome {
    /// The declared outcome a run's actual outcome amounts to (`None` while it runs).
    pub fn of(outcome: &Outcome) -> Option<DeclaredOutcome> {
        Some(match outcome {
            Outcome::Finished => DeclaredOutcome::Ok,
            Outcome::UncaughtException(_) => DeclaredOutcome::Exception,
            Outcome::Deadlock { .. } => DeclaredOutcome::Deadlock,
            Outcome::BudgetExceeded { .. } => DeclaredOutcome::Budget,
            Outcome::Exit(_) => DeclaredOutcome::Exit,
            Outcome::CompileError { .. } | Outcome::Running => return None,
        })
    }

    /// In words, for the gallery's cards.
    pub fn words(self) -> &'static str {
        match self {
            DeclaredOutcome::Ok => "runs to the end",
            DeclaredOutcome::Exception => "ends with an uncaught exception",
            DeclaredOutcome::Deadlock => "deadlocks",
            DeclaredOutcome::Budget => "never ends (stopped by a budget)",
            DeclaredOutcome::Exit => "exits with its own code",
        }
    }
}

impl Anchor {
    /// The virtual time this moment falls on in `trace`; `None` when the run has no such
    /// moment (the line is never printed, there is no deadlock, the time is past the end).
    pub fn resolve(&self, trace: &Trace) -> Option<u64> {
        match self {
            Anchor::Output(text) => trace
                .outputs
                .iter()
                .find(|o| o.text.contains(text.as_str()))
                .map(|o| o.t_ns),
            Anchor::Ms(ms) => {
                let t_ns = (ms * 1e6).round();
                (t_ns >= 0.0 && t_ns <= trace.end_ns as f64).then_some(t_ns as u64)
            }
            Anchor::Event(RunEvent::Start) => Some(0),
            Anchor::Event(RunEvent::End) => Some(trace.end_ns),
            Anchor::Event(RunEvent::Deadlock) => trace.deadlock.as_ref().map(|d| d.t_ns),
        }
    }
}

/// A scenario's recommended settings (the defaults where it names none).
pub fn recommended_settings(s: &Scenario) -> crate::settings::Settings {
    s.settings
        .as_deref()
        .map(crate::settings::Settings::from_text)
        .unwrap_or_default()
}

/// A narration note placed on a run.
#[derive(Clone, Debug, PartialEq)]
pub struct TimedNote {
    pub t_ns: u64,
    pub text: String,
}

/// The notes of `narration` that `trace` has a moment for, in time order (notes at the same
/// moment keep their written order).
pub fn place_notes(narration: &[Note], trace: &Trace) -> Vec<TimedNote> {
    let mut notes: Vec<TimedNote> = narration
        .iter()
        .filter_map(|n| {
            n.at.resolve(trace).map(|t_ns| TimedNote {
                t_ns,
                text: n.text.clone(),
            })
        })
        .collect();
    notes.sort_by_key(|n| n.t_ns);
    notes
}

/// The index of the note in force at `cursor_ns`: the last one whose moment has come.
pub fn current_note(notes: &[TimedNote], cursor_ns: u64) -> Option<usize> {
    notes
        .partition_point(|n| n.t_ns <= cursor_ns)
        .checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use interleave_engine::{run, RunOptions};

    fn trace_of(source: &str) -> Trace {
        run(source, &RunOptions::default())
    }

    #[test]
    fn the_embedded_gallery_decodes_and_covers_every_topic_in_order() {
        let scenarios = decode(embedded()).expect("decodes").scenarios;
        assert!(!scenarios.is_empty());
        let order: Vec<usize> = scenarios
            .iter()
            .map(|s| Topic::ALL.iter().position(|t| *t == s.topic).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "grouped by topic");
        for s in &scenarios {
            assert!(s.slug.starts_with(s.topic.key()), "{}", s.slug);
            assert!(!s.code.trim().is_empty(), "{} has its program", s.slug);
        }
    }

    /// Each scenario, run with its recommended settings as the page runs it, ends as its
    /// metadata says, and every narration note finds its moment in that run.
    #[test]
    fn every_scenario_ends_as_declared_and_its_notes_find_their_moments() {
        use crate::protocol::RunRequest;
        let mut problems = Vec::new();
        for s in decode(embedded()).expect("decodes").scenarios {
            let mut request = RunRequest::new(s.code.clone(), "main.py");
            recommended_settings(&s).apply(&mut request);
            let trace = run(&s.code, &request.options());
            if DeclaredOutcome::of(&trace.outcome) != Some(s.outcome) {
                problems.push(format!(
                    "{}: declared {:?}, ran {:?}",
                    s.slug, s.outcome, trace.outcome
                ));
            }
            for note in &s.narration {
                if note.at.resolve(&trace).is_none() {
                    problems.push(format!("{}: no moment for note {:?}", s.slug, note.at));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_deadlocking_scenario_says_how_to_fix_it_with_one_that_does_not() {
        let scenarios = decode(embedded()).expect("decodes").scenarios;
        for s in scenarios
            .iter()
            .filter(|s| s.outcome == DeclaredOutcome::Deadlock)
        {
            let fix = s
                .fix
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no fix", s.slug));
            let fixed = scenarios
                .iter()
                .find(|t| Some(&t.slug) == fix.scenario.as_ref())
                .unwrap_or_else(|| panic!("{}: its fix names no scenario", s.slug));
            assert_eq!(fixed.outcome, DeclaredOutcome::Ok, "{}", fixed.slug);
        }
    }

    #[test]
    fn every_quick_check_of_the_first_notes_is_a_quiz() {
        let quizzes = decode(embedded()).expect("decodes").quizzes;
        let from_000 = quizzes.iter().filter(|q| q.source.doc == "000").count();
        assert_eq!(from_000, 8, "four sections of two questions each");
        for q in &quizzes {
            assert!(!q.explanation.is_empty(), "{}", q.question);
        }
    }

    #[test]
    fn anchors_find_their_moments() {
        let trace = trace_of("import time\nprint('one')\ntime.sleep(0.5)\nprint('two three')\n");
        let two = Anchor::Output("three".into()).resolve(&trace).unwrap();
        assert!(two >= 500_000_000, "printed after the sleep: {two}");
        assert_eq!(Anchor::Output("four".into()).resolve(&trace), None);
        assert_eq!(Anchor::Event(RunEvent::Start).resolve(&trace), Some(0));
        assert_eq!(
            Anchor::Event(RunEvent::End).resolve(&trace),
            Some(trace.end_ns)
        );
        assert_eq!(Anchor::Event(RunEvent::Deadlock).resolve(&trace), None);
        assert_eq!(Anchor::Ms(100.0).resolve(&trace), Some(100_000_000));
        assert_eq!(Anchor::Ms(1e9).resolve(&trace), None);
    }

    #[test]
    fn notes_are_placed_in_time_order_and_the_cursor_picks_the_latest() {
        let trace = trace_of("import time\nprint('a')\ntime.sleep(0.1)\nprint('b')\n");
        let note = |at, text: &str| Note {
            at,
            text: text.into(),
        };
        let notes = place_notes(
            &[
                note(Anchor::Event(RunEvent::End), "end"),
                note(Anchor::Output("b".into()), "b printed"),
                note(Anchor::Event(RunEvent::Start), "start"),
                note(Anchor::Event(RunEvent::Deadlock), "never"),
            ],
            &trace,
        );
        let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["start", "b printed", "end"]);
        assert_eq!(current_note(&notes, 0), Some(0));
        assert_eq!(current_note(&notes, notes[1].t_ns - 1), Some(0));
        assert_eq!(current_note(&notes, notes[1].t_ns), Some(1));
        assert_eq!(current_note(&notes, trace.end_ns), Some(2));
    }

    #[test]
    fn metadata_reads_as_written_in_scenarios() {
        let json = r#"{
            "title": "T", "topic": "cpu-vs-io", "source": {"doc": "002", "section": "S"},
            "summary": "x", "settings": "switch=1000000", "outcome": "deadlock",
            "narration": [{"at": {"output": "hi"}, "text": "t1"},
                          {"at": {"ms": 2.5}, "text": "t2"},
                          {"at": {"event": "deadlock"}, "text": "t3"}]
        }"#;
        let s: Scenario = serde_json::from_str(json).expect("valid metadata");
        assert_eq!(s.topic, Topic::CpuVsIo);
        assert_eq!(s.outcome, DeclaredOutcome::Deadlock);
        assert_eq!(s.narration[1].at, Anchor::Ms(2.5));
        assert_eq!(s.narration[2].at, Anchor::Event(RunEvent::Deadlock));
    }
}
