//! Everything the canvas draws for one model, one width and one time window, except the
//! cursor: recomputed when any of the three changes. Its cost follows the pixels (each lane's
//! level of detail, counts sampled per column, arrows only when few enough to read), not the
//! size of the trace.

use super::arrows::{arrows_in, Arrow};
use super::axis::{axis_ticks, Tick};
use super::geometry::{Scale, PLOT_LEFT, PLOT_RIGHT};
use super::model::TimelineModel;
use super::rects::{tick_xs, Rect};
use super::viewport::Viewport;

/// Tick labels are at least this far apart, in CSS pixels.
pub const TICK_SPACING_PX: f64 = 90.0;
/// Counts are sampled every this many CSS pixels.
const COUNT_COLUMN_PX: f64 = 2.0;
/// More arrows than this in the window and none are drawn ("zoom in to see arrows").
pub const MAX_ARROWS: usize = 400;

/// A run of equal count: x from, x to, the count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountRun {
    pub x0: f64,
    pub x1: f64,
    pub value: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LanePicture {
    pub rects: Vec<Rect>,
    pub tick_xs: Vec<f64>,
    pub counts: Vec<CountRun>,
    /// Alert stretches (frozen loop), as (x, width).
    pub alerts: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The canvas width (CSS pixels) this was computed for.
    pub css_width: f64,
    pub viewport: Viewport,
    pub scale: Scale,
    pub lanes: Vec<LanePicture>,
    /// The arrows to draw, or `None` when there are too many to read at this zoom.
    pub arrows: Option<Vec<Arrow>>,
    pub ticks: Vec<Tick>,
}

impl Picture {
    pub fn new(model: &TimelineModel, css_width: f64, viewport: Viewport) -> Picture {
        let (start, end) = viewport.window();
        let scale = Scale::new(start, end, PLOT_LEFT, css_width - PLOT_LEFT - PLOT_RIGHT);
        let lanes = model
            .lanes
            .iter()
            .map(|lane| LanePicture {
                rects: lane.spans.rects(&scale),
                tick_xs: tick_xs(&lane.ticks, &scale),
                counts: if lane.counts.is_empty() {
                    Vec::new()
                } else {
                    count_runs(&lane.counts, &scale)
                },
                alerts: lane
                    .alerts
                    .iter()
                    .filter(|(a, b)| *b > start && *a < end)
                    .map(|&(a, b)| {
                        let x0 = scale.x(a.max(start));
                        (x0, (scale.x(b.min(end)) - x0).max(1.0))
                    })
                    .collect(),
            })
            .collect();
        Picture {
            css_width,
            viewport,
            scale,
            lanes,
            arrows: arrows_in(
                &model.arrows,
                model.longest_arrow_ns,
                start,
                end,
                MAX_ARROWS,
            ),
            ticks: axis_ticks(&scale, TICK_SPACING_PX),
        }
    }
}

fn count_runs(counts: &super::counts::StepCounts, scale: &Scale) -> Vec<CountRun> {
    let mut columns = Vec::new();
    let mut x = scale.left;
    while x < scale.right() {
        let x1 = (x + COUNT_COLUMN_PX).min(scale.right());
        columns.push((x, x1));
        x = x1;
    }
    let values = counts.at_increasing(
        columns
            .iter()
            .map(|&(x0, x1)| scale.t((x0 + x1) / 2.0).max(0.0) as u64),
    );
    let mut runs: Vec<CountRun> = Vec::new();
    for (&(x0, x1), value) in columns.iter().zip(values) {
        match runs.last_mut() {
            Some(last) if last.value == value => last.x1 = x1,
            _ => runs.push(CountRun { x0, x1, value }),
        }
    }
    runs.retain(|r| r.value > 0);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::tests::two_thread_trace;
    use crate::timeline::model::{Fill, StateKind};

    #[test]
    fn two_thread_trace_at_1000_px() {
        let model = TimelineModel::new(&two_thread_trace());
        let picture = Picture::new(&model, 1_000.0, Viewport::fit(model.end_ns));
        let plot = 1_000.0 - PLOT_LEFT - PLOT_RIGHT;
        assert_eq!(picture.lanes.len(), 3);
        // GIL: holder 0, 1, 0, then a gap, 1, 0.
        let gil: Vec<Fill> = picture.lanes[0].rects.iter().map(|r| r.fill).collect();
        assert_eq!(
            gil,
            [
                Fill::Holder(0),
                Fill::Holder(1),
                Fill::Holder(0),
                Fill::Holder(1),
                Fill::Holder(0)
            ]
        );
        // Thread 1 starts at 10% of the run, so its first rectangle starts there.
        let first = picture.lanes[2].rects[0];
        assert!((first.x - (PLOT_LEFT + plot * 0.1)).abs() < 1e-9);
        assert_eq!(first.fill, Fill::State(StateKind::Running));
        let last_main = picture.lanes[1].rects.last().unwrap();
        assert!((last_main.right() - (PLOT_LEFT + plot)).abs() < 1e-9);
        assert_eq!(picture.lanes[0].tick_xs, [PLOT_LEFT + plot * 0.15]);
        assert_eq!(picture.ticks.first().map(|t| t.t_ns), Some(0));
        // One thread waits for the GIL from 8,000 to 8,500 ns.
        let waits = &picture.lanes[0].counts;
        assert_eq!(waits.len(), 1);
        assert!((waits[0].x0 - (PLOT_LEFT + plot * 0.8)).abs() <= 2.0);
        assert!(picture.arrows.as_ref().is_some_and(|a| a.len() == 2));
    }

    #[test]
    fn zoomed_in_shows_only_the_window() {
        let model = TimelineModel::new(&two_thread_trace());
        let mut viewport = Viewport::fit(model.end_ns);
        viewport.zoom(5.0, 0.5); // 4,000 – 6,000 ns: thread 1 sleeps, main waits to join
        let picture = Picture::new(&model, 1_000.0, viewport);
        assert_eq!(picture.scale.start_ns, 4_000);
        assert!(picture.lanes[0].rects.is_empty(), "nobody holds the GIL");
        assert_eq!(picture.lanes[2].rects.len(), 1);
        assert_eq!(
            picture.lanes[2].rects[0].fill,
            Fill::State(StateKind::Sleeping)
        );
        assert!(picture.arrows.as_ref().is_some_and(|a| a.is_empty()));
    }
}
