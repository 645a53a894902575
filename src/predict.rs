//! Predict, then reveal: questions any run answers — what it prints last, which thread prints
//! first, whether it deadlocks, how long it takes in virtual time — the answers read from the
//! trace, and the moment that decides each, so the page can grade a prediction and show it.

use interleave_engine::trace::{Stream, Trace};

/// How long a run takes, in buckets a student can guess.
pub const DURATIONS: [(&str, u64); 5] = [
    ("under 10 ms", 10_000_000),
    ("10 ms to 0.1 s", 100_000_000),
    ("0.1 s to 1 s", 1_000_000_000),
    ("1 s to 10 s", 10_000_000_000),
    ("10 s or more", u64::MAX),
];

/// What a run shows, for the questions.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// The last line printed to stdout, and when.
    pub last_line: Option<(String, u64)>,
    /// The thread that printed first, and when.
    pub first_printer: Option<(String, u64)>,
    /// Every thread that prints, in order of first print.
    pub printers: Vec<String>,
    /// When the deadlock closed.
    pub deadlock_ns: Option<u64>,
    pub end_ns: u64,
}

impl Facts {
    pub fn of(trace: &Trace) -> Facts {
        let name = |t: u32| {
            trace
                .threads
                .get(t as usize)
                .map_or_else(|| format!("thread {t}"), |i| i.name.clone())
        };
        let stdout = trace.outputs.iter().filter(|o| o.stream == Stream::Stdout);
        let mut printers: Vec<String> = Vec::new();
        let mut first_printer = None;
        let mut last_line = None;
        for o in stdout {
            let who = name(o.thread);
            if !printers.contains(&who) {
                printers.push(who.clone());
            }
            first_printer.get_or_insert((who, o.t_ns));
            if let Some(line) = o.text.lines().rev().find(|l| !l.trim().is_empty()) {
                last_line = Some((line.to_string(), o.t_ns));
            }
        }
        Facts {
            last_line,
            first_printer,
            printers,
            deadlock_ns: trace.deadlock.as_ref().map(|d| d.t_ns),
            end_ns: trace.end_ns,
        }
    }

    /// The index in [`DURATIONS`] of the run's length.
    pub fn duration_bucket(&self) -> usize {
        DURATIONS
            .iter()
            .position(|(_, below)| self.end_ns < *below)
            .unwrap_or(DURATIONS.len() - 1)
    }
}

/// What the student predicted (each optional).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prediction {
    pub last_line: String,
    pub first_printer: Option<String>,
    pub deadlocks: Option<bool>,
    pub duration: Option<usize>,
}

/// One question's outcome once revealed.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// `last-line`, `first-printer`, `deadlock`, `duration` (for tests and styling).
    pub key: &'static str,
    pub question: &'static str,
    /// `None`: not predicted.
    pub right: Option<bool>,
    /// The run's answer, in words.
    pub actual: String,
    /// The moment that decides it.
    pub at_ns: u64,
}

/// Lines compare without surrounding spaces.
fn same_line(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
}

pub fn grade(p: &Prediction, f: &Facts) -> Vec<Verdict> {
    let mut out = Vec::new();
    let (last, last_at) = f
        .last_line
        .clone()
        .unwrap_or_else(|| ("(nothing is printed)".into(), f.end_ns));
    out.push(Verdict {
        key: "last-line",
        question: "What does it print last?",
        right: (!p.last_line.trim().is_empty()).then(|| same_line(&p.last_line, &last)),
        actual: last,
        at_ns: last_at,
    });
    if f.printers.len() > 1 {
        let (first, at) = f.first_printer.clone().unwrap_or_default();
        out.push(Verdict {
            key: "first-printer",
            question: "Which thread prints first?",
            right: p.first_printer.as_ref().map(|g| *g == first),
            actual: first,
            at_ns: at,
        });
    }
    out.push(Verdict {
        key: "deadlock",
        question: "Does it deadlock?",
        right: p.deadlocks.map(|g| g == f.deadlock_ns.is_some()),
        actual: match f.deadlock_ns {
            Some(_) => "Yes: it deadlocks".into(),
            None => "No".into(),
        },
        at_ns: f.deadlock_ns.unwrap_or(f.end_ns),
    });
    let bucket = f.duration_bucket();
    out.push(Verdict {
        key: "duration",
        question: "How long does it run (virtual time)?",
        right: p.duration.map(|g| g == bucket),
        actual: DURATIONS[bucket].0.to_string(),
        at_ns: f.end_ns,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use interleave_engine::{run, RunOptions};

    const RACE: &str = "import threading, time\n\ndef a():\n    time.sleep(0.2)\n    print('a done')\n\ndef b():\n    print('b starts')\n\nt1 = threading.Thread(target=a)\nt2 = threading.Thread(target=b)\nt1.start(); t2.start(); t1.join(); t2.join()\nprint('total', 3)\n";

    #[test]
    fn facts_come_from_the_trace() {
        let f = Facts::of(&run(RACE, &RunOptions::default()));
        assert_eq!(f.printers, ["Thread-2 (b)", "Thread-1 (a)", "MainThread"]);
        assert_eq!(f.first_printer.as_ref().unwrap().0, "Thread-2 (b)");
        assert_eq!(f.last_line.as_ref().unwrap().0, "total 3");
        assert_eq!(f.deadlock_ns, None);
        assert_eq!(DURATIONS[f.duration_bucket()].0, "0.1 s to 1 s");
    }

    #[test]
    fn predictions_are_graded_against_the_run() {
        let f = Facts::of(&run(RACE, &RunOptions::default()));
        let p = Prediction {
            last_line: " total 3 ".into(),
            first_printer: Some("Thread-1 (a)".into()),
            deadlocks: Some(false),
            duration: None,
        };
        let v = grade(&p, &f);
        let right: Vec<_> = v.iter().map(|v| (v.key, v.right)).collect();
        assert_eq!(
            right,
            [
                ("last-line", Some(true)),
                ("first-printer", Some(false)),
                ("deadlock", Some(true)),
                ("duration", None),
            ]
        );
        assert_eq!(v[1].actual, "Thread-2 (b)");
        assert_eq!(v[0].at_ns, f.last_line.unwrap().1);
    }

    #[test]
    fn a_deadlock_is_decided_when_it_closes() {
        let src = "import threading\na = threading.Lock()\nb = threading.Lock()\ndef f():\n    with a:\n        with b: pass\ndef g():\n    with b:\n        with a: pass\nimport time\nt1 = threading.Thread(target=f); t2 = threading.Thread(target=g)\nwith a:\n    t1.start(); t2.start(); time.sleep(0.1)\nt1.join()\n";
        let f = Facts::of(&run(src, &RunOptions::default()));
        let v = grade(
            &Prediction {
                deadlocks: Some(true),
                ..Prediction::default()
            },
            &f,
        );
        let d = v.iter().find(|v| v.key == "deadlock").unwrap();
        assert_eq!(d.right, Some(true));
        assert_eq!(Some(d.at_ns), f.deadlock_ns);
        assert_eq!(v[0].actual, "(nothing is printed)");
    }
}
