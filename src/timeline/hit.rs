//! What is under the pointer: the lane at a y, and a sentence describing a lane at a time
//! (the timeline's tooltip).

use super::geometry::{lane_top, LANE_HEIGHT};
use super::model::{Fill, LaneKind, TimelineModel};
use crate::format::group_thousands;

/// The lane at `y` (CSS pixels from the canvas top), if any.
pub fn lane_at_y(model: &TimelineModel, y: f64) -> Option<usize> {
    let first = lane_top(0);
    if y < first {
        return None;
    }
    let index = ((y - first) / LANE_HEIGHT) as usize;
    (index < model.lanes.len()).then_some(index)
}

/// `1_000_070_000` → `"1,000.070 ms"` (microsecond resolution).
pub fn ms_text(t_ns: u64) -> String {
    format!(
        "{}.{:03} ms",
        group_thousands(t_ns / 1_000_000),
        (t_ns % 1_000_000) / 1_000
    )
}

/// E.g. "Thread-1 (work): sleeping, 2.000–8.000 ms" or "GIL: held by MainThread, …".
pub fn describe(model: &TimelineModel, lane: usize, t_ns: u64) -> Option<String> {
    let this = model.lanes.get(lane)?;
    let span = model.span_at(lane, t_ns);
    let what = match (this.kind, span.map(|s| s.fill)) {
        (LaneKind::Gil, Some(Fill::Holder(holder))) => {
            let name = model
                .lanes
                .get(1 + holder as usize)
                .map_or("?", |l| l.label.as_str());
            format!("held by {name}")
        }
        (LaneKind::Gil, _) => return Some(format!("GIL: free at {}", ms_text(t_ns))),
        (LaneKind::Thread(_), Some(Fill::State(state))) => state.label().to_string(),
        (LaneKind::Thread(_), _) => {
            let started = this.spans.first().is_some_and(|s| s.start_ns <= t_ns);
            let words = if started { "finished" } else { "not started" };
            return Some(format!("{}: {words} at {}", this.label, ms_text(t_ns)));
        }
    };
    let span = span?;
    let (start, end) = (ms_text(span.start_ns), ms_text(span.end_ns));
    Some(format!("{}: {what}, {start} – {end}", this.label))
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
        let model = TimelineModel::new(&two_thread_trace());
        assert_eq!(ms_text(1_000_070_000), "1,000.070 ms");
        assert_eq!(
            describe(&model, 2, 5_000).as_deref(),
            Some("Thread-1 (work): sleeping, 0.002 ms – 0.008 ms")
        );
        assert_eq!(
            describe(&model, 0, 1_500).as_deref(),
            Some("GIL: held by Thread-1 (work), 0.001 ms – 0.002 ms")
        );
        assert_eq!(
            describe(&model, 0, 5_000).as_deref(),
            Some("GIL: free at 0.005 ms")
        );
        assert_eq!(
            describe(&model, 2, 500).as_deref(),
            Some("Thread-1 (work): not started at 0.000 ms")
        );
        assert_eq!(
            describe(&model, 2, 9_500).as_deref(),
            Some("Thread-1 (work): finished at 0.009 ms")
        );
        assert_eq!(describe(&model, 5, 0), None);
    }
}
