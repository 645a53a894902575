//! The visible time window: zoom around a point, pan, fit everything, follow the cursor.
//! Kept in fractional nanoseconds so repeated zooming stays smooth; never narrower than
//! [`MIN_SPAN_NS`] and never outside the trace.

/// The narrowest window: 100 ns across the whole plot.
pub const MIN_SPAN_NS: f64 = 100.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub start_ns: f64,
    pub end_ns: f64,
    /// The trace's end: the window stays inside `[0, total_ns]`.
    pub total_ns: f64,
}

impl Viewport {
    /// The whole trace.
    pub fn fit(total_ns: u64) -> Viewport {
        let total = (total_ns as f64).max(1.0);
        Viewport {
            start_ns: 0.0,
            end_ns: total,
            total_ns: total,
        }
    }

    pub fn span_ns(&self) -> f64 {
        self.end_ns - self.start_ns
    }

    pub fn is_fit(&self) -> bool {
        self.start_ns <= 0.0 && self.end_ns >= self.total_ns
    }

    /// The window as whole nanoseconds, for drawing.
    pub fn window(&self) -> (u64, u64) {
        (
            self.start_ns.floor().max(0.0) as u64,
            self.end_ns.ceil().max(1.0) as u64,
        )
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the time at `anchor` (0 = left edge, 1 =
    /// right edge of the plot) where it is.
    pub fn zoom(&mut self, factor: f64, anchor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let anchor = anchor.clamp(0.0, 1.0);
        let at = self.start_ns + anchor * self.span_ns();
        let span = (self.span_ns() / factor).clamp(MIN_SPAN_NS.min(self.total_ns), self.total_ns);
        self.start_ns = at - anchor * span;
        self.end_ns = self.start_ns + span;
        self.clamp();
    }

    /// Moves the window by `fraction` of its width (positive: later).
    pub fn pan(&mut self, fraction: f64) {
        let shift = fraction * self.span_ns();
        self.start_ns += shift;
        self.end_ns += shift;
        self.clamp();
    }

    /// Keeps `t_ns` visible, paging the window forward or back when it leaves it.
    pub fn follow(&mut self, t_ns: u64) {
        let t = t_ns as f64;
        if t < self.start_ns || t > self.end_ns {
            let span = self.span_ns();
            self.start_ns = t - span * 0.1;
            self.end_ns = self.start_ns + span;
            self.clamp();
        }
    }

    fn clamp(&mut self) {
        let span = self.span_ns().min(self.total_ns);
        if self.start_ns < 0.0 {
            self.start_ns = 0.0;
        }
        if self.start_ns + span > self.total_ns {
            self.start_ns = self.total_ns - span;
        }
        self.end_ns = self.start_ns + span;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_anchor_in_place_and_stays_inside() {
        let mut v = Viewport::fit(1_000_000);
        v.zoom(4.0, 0.5);
        assert_eq!((v.start_ns, v.end_ns), (375_000.0, 625_000.0));
        v.zoom(0.01, 0.5);
        assert!(v.is_fit(), "zooming out stops at the whole trace");
        v.zoom(2.0, 0.0);
        assert_eq!(v.start_ns, 0.0);
        v.zoom(1e12, 0.3);
        assert!((v.span_ns() - MIN_SPAN_NS).abs() < 1e-6);
    }

    #[test]
    fn pan_stops_at_the_ends() {
        let mut v = Viewport::fit(1_000);
        v.zoom(2.0, 0.0);
        v.pan(0.5);
        assert_eq!((v.start_ns, v.end_ns), (250.0, 750.0));
        v.pan(10.0);
        assert_eq!((v.start_ns, v.end_ns), (500.0, 1_000.0));
        v.pan(-10.0);
        assert_eq!(v.start_ns, 0.0);
    }

    #[test]
    fn follow_pages_to_the_cursor() {
        let mut v = Viewport::fit(10_000);
        v.zoom(10.0, 0.0);
        v.follow(500);
        assert_eq!(v.start_ns, 0.0);
        v.follow(5_000);
        assert!(v.start_ns <= 5_000.0 && 5_000.0 <= v.end_ns);
        assert_eq!(v.window(), (4_900, 5_900));
    }

    #[test]
    fn tiny_traces_do_not_break() {
        let mut v = Viewport::fit(0);
        v.zoom(10.0, 0.5);
        v.pan(1.0);
        assert_eq!(v.window(), (0, 1));
    }
}
