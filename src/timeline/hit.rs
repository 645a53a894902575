//! What is under the pointer: the lane at a y, and a sentence describing a lane at a time
//! (the timeline's tooltip: who, what state, from when to when, on which line).

use super::at_cursor::describe_state;
use super::geometry::{lane_top, LANE_HEIGHT};
use super::model::{Fill, LaneKind, StateKind, TimelineModel};
use super::primitives;
use crate::format::time_text;
use interleave_engine::trace::Trace;

/// The lane at `y` (CSS pixels from the canvas top), if any.
pub fn lane_at_y(model: &TimelineModel, y: f64) -> Option<usize> {
    let first = lane_top(0);
    if y < first {
        return None;
    }
    let index = ((y - first) / LANE_HEIGHT) as usize;
    (index < model.lanes.len()).then_some(index)
}

/// E.g. "Thread-1 (work): sleeping (time.sleep), 2.000 ms – 8.000 ms, line 7".
pub fn describe(trace: &Trace, model: &TimelineModel, lane: usize, t_ns: u64) -> Option<String> {
    let this = model.lanes.get(lane)?;
    let span = model.span_at(lane, t_ns).copied();
    let range =
        |s: &super::model::Span| format!("{} – {}", time_text(s.start_ns), time_text(s.end_ns));
    let text = match (this.kind, span) {
        (LaneKind::Process(_), _) => format!("process {}", this.label),
        (LaneKind::Gil(_), Some(s)) => {
            let Fill::Holder(holder) = s.fill else {
                return None;
            };
            let waiting = this.counts.at(t_ns);
            format!(
                "{}: held by {}, {}{}",
                this.label,
                model.thread_label(holder),
                range(&s),
                waiters(waiting, "waiting for it")
            )
        }
        (LaneKind::Gil(_), None) => format!("{}: free at {}", this.label, time_text(t_ns)),
        (LaneKind::Thread(_), Some(s)) => match trace.slices.get(s.detail as usize) {
            Some(slice) => {
                let line = if slice.line > 0 {
                    format!(", line {}", slice.line)
                } else {
                    String::new()
                };
                format!(
                    "{}: {}, {}{line}",
                    this.label,
                    describe_state(trace, model, slice.state, t_ns),
                    range(&s)
                )
            }
            None => format!(
                "{}: {} from {}",
                this.label,
                StateKind::Finished.label(),
                time_text(s.start_ns)
            ),
        },
        (LaneKind::Thread(_), None) => {
            format!("{}: not started at {}", this.label, time_text(t_ns))
        }
        (LaneKind::EventLoop(_), Some(s)) => {
            let step = trace.task_steps.get(s.detail as usize);
            let task = match s.fill {
                Fill::Task(t) => trace.tasks.get(t as usize).map_or("?", |t| t.name.as_str()),
                _ => "?",
            };
            let ready = step.map_or(0, |s| s.ready);
            format!(
                "{}: runs {task}, {}; {ready} callback{} ready after it",
                this.label,
                range(&s),
                if ready == 1 { "" } else { "s" }
            )
        }
        (LaneKind::EventLoop(_), None) => {
            let frozen = this.alerts.iter().any(|&(a, b)| a <= t_ns && t_ns < b);
            let words = if frozen {
                "frozen"
            } else {
                "idle or between tasks"
            };
            format!("{}: {words} at {}", this.label, time_text(t_ns))
        }
        (LaneKind::Primitive(p), _) => {
            let info = trace.primitives.get(p as usize)?;
            let sample = primitives::sample_at(trace, model, lane, t_ns);
            let waiting = sample
                .map(|s| primitives::waiter_names(trace, model, s))
                .unwrap_or_default();
            let waiting = if waiting.is_empty() {
                String::new()
            } else {
                format!("; waiting: {}", waiting.join(", "))
            };
            format!(
                "{} ({}): {} at {}{waiting}",
                this.label,
                primitives::kind_label(info),
                primitives::describe(model, info, sample),
                time_text(t_ns)
            )
        }
    };
    Some(text)
}

fn waiters(n: u32, what: &str) -> String {
    match n {
        0 => String::new(),
        1 => format!("; 1 thread {what}"),
        n => format!("; {n} threads {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::geometry::AXIS_HEIGHT;
    use crate::timeline::model::tests::two_thread_trace;

    #[test]
    fn lanes_by_height() {
        let model = TimelineModel::new(&two_thread_trace());
        assert_eq!(lane_at_y(&model, 0.0), None, "the axis");
        assert_eq!(lane_at_y(&model, AXIS_HEIGHT + 1.0), Some(0));
        assert_eq!(lane_at_y(&model, AXIS_HEIGHT + LANE_HEIGHT * 2.5), Some(2));
        assert_eq!(lane_at_y(&model, AXIS_HEIGHT + LANE_HEIGHT * 3.5), None);
    }

    #[test]
    fn sentences() {
        let trace = two_thread_trace();
        let model = TimelineModel::new(&trace);
        assert_eq!(
            describe(&trace, &model, 2, 5_000).as_deref(),
            Some("Thread-1 (work): sleeping (time.sleep), 2 µs – 8 µs, line 1")
        );
        assert_eq!(
            describe(&trace, &model, 0, 1_500).as_deref(),
            Some("GIL: held by Thread-1 (work), 1 µs – 2 µs")
        );
        assert_eq!(
            describe(&trace, &model, 0, 8_600).as_deref(),
            Some("GIL: held by Thread-1 (work), 8.5 µs – 9 µs")
        );
        assert_eq!(
            describe(&trace, &model, 0, 8_200).as_deref(),
            Some("GIL: free at 8.2 µs")
        );
        assert_eq!(
            describe(&trace, &model, 2, 500).as_deref(),
            Some("Thread-1 (work): not started at 500 ns")
        );
        assert_eq!(
            describe(&trace, &model, 2, 9_500).as_deref(),
            Some("Thread-1 (work): finished from 9 µs")
        );
        assert_eq!(describe(&trace, &model, 5, 0), None);
    }
}
