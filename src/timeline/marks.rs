//! Marks drawn over the timeline at single moments of one thread: the first lost update of a
//! run watched for conflicts (the stale read, the other thread's write it loses, the write
//! over it) and the decisions of a directed run (who the student or PCT let run).

use super::geometry::{lane_middle, Scale};
use super::model::TimelineModel;
use crate::format::time_text;
use interleave_engine::trace::{ThreadId, Trace};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A read whose value is stale by the time it is written back.
    StaleRead,
    /// Another thread's write that is lost.
    LostWrite,
    /// The write that loses it.
    Overwrite,
    /// A directed run let this thread run here.
    Decision,
}

impl MarkKind {
    pub fn key(self) -> &'static str {
        match self {
            MarkKind::StaleRead => "stale-read",
            MarkKind::LostWrite => "lost-write",
            MarkKind::Overwrite => "overwrite",
            MarkKind::Decision => "decision",
        }
    }

    /// The glyph shown in the mark.
    pub fn glyph(self) -> &'static str {
        match self {
            MarkKind::StaleRead => "R",
            MarkKind::LostWrite => "W",
            MarkKind::Overwrite => "W!",
            MarkKind::Decision => "▸",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    pub thread: ThreadId,
    pub t_ns: u64,
    /// What it means, in words (its tooltip and screen-reader label).
    pub words: String,
}

/// The marks of a trace, in time order.
pub fn marks_of(trace: &Trace, model: &TimelineModel) -> Vec<Mark> {
    let mut marks = Vec::new();
    if let Some(c) = trace.conflicts.first() {
        let name = |t: ThreadId| model.thread_label(t).to_string();
        let (reader, other) = (name(c.read.thread), name(c.lost.thread));
        marks.push(Mark {
            kind: MarkKind::StaleRead,
            thread: c.read.thread,
            t_ns: c.read.t_ns,
            words: format!(
                "{reader} reads {} at {} (line {})",
                c.name,
                time_text(c.read.t_ns),
                c.read.line
            ),
        });
        marks.push(Mark {
            kind: MarkKind::LostWrite,
            thread: c.lost.thread,
            t_ns: c.lost.t_ns,
            words: format!(
                "{other} writes {} at {} (line {}): this update will be lost",
                c.name,
                time_text(c.lost.t_ns),
                c.lost.line
            ),
        });
        marks.push(Mark {
            kind: MarkKind::Overwrite,
            thread: c.write.thread,
            t_ns: c.write.t_ns,
            words: format!(
                "{reader} writes {} at {} (line {}) from its stale read: {other}'s update is lost",
                c.name,
                time_text(c.write.t_ns),
                c.write.line
            ),
        });
    }
    if let Some(directed) = &trace.directed {
        for (i, d) in directed.decisions.iter().enumerate() {
            marks.push(Mark {
                kind: MarkKind::Decision,
                thread: d.chosen,
                t_ns: d.t_ns,
                words: format!(
                    "Decision {}: {} runs at {}",
                    i + 1,
                    model.thread_label(d.chosen),
                    time_text(d.t_ns)
                ),
            });
        }
    }
    marks.sort_by_key(|m| m.t_ns);
    marks
}

/// Where each mark in the window goes: (x, y) in CSS pixels of the canvas, and the mark.
pub fn place<'a>(
    marks: &'a [Mark],
    model: &TimelineModel,
    scale: &Scale,
) -> Vec<(f64, f64, &'a Mark)> {
    marks
        .iter()
        .filter(|m| m.t_ns >= scale.start_ns && m.t_ns <= scale.end_ns)
        .filter_map(|m| {
            let lane = model.thread_lane(m.thread)?;
            Some((scale.x(m.t_ns), lane_middle(lane), m))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use interleave_engine::{run, Director, Preempt, RunOptions};

    const RACE: &str = "import threading\ncounter = 0\ndef inc():\n    global counter\n    for _ in range(300):\n        counter += 1\nts = [threading.Thread(target=inc) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(counter)\n";

    #[test]
    fn a_lost_update_is_marked_read_lost_write_overwrite_on_their_threads() {
        let trace = (0..20)
            .map(|seed| {
                run(
                    RACE,
                    &RunOptions {
                        preempt: Preempt::AnyInstruction,
                        director: Some(Director::Pct {
                            seed,
                            depth: 2,
                            span: 2_000,
                        }),
                        watch_conflicts: true,
                        ..Default::default()
                    },
                )
            })
            .find(|t| t.conflict_count > 0)
            .expect("PCT loses an update");
        let model = TimelineModel::new(&trace);
        let marks = marks_of(&trace, &model);
        let kinds: Vec<MarkKind> = marks.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                MarkKind::StaleRead,
                MarkKind::LostWrite,
                MarkKind::Overwrite
            ]
        );
        assert_eq!(marks[0].thread, marks[2].thread);
        assert_ne!(marks[0].thread, marks[1].thread);
        assert!(marks[2].words.contains("counter"), "{}", marks[2].words);
        assert!(marks[2].words.contains("is lost"));
        let scale = Scale::new(0, model.end_ns, 10.0, 500.0);
        let placed = place(&marks, &model, &scale);
        assert_eq!(placed.len(), 3);
        assert!(placed[0].0 <= placed[1].0 && placed[1].0 <= placed[2].0);
        assert_eq!(placed[0].1, placed[2].1, "same thread, same lane");
        let outside = Scale::new(0, marks[0].t_ns.saturating_sub(1), 10.0, 500.0);
        assert!(place(&marks, &model, &outside).is_empty());
    }

    #[test]
    fn a_plain_run_has_no_marks() {
        let trace = run(RACE, &RunOptions::default());
        assert!(marks_of(&trace, &TimelineModel::new(&trace)).is_empty());
    }
}
