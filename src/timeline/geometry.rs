//! Where things go: the vertical layout of the timeline (shared by the canvas and the
//! `<ol id="lanes">` labels, so they line up) and the time ↔ x mapping.

use super::model::LaneKind;

/// Height of the time axis strip above the lanes, in CSS pixels.
pub const AXIS_HEIGHT: f64 = 26.0;
/// Height of one lane, in CSS pixels (the lane labels use the same).
pub const LANE_HEIGHT: f64 = 30.0;
/// Space under the last lane.
pub const BOTTOM_PAD: f64 = 6.0;
/// Inset of the plot from the canvas's left edge.
pub const PLOT_LEFT: f64 = 10.0;
/// Inset of the plot from the canvas's right edge (room for the last tick label).
pub const PLOT_RIGHT: f64 = 28.0;

/// The canvas height, in CSS pixels, for `lanes` lanes.
pub fn canvas_height(lanes: usize) -> f64 {
    AXIS_HEIGHT + LANE_HEIGHT * lanes as f64 + BOTTOM_PAD
}

/// Top of lane `index` (0 is the GIL lane).
pub fn lane_top(index: usize) -> f64 {
    AXIS_HEIGHT + LANE_HEIGHT * index as f64
}

/// The coloured bar inside lane `index` of `kind`: (top, height). GIL lanes' bars are
/// thinner, leaving room above them for the drop-request ticks; every lane keeps room under
/// its bar for its count strip.
pub fn bar(kind: LaneKind, index: usize) -> (f64, f64) {
    let top = lane_top(index);
    match kind {
        LaneKind::Gil(_) => (top + 9.0, LANE_HEIGHT - 16.0),
        LaneKind::Process(_) => (top, 0.0),
        _ => (top + 4.0, LANE_HEIGHT - 11.0),
    }
}

/// The "finished" band of a thread lane: a thin line through the bar's middle.
pub fn finished_band(index: usize) -> (f64, f64) {
    let (top, height) = bar(LaneKind::Thread(0), index);
    (top + height / 2.0 - 1.0, 2.0)
}

/// The drop-request ticks of a GIL lane: (top, height).
pub fn drop_tick(index: usize) -> (f64, f64) {
    (lane_top(index) + 2.0, 6.0)
}

/// The count strip at the bottom of a lane: (top, height).
pub fn count_strip(index: usize) -> (f64, f64) {
    (lane_top(index) + LANE_HEIGHT - 6.0, 4.0)
}

/// The vertical middle of a lane (where arrows start and end).
pub fn lane_middle(index: usize) -> f64 {
    lane_top(index) + LANE_HEIGHT / 2.0
}

/// Maps virtual time to x for a window `[start_ns, end_ns)` drawn `width` pixels wide from
/// `left`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub start_ns: u64,
    pub end_ns: u64,
    pub left: f64,
    pub width: f64,
}

impl Scale {
    /// A window; an empty one is widened to 1 ns so the mapping stays finite.
    pub fn new(start_ns: u64, end_ns: u64, left: f64, width: f64) -> Scale {
        Scale {
            start_ns,
            end_ns: end_ns.max(start_ns + 1),
            left,
            width: width.max(0.0),
        }
    }

    /// The whole of a canvas `canvas_width` CSS pixels wide showing `[0, end_ns)`.
    pub fn for_canvas(end_ns: u64, canvas_width: f64) -> Scale {
        Scale::new(0, end_ns, PLOT_LEFT, canvas_width - PLOT_LEFT - PLOT_RIGHT)
    }

    pub fn span_ns(&self) -> u64 {
        self.end_ns - self.start_ns
    }

    pub fn px_per_ns(&self) -> f64 {
        self.width / self.span_ns() as f64
    }

    pub fn x(&self, t_ns: u64) -> f64 {
        self.left + (t_ns as f64 - self.start_ns as f64) * self.px_per_ns()
    }

    pub fn t(&self, x: f64) -> f64 {
        self.start_ns as f64 + (x - self.left) / self.px_per_ns()
    }

    pub fn right(&self) -> f64 {
        self.left + self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_stack_under_the_axis() {
        assert_eq!(lane_top(0), AXIS_HEIGHT);
        assert_eq!(lane_top(2), AXIS_HEIGHT + 2.0 * LANE_HEIGHT);
        assert_eq!(canvas_height(3), lane_top(3) + BOTTOM_PAD);
        for (i, kind) in [
            LaneKind::Gil(0),
            LaneKind::Thread(0),
            LaneKind::Primitive(1),
        ]
        .into_iter()
        .enumerate()
        {
            let (top, h) = bar(kind, i);
            assert!(top > lane_top(i) && top + h < count_strip(i).0);
            assert!(count_strip(i).0 + count_strip(i).1 < lane_top(i + 1));
        }
        let (tick_top, tick_h) = drop_tick(0);
        assert!(tick_top + tick_h <= bar(LaneKind::Gil(0), 0).0);
    }

    #[test]
    fn scale_maps_both_ways() {
        let s = Scale::new(1_000, 3_000, 10.0, 200.0);
        assert_eq!(s.x(1_000), 10.0);
        assert_eq!(s.x(2_000), 110.0);
        assert_eq!(s.x(3_000), 210.0);
        assert_eq!(s.t(110.0), 2_000.0);
        assert_eq!(s.right(), 210.0);
    }

    #[test]
    fn empty_window_stays_finite() {
        let s = Scale::for_canvas(0, 100.0);
        assert_eq!(s.span_ns(), 1);
        assert!(s.x(0).is_finite());
        let narrow = Scale::for_canvas(10, 5.0);
        assert_eq!(narrow.width, 0.0);
        assert_eq!(narrow.x(10), PLOT_LEFT);
    }
}
