//! Lane spans → pixel rectangles for one time window and width.
//!
//! Spans at least [`MIN_PX`] wide become their own rectangle. Runs of narrower spans are merged
//! into groups about half a pixel to a pixel wide, coloured by whichever fill covers the most
//! time in the group; adjacent rectangles of the same fill are joined. So a lane never yields
//! more than about two rectangles per pixel, however many slices the trace has.

use super::geometry::Scale;
use super::model::{Fill, Span};

/// Narrower than this (CSS pixels) and a span is merged with its neighbours.
pub const MIN_PX: f64 = 0.5;

/// A rectangle of one lane: x and width in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub w: f64,
    pub fill: Fill,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
}

/// Distinct fills a merged group keeps count of (more are rare in one pixel, and then the
/// extra ones are left out of the vote).
const GROUP_FILLS: usize = 6;

/// A run of narrow spans being merged. The weights live inline: groups are made for nearly
/// every pixel of a busy lane, every frame, so they must not allocate.
struct Group {
    x0: f64,
    x1: f64,
    /// Time covered per fill, in order of first appearance.
    weights: [(Fill, u64); GROUP_FILLS],
    len: usize,
}

impl Group {
    fn new(x0: f64, x1: f64, fill: Fill, ns: u64) -> Group {
        Group {
            x0,
            x1,
            weights: [(fill, ns); GROUP_FILLS],
            len: 1,
        }
    }

    fn add(&mut self, x1: f64, fill: Fill, ns: u64) {
        self.x1 = x1;
        match self.weights[..self.len]
            .iter_mut()
            .find(|(f, _)| *f == fill)
        {
            Some((_, total)) => *total += ns,
            None if self.len < GROUP_FILLS => {
                self.weights[self.len] = (fill, ns);
                self.len += 1;
            }
            None => {}
        }
    }

    fn finish(self) -> Rect {
        // The first of the heaviest fills wins ties, so results do not depend on hashing.
        let mut best = self.weights[0];
        for &(fill, ns) in &self.weights[1..self.len] {
            if ns > best.1 {
                best = (fill, ns);
            }
        }
        Rect {
            x: self.x0,
            w: self.x1 - self.x0,
            fill: best.0,
        }
    }
}

/// Appends `rect`, joining it to the previous one when they touch and share a fill.
fn push(out: &mut Vec<Rect>, rect: Rect) {
    if let Some(last) = out.last_mut() {
        if last.fill == rect.fill && rect.x - last.right() <= 1e-6 {
            last.w = rect.right() - last.x;
            return;
        }
    }
    out.push(rect);
}

/// The rectangles of one lane's `spans` (ordered, non-overlapping) inside `scale`'s window.
pub fn lane_rects(spans: &[Span], scale: &Scale) -> Vec<Rect> {
    let first = spans.partition_point(|s| s.end_ns <= scale.start_ns);
    let items = spans[first..].iter().map(|s| (*s, s.end_ns - s.start_ns));
    rects_from(items, scale).0
}

/// The loop of [`lane_rects`] over `(span, weight)` items, which must not end before the
/// window starts (they may start before it); also returns how many items it took.
///
/// A narrow span adds its weight (ns), not its length, to its group's fill: a level of detail
/// ([`super::lod::LodLane`]) hands in merged spans whose fill only really covers part of them.
/// A span clipped by the window counts the clipped share of its weight. With each span's
/// length as its weight this is exactly [`lane_rects`].
pub(crate) fn rects_from(
    items: impl Iterator<Item = (Span, u64)>,
    scale: &Scale,
) -> (Vec<Rect>, usize) {
    let mut out = Vec::new();
    let mut group: Option<Group> = None;
    let mut visited = 0;
    for (span, weight) in items {
        if span.start_ns >= scale.end_ns {
            break;
        }
        visited += 1;
        let start = span.start_ns.max(scale.start_ns);
        let end = span.end_ns.min(scale.end_ns);
        let (x0, x1) = (scale.x(start), scale.x(end));
        if x1 - x0 >= MIN_PX {
            if let Some(g) = group.take() {
                push(&mut out, g.finish());
            }
            push(
                &mut out,
                Rect {
                    x: x0,
                    w: x1 - x0,
                    fill: span.fill,
                },
            );
            continue;
        }
        let len = span.end_ns - span.start_ns;
        let ns = if end - start == len {
            weight
        } else {
            (u128::from(weight) * u128::from(end - start) / u128::from(len)) as u64
        };
        match &mut group {
            Some(g) if g.x1 - g.x0 < MIN_PX && x0 - g.x1 < MIN_PX => g.add(x1, span.fill, ns),
            _ => {
                if let Some(g) = group.take() {
                    push(&mut out, g.finish());
                }
                group = Some(Group::new(x0, x1, span.fill, ns));
            }
        }
    }
    if let Some(g) = group {
        push(&mut out, g.finish());
    }
    (out, visited)
}

/// x positions of instantaneous events (ordered times) inside the window, at most one per
/// pixel.
///
/// Costs O(ticks drawn · log N), not O(events in the window): after placing a tick at x it
/// binary-searches for the first event at least a pixel further right instead of scanning the
/// events in between. (The search tests `scale.x(t) - x < 1.0`, the very test the scan made,
/// which is monotonic in `t`, so the result is the scan's.)
pub fn tick_xs(times_ns: &[u64], scale: &Scale) -> Vec<f64> {
    tick_xs_counted(times_ns, scale).0
}

/// [`tick_xs`] and how many times it compared (binary-search probes included).
pub(crate) fn tick_xs_counted(times_ns: &[u64], scale: &Scale) -> (Vec<f64>, usize) {
    let mut probes = 0;
    let mut i = times_ns.partition_point(|&t| t < scale.start_ns);
    let mut out: Vec<f64> = Vec::new();
    while let Some(&t) = times_ns.get(i) {
        probes += 1;
        if t > scale.end_ns {
            break;
        }
        let x = scale.x(t);
        out.push(x);
        let rest = &times_ns[i + 1..];
        i += 1 + rest.partition_point(|&t| {
            probes += 1;
            scale.x(t) - x < 1.0
        });
    }
    (out, probes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::StateKind;

    const RUN: Fill = Fill::State(StateKind::Running);
    const WAIT: Fill = Fill::State(StateKind::WaitingForGil);
    const SLEEP: Fill = Fill::State(StateKind::Sleeping);

    fn span(start_ns: u64, end_ns: u64, fill: Fill) -> Span {
        Span::new(start_ns, end_ns, fill)
    }

    #[test]
    fn wide_spans_map_one_to_one() {
        let spans = [
            span(0, 100, RUN),
            span(100, 400, SLEEP),
            span(600, 1_000, WAIT),
        ];
        let rects = lane_rects(&spans, &Scale::new(0, 1_000, 10.0, 100.0));
        assert_eq!(
            rects,
            [
                Rect {
                    x: 10.0,
                    w: 10.0,
                    fill: RUN
                },
                Rect {
                    x: 20.0,
                    w: 30.0,
                    fill: SLEEP
                },
                Rect {
                    x: 70.0,
                    w: 40.0,
                    fill: WAIT
                },
            ]
        );
    }

    #[test]
    fn spans_are_clipped_to_the_window() {
        let spans = [
            span(0, 100, RUN),
            span(100, 400, SLEEP),
            span(600, 1_000, WAIT),
        ];
        let rects = lane_rects(&spans, &Scale::new(200, 700, 0.0, 500.0));
        assert_eq!(
            rects,
            [
                Rect {
                    x: 0.0,
                    w: 200.0,
                    fill: SLEEP
                },
                Rect {
                    x: 400.0,
                    w: 100.0,
                    fill: WAIT
                }
            ]
        );
        assert!(lane_rects(&spans, &Scale::new(2_000, 3_000, 0.0, 100.0)).is_empty());
    }

    #[test]
    fn touching_rects_of_one_fill_are_joined() {
        let spans = [span(0, 100, RUN), span(100, 200, RUN), span(300, 400, RUN)];
        let rects = lane_rects(&spans, &Scale::new(0, 400, 0.0, 400.0));
        assert_eq!(
            rects,
            [
                Rect {
                    x: 0.0,
                    w: 200.0,
                    fill: RUN
                },
                Rect {
                    x: 300.0,
                    w: 100.0,
                    fill: RUN
                }
            ]
        );
    }

    #[test]
    fn narrow_runs_merge_into_dominant_fill() {
        // 0.1 px per span: three running (0.3 px) then one waiting, alternating groups.
        let spans: Vec<Span> = (0..8)
            .map(|i| span(i, i + 1, if i % 4 == 3 { WAIT } else { RUN }))
            .collect();
        let rects = lane_rects(&spans, &Scale::new(0, 10, 0.0, 1.0));
        assert_eq!(rects.len(), 1, "{rects:?}");
        assert_eq!(rects[0].fill, RUN);
        assert!((rects[0].x - 0.0).abs() < 1e-9 && (rects[0].right() - 0.8).abs() < 1e-9);
    }

    #[test]
    fn narrow_group_wins_by_time_not_count() {
        // Within one half pixel: a short run, then a long wait.
        let spans = [span(0, 1, RUN), span(1, 2, RUN), span(2, 5, WAIT)];
        let rects = lane_rects(&spans, &Scale::new(0, 100, 0.0, 10.0));
        assert_eq!(rects.len(), 1);
        assert_eq!(rects[0].fill, WAIT);
    }

    #[test]
    fn a_million_slices_stay_within_two_rects_per_pixel() {
        let spans: Vec<Span> = (0..1_000_000u64)
            .map(|i| span(i * 10, i * 10 + 10, if i % 2 == 0 { RUN } else { WAIT }))
            .collect();
        let width = 800.0;
        let rects = lane_rects(&spans, &Scale::new(0, 10_000_000, 0.0, width));
        assert!(rects.len() <= 2 * width as usize, "{} rects", rects.len());
        assert!((rects.first().unwrap().x).abs() < 1e-9);
        assert!((rects.last().unwrap().right() - width).abs() < 1e-6);
        for pair in rects.windows(2) {
            assert!(pair[0].right() <= pair[1].x + 1e-9, "ordered and disjoint");
        }
    }

    #[test]
    fn isolated_narrow_span_is_kept() {
        let spans = [
            span(0, 500, RUN),
            span(500, 501, WAIT),
            span(501, 1_000, RUN),
        ];
        let rects = lane_rects(&spans, &Scale::new(0, 1_000, 0.0, 100.0));
        assert_eq!(rects.len(), 3);
        assert_eq!(rects[1].fill, WAIT);
        assert!(rects[1].w < MIN_PX);
    }

    #[test]
    fn narrow_spans_across_a_gap_are_not_merged() {
        let spans = [span(0, 1, RUN), span(500, 501, WAIT)];
        let rects = lane_rects(&spans, &Scale::new(0, 1_000, 0.0, 100.0));
        assert_eq!(rects.len(), 2);
    }

    #[test]
    fn ticks_are_deduplicated_per_pixel_and_clipped() {
        let times = [5, 10, 11, 12, 50, 300];
        let xs = tick_xs(&times, &Scale::new(10, 100, 0.0, 45.0));
        assert_eq!(xs, [0.0, 1.0, 20.0]);
    }

    /// The scan `tick_xs` used to be, kept as the reference.
    fn tick_xs_by_scan(times_ns: &[u64], scale: &Scale) -> Vec<f64> {
        let first = times_ns.partition_point(|&t| t < scale.start_ns);
        let mut out: Vec<f64> = Vec::new();
        for &t in &times_ns[first..] {
            if t > scale.end_ns {
                break;
            }
            let x = scale.x(t);
            if out.last().is_none_or(|&last| x - last >= 1.0) {
                out.push(x);
            }
        }
        out
    }

    #[test]
    fn ticks_match_the_scan_and_cost_follows_pixels() {
        // A million events, clustered: bursts of 1 ns spacing between long quiet stretches.
        let mut times = Vec::new();
        let mut t = 0u64;
        for i in 0..1_000_000u64 {
            t += if i % 1_000 == 0 { 1_000_000 } else { 1 + i % 7 };
            times.push(t);
        }
        let end = t + 1;
        let windows = [
            (0, end, 1_600.0),
            (0, end / 3, 800.0),
            (end / 2, end / 2 + 5_000_000, 1_200.0),
            (1_000_000, 1_004_000, 1_000.0),
            (end - 10, end + 10, 50.0),
        ];
        for (start, stop, width) in windows {
            let scale = Scale::new(start, stop, 10.0, width);
            let (xs, probes) = tick_xs_counted(&times, &scale);
            assert_eq!(xs, tick_xs_by_scan(&times, &scale), "{start}..{stop}");
            assert!(xs.len() <= width as usize + 1);
            // One probe per tick plus a binary search (≤ 21 probes for 10⁶ events) after each.
            assert!(
                probes <= 22 * (xs.len() + 1),
                "{probes} probes for {} ticks",
                xs.len()
            );
        }
    }
}
