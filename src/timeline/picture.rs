//! Everything the canvas draws for one model at one width, except the cursor: computed once
//! per (trace, width) and redrawn every animation frame.

use super::axis::{axis_ticks, Tick};
use super::geometry::Scale;
use super::model::TimelineModel;
use super::rects::{lane_rects, tick_xs, Rect};

/// Tick labels are at least this far apart, in CSS pixels.
pub const TICK_SPACING_PX: f64 = 90.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The canvas width (CSS pixels) this was computed for.
    pub css_width: f64,
    pub scale: Scale,
    /// Rectangles per lane, in lane order.
    pub lanes: Vec<Vec<Rect>>,
    /// x of each GIL drop request (at most one per pixel).
    pub drop_request_xs: Vec<f64>,
    pub ticks: Vec<Tick>,
}

impl Picture {
    pub fn new(model: &TimelineModel, css_width: f64) -> Picture {
        let scale = Scale::for_canvas(model.end_ns, css_width);
        Picture {
            css_width,
            scale,
            lanes: model
                .lanes
                .iter()
                .map(|lane| lane_rects(&lane.spans, &scale))
                .collect(),
            drop_request_xs: tick_xs(&model.drop_requests_ns, &scale),
            ticks: axis_ticks(&scale, TICK_SPACING_PX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::geometry::{PLOT_LEFT, PLOT_RIGHT};
    use crate::timeline::model::tests::two_thread_trace;
    use crate::timeline::model::{Fill, StateKind};

    #[test]
    fn two_thread_trace_at_1000_px() {
        let model = TimelineModel::new(&two_thread_trace());
        let picture = Picture::new(&model, 1_000.0);
        let plot = 1_000.0 - PLOT_LEFT - PLOT_RIGHT;
        assert_eq!(picture.lanes.len(), 3);
        // GIL: holder 0, 1, 0, then a gap, 1, 0.
        let gil: Vec<Fill> = picture.lanes[0].iter().map(|r| r.fill).collect();
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
        let first = picture.lanes[2][0];
        assert!((first.x - (PLOT_LEFT + plot * 0.1)).abs() < 1e-9);
        assert_eq!(first.fill, Fill::State(StateKind::Running));
        let last_main = picture.lanes[1].last().unwrap();
        assert!((last_main.right() - (PLOT_LEFT + plot)).abs() < 1e-9);
        assert_eq!(picture.drop_request_xs, [PLOT_LEFT + plot * 0.15]);
        assert_eq!(picture.ticks.first().map(|t| t.t_ns), Some(0));
    }
}
