//! Level of detail for one lane: a mipmap of its spans, built once, so that drawing a window
//! costs about the number of pixels, not the number of spans in it.
//!
//! [`LodLane`] owns a lane's raw spans (level 0: hit testing, close-up views) and a few
//! coarser *levels*. The level of grid `2^j` ns is built from the last stored level:
//!
//! - a span at least one cell long is kept as it is (exact ends, exact fill);
//! - consecutive shorter spans that start in the same cell collapse into one span from the
//!   first one's start to the last one's end, coloured by the fill with the most weight among
//!   them (ties: the first to appear).
//!
//! A level stores only its merged spans, each with the range of raw spans it replaces; the
//! spans it keeps are read from the raw spans. So a lane of long spans with a dense burst
//! pays memory for the burst's merges, not for a copy of the long spans per level.
//!
//! **Coverage rule.** A level covers no time that no span of the finer level touches, except
//! gaps shorter than a cell between short spans starting in the same cell (bridged, as
//! [`lane_rects`](super::rects::lane_rects) bridges gaps shorter than half a pixel inside its
//! groups). So a gap of at least a cell (a thread not started yet, or finished) stays exactly
//! where it was, and a lone short span (a 20 µs run in a long sleep) is not swallowed by its
//! long neighbours: it stays a span of its own, which `lane_rects` keeps and the canvas draws
//! a pixel wide, as it does from the raw spans. Nothing is snapped to the grid (kept spans'
//! ends are exact), so every level is ordered and disjoint.
//!
//! **Weights.** Each span of a level carries the time (ns) of the raw spans of its fill that
//! it stands for (a raw span: its length). A merge adds weights per fill, and
//! [`LodLane::rects`] hands them to `lane_rects`, so dominance is decided by raw time, not by
//! the lengths of merged spans. Only the winner's weight is carried on (the losers' time is
//! forgotten at each merge), so dominance is exact within one merge and approximate across
//! levels.
//!
//! **Which levels are stored.** Candidate grids double from 2 ns. A candidate is stored when
//! it has fewer spans than the last stored level and
//! (a) at most 3/4 as many, or
//! (b) at most [`STOP`] (then building stops), or
//! (c) the last stored level is crowded for the next candidate's grid `g`: skipping this
//!     candidate means views whose half pixel is just under `g` draw from the last stored
//!     level, so some interval of 256 such half pixels must not meet more than 1,024 of its
//!     spans (4 per half pixel).
//!
//! (a) alone counts spans over the whole lane, which misses a dense burst among long spans and
//! a lane whose span lengths range over many octaves; (c) catches both. Merged spans stored
//! over all levels stay under twice the raw count (a level of at most `STOP` spans is always
//! stored). Lanes of at most `STOP` spans have no levels. A candidate that cannot satisfy any
//! rule (judged from histograms of the last stored level) is not even built.
//!
//! **Which level draws.** [`LodLane::rects`] draws from the coarsest stored level whose grid
//! is at most one pixel (`1 / px_per_ns` ns), or from the raw spans when none is, with
//! `lane_rects`'s loop. A span at least a pixel long is longer than every grid used, so it
//! reaches that level unchanged and gets the rectangle the raw spans give it. By rule (c) the
//! level drawn from meets at most 1,024 spans per 256 half pixels (128 px), so a window `p`
//! pixels wide visits at most about `8p + 1024` spans (unless the memory budget refused a
//! level); its levels above and `STOP` below bound the rest.

use super::geometry::Scale;
use super::model::{Fill, Span};
use super::rects::{rects_from, Rect};

/// A level with at most this many spans is the last one built.
pub const STOP: usize = 256;
/// Rule (c) looks at stretches of this many half pixels (128 px: narrower canvases are cheap
/// anyway).
const STRETCH_HALF_PX: usize = 256;
/// Rule (c)'s density: spans per half pixel, on average over a stretch.
const DENSITY: usize = 4;
/// Rule (c): more than this many spans meeting a stretch is crowded.
const CROWD: usize = DENSITY * STRETCH_HALF_PX;
/// `log2(STRETCH_HALF_PX)`.
const STRETCH_SHIFT: u32 = STRETCH_HALF_PX.trailing_zeros();

/// A span of a level that replaces raw spans `first..end`.
#[derive(Clone, Copy, Debug)]
struct Merged {
    span: Span,
    /// Raw time (ns) of `span.fill` that it stands for.
    weight: u64,
    first: u32,
    end: u32,
}

/// One stored coarse level: its merged spans; every raw span outside them is kept.
#[derive(Clone, Debug)]
struct Level {
    /// Grid width, `2^shift` ns.
    shift: u32,
    merged: Vec<Merged>,
    /// Spans in the level, kept and merged.
    len: usize,
}

/// What drawing one window cost, for tests and measurements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RectStats {
    /// The level drawn from: 0 is the raw spans.
    pub level: usize,
    /// Its grid width in ns (0 for the raw spans).
    pub grid_ns: u64,
    /// Spans of that level iterated (after binary searches for the window's start).
    pub visited: usize,
}

/// A lane's spans and their levels of detail. See the module documentation.
#[derive(Clone, Debug)]
pub struct LodLane {
    spans: Vec<Span>,
    /// Finest first; grids strictly increasing.
    levels: Vec<Level>,
}

/// Two lanes are equal when their spans are (the levels follow from them).
impl PartialEq for LodLane {
    fn eq(&self, other: &Self) -> bool {
        self.spans == other.spans
    }
}

impl LodLane {
    /// Builds the levels for `spans` (ordered by start, non-overlapping, none empty, as
    /// [`super::Lane::spans`] promises). Each candidate grid that needs building costs one pass
    /// over the last stored level.
    pub fn new(spans: Vec<Span>) -> LodLane {
        let mut lane = LodLane {
            spans,
            levels: Vec::new(),
        };
        let n = lane.spans.len();
        if n <= STOP || n >= u32::MAX as usize {
            return lane;
        }
        let budget = 2 * n;
        let mut used = 0;
        let mut profile = Profile::of(lane.level_items(0, 0));
        for shift in 1..63u32 {
            let count = profile.count;
            let narrow = profile.narrower_than(shift);
            let pairs = profile.mergeable_pairs(shift);
            // Rule (c): if this candidate is not stored, views whose half pixel is just under
            // the next candidate's grid draw from the last stored level; crowded if some
            // stretch of STRETCH_HALF_PX such half pixels meets more than CROWD of its spans.
            let forced = profile.crowded_below(shift + 1 + STRETCH_SHIFT) > 0;
            // A merge takes a span shorter than the grid starting in the cell of the previous
            // one, also shorter: so few such pairs, few merges, and the candidate is not worth
            // building unless rule (c) wants it.
            let may_shrink = 4 * pairs >= count;
            let may_stop = count - pairs <= STOP;
            if narrow == 0 || !(may_shrink || forced || may_stop) {
                continue;
            }
            let last = lane.levels.len();
            let next = coarsen(lane.level_items(last, 0), shift);
            let last_level = next.len <= STOP;
            let store = next.len < count
                && (4 * next.len <= 3 * count || forced || last_level)
                && (used + next.merged.len() <= budget || last_level);
            if store {
                used += next.merged.len();
                lane.levels.push(next);
                if last_level {
                    break;
                }
                profile = Profile::of(lane.level_items(last + 1, 0));
            }
        }
        lane
    }

    /// The raw spans.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The raw span covering `t_ns`, if any (binary search).
    pub fn span_at(&self, t_ns: u64) -> Option<&Span> {
        let i = self.spans.partition_point(|s| s.end_ns <= t_ns);
        self.spans.get(i).filter(|s| s.start_ns <= t_ns)
    }

    /// Levels including the raw spans (level 0).
    pub fn level_count(&self) -> usize {
        1 + self.levels.len()
    }

    /// Grid width of `level` in ns (0 for the raw spans).
    pub fn grid_ns(&self, level: usize) -> u64 {
        match level {
            0 => 0,
            k => 1 << self.levels[k - 1].shift,
        }
    }

    /// Spans in `level` (kept and merged).
    pub fn level_len(&self, level: usize) -> usize {
        match level {
            0 => self.spans.len(),
            k => self.levels[k - 1].len,
        }
    }

    /// The spans of `level`, in order.
    pub fn level_spans(&self, level: usize) -> impl Iterator<Item = Span> + '_ {
        self.level_items(level, 0).map(|item| item.span)
    }

    /// Spans stored: the raw ones and every level's merged ones.
    pub fn stored_len(&self) -> usize {
        self.spans.len() + self.levels.iter().map(|l| l.merged.len()).sum::<usize>()
    }

    /// The level [`LodLane::rects`] draws `scale` from: the coarsest whose grid is at most half
    /// a pixel, 0 (raw) when none is.
    pub fn level_for(&self, scale: &Scale) -> usize {
        // A grid of up to one pixel: coarser levels halve the spans visited per frame, and a
        // span of a pixel or more still reaches the level unchanged.
        let grid_ns = 1.0 / scale.px_per_ns();
        self.levels
            .iter()
            .rposition(|l| (1u64 << l.shift) as f64 <= grid_ns)
            .map_or(0, |k| k + 1)
    }

    /// The lane's rectangles for `scale`: those of `lane_rects` over the raw spans, or over a
    /// level of detail when that is at most a pixel fine.
    pub fn rects(&self, scale: &Scale) -> Vec<Rect> {
        self.rects_with_stats(scale).0
    }

    /// [`LodLane::rects`] and what it cost.
    pub fn rects_with_stats(&self, scale: &Scale) -> (Vec<Rect>, RectStats) {
        let level = self.level_for(scale);
        let first = self.spans.partition_point(|s| s.end_ns <= scale.start_ns);
        let (rects, visited) = match level {
            0 => rects_from(
                self.spans[first..]
                    .iter()
                    .map(|s| (*s, s.end_ns - s.start_ns)),
                scale,
            ),
            k => rects_from(
                self.level_items(k, first)
                    .map(|item| (item.span, item.weight)),
                scale,
            ),
        };
        let stats = RectStats {
            level,
            grid_ns: self.grid_ns(level),
            visited,
        };
        (rects, stats)
    }

    /// The spans of `level` from the one holding raw span `raw` on.
    fn level_items(&self, level: usize, raw: usize) -> Items<'_> {
        let merged: &[Merged] = match level {
            0 => &[],
            k => &self.levels[k - 1].merged,
        };
        Items {
            raw: &self.spans,
            merged,
            r: raw,
            m: merged.partition_point(|g| (g.end as usize) <= raw),
        }
    }
}

/// A span of a level with its weight and the raw spans it covers.
#[derive(Clone, Copy, Debug)]
struct Item {
    span: Span,
    weight: u64,
    first: u32,
    end: u32,
    merged: bool,
}

/// Walks a level: its merged spans, and the raw spans between them.
struct Items<'a> {
    raw: &'a [Span],
    merged: &'a [Merged],
    /// Next raw span.
    r: usize,
    /// Next merged span.
    m: usize,
}

impl Iterator for Items<'_> {
    type Item = Item;

    #[inline]
    fn next(&mut self) -> Option<Item> {
        match self.merged.get(self.m) {
            Some(g) if g.first as usize <= self.r => {
                self.m += 1;
                self.r = g.end as usize;
                Some(Item {
                    span: g.span,
                    weight: g.weight,
                    first: g.first,
                    end: g.end,
                    merged: true,
                })
            }
            _ => {
                let span = *self.raw.get(self.r)?;
                self.r += 1;
                Some(Item {
                    span,
                    weight: span.end_ns.saturating_sub(span.start_ns),
                    first: self.r as u32 - 1,
                    end: self.r as u32,
                    merged: false,
                })
            }
        }
    }
}

/// `x < 2^j` ⇔ `bits(x) <= j`.
fn bits(x: u64) -> usize {
    (u64::BITS - x.leading_zeros()) as usize
}

/// What deciding on the next level needs to know about the last stored one.
struct Profile {
    count: usize,
    /// `narrower[j]`: spans shorter than `2^j` ns.
    narrower: [usize; 65],
    /// `pairs[j]`: spans `i > 0` shorter than `2^j` ns that start less than `2^j` ns after
    /// span `i - 1` starts (which is then shorter too): the merges a grid of `2^j` could make.
    pairs: [usize; 65],
    /// `crowded[j]`: spans `i` such that spans `i` to `i + CROWD` all meet some interval
    /// shorter than `2^j` ns (`start[i + CROWD] - end[i] < 2^j`).
    crowded: [usize; 65],
}

impl Profile {
    fn of(items: impl Iterator<Item = Item>) -> Profile {
        let mut narrower = [0; 65];
        let mut crowded = [0; 65];
        let mut pairs = [0; 65];
        let mut count = 0;
        let mut last_start = None;
        // Ends of the last CROWD spans, as a ring.
        let mut ends = vec![0u64; CROWD];
        for item in items {
            let s = item.span;
            let len = s.end_ns.saturating_sub(s.start_ns);
            narrower[bits(len)] += 1;
            if let Some(last_start) = last_start {
                pairs[bits(len.max(s.start_ns.saturating_sub(last_start)))] += 1;
            }
            last_start = Some(s.start_ns);
            if count >= CROWD {
                crowded[bits(s.start_ns.saturating_sub(ends[count % CROWD]))] += 1;
            }
            ends[count % CROWD] = s.end_ns;
            count += 1;
        }
        // Histograms by bit length → counts below each power of two.
        for j in 1..65 {
            narrower[j] += narrower[j - 1];
            crowded[j] += crowded[j - 1];
            pairs[j] += pairs[j - 1];
        }
        Profile {
            count,
            narrower,
            pairs,
            crowded,
        }
    }

    /// Spans shorter than `2^shift` ns.
    fn narrower_than(&self, shift: u32) -> usize {
        self.narrower[(shift as usize).min(64)]
    }

    /// Merges a grid of `2^shift` ns could make, at most.
    fn mergeable_pairs(&self, shift: u32) -> usize {
        self.pairs[(shift as usize).min(64)]
    }

    /// Spans starting a run of `CROWD + 1` that meet an interval shorter than `2^shift` ns.
    fn crowded_below(&self, shift: u32) -> usize {
        self.crowded[(shift as usize).min(64)]
    }
}

/// The level of grid `2^shift` ns over a finer level's spans.
fn coarsen(items: impl Iterator<Item = Item>, shift: u32) -> Level {
    let grid = 1u64 << shift;
    let narrow = |item: &Item| item.span.end_ns.saturating_sub(item.span.start_ns) < grid;
    let mut level = Level {
        shift,
        merged: Vec::new(),
        len: 0,
    };
    // Weight per fill of the run being merged, in order of first appearance.
    let mut totals: Vec<(Fill, u64)> = Vec::new();
    let mut items = items.peekable();
    while let Some(first) = items.next() {
        level.len += 1;
        let keep = |level: &mut Level, item: Item| {
            if item.merged {
                level.merged.push(Merged {
                    span: item.span,
                    weight: item.weight,
                    first: item.first,
                    end: item.end,
                });
            }
        };
        if !narrow(&first) {
            keep(&mut level, first);
            continue;
        }
        let cell = first.span.start_ns >> shift;
        let mut last = first;
        totals.clear();
        totals.push((first.span.fill, first.weight));
        while let Some(item) = items.next_if(|i| narrow(i) && i.span.start_ns >> shift == cell) {
            match totals.iter_mut().find(|(f, _)| *f == item.span.fill) {
                Some((_, total)) => *total += item.weight,
                None => totals.push((item.span.fill, item.weight)),
            }
            last = item;
        }
        if last.first == first.first {
            keep(&mut level, first);
            continue;
        }
        let mut best = totals[0];
        for &(fill, w) in &totals[1..] {
            if w > best.1 {
                best = (fill, w);
            }
        }
        level.merged.push(Merged {
            span: Span::new(first.span.start_ns, last.span.end_ns, best.0),
            weight: best.1,
            first: first.first,
            end: last.end,
        });
    }
    level.merged.shrink_to_fit();
    level
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::StateKind;
    use crate::timeline::rects::lane_rects;
    use std::sync::OnceLock;
    use std::time::Instant;

    const RUN: Fill = Fill::State(StateKind::Running);
    const WAIT: Fill = Fill::State(StateKind::WaitingForGil);
    const SLEEP: Fill = Fill::State(StateKind::Sleeping);
    const BLOCK: Fill = Fill::State(StateKind::Blocked);
    const FILLS: [Fill; 4] = [RUN, WAIT, SLEEP, BLOCK];

    fn span(start_ns: u64, end_ns: u64, fill: Fill) -> Span {
        Span::new(start_ns, end_ns, fill)
    }

    /// A tiny deterministic generator (Knuth's MMIX LCG, high bits out).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        /// Uniform in `0..n`.
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        /// Roughly log-uniform in `1..2^max_bits`.
        fn log_uniform(&mut self, max_bits: u64) -> u64 {
            let bits = self.below(max_bits);
            (1 << bits) + self.below(1 << bits)
        }
    }

    /// `n` spans of log-uniform widths (1 ns to ~16 µs), random fills, the odd gap.
    fn random_lane(n: usize, seed: u64) -> Vec<Span> {
        let mut rng = Lcg(seed);
        let mut t = 0;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            if rng.below(20) == 0 {
                t += rng.log_uniform(14);
            }
            let w = rng.log_uniform(14);
            out.push(span(t, t + w, FILLS[rng.below(4) as usize]));
            t += w;
        }
        out
    }

    /// Checks what every picture must satisfy and returns it.
    fn check_shape(rects: &[Rect], scale: &Scale) {
        for r in rects {
            assert!(
                r.w >= 0.0 && r.x >= scale.left - 1e-6,
                "{r:?} left of the plot"
            );
            assert!(r.right() <= scale.right() + 1e-6, "{r:?} right of the plot");
        }
        for pair in rects.windows(2) {
            assert!(
                pair[0].right() <= pair[1].x + 1e-6,
                "not ordered and disjoint: {pair:?}"
            );
        }
    }

    /// Raw time per fill in `[t0, t1)`, in order of first appearance.
    fn raw_weights(spans: &[Span], t0: f64, t1: f64) -> Vec<(Fill, f64)> {
        let first = spans.partition_point(|s| (s.end_ns as f64) <= t0);
        let mut out: Vec<(Fill, f64)> = Vec::new();
        for s in &spans[first..] {
            if s.start_ns as f64 >= t1 {
                break;
            }
            let w = (s.end_ns as f64).min(t1) - (s.start_ns as f64).max(t0);
            match out.iter_mut().find(|(f, _)| *f == s.fill) {
                Some((_, total)) => *total += w,
                None => out.push((s.fill, w)),
            }
        }
        out
    }

    /// The rect covering x, if any.
    fn rect_at(rects: &[Rect], x: f64) -> Option<&Rect> {
        let i = rects.partition_point(|r| r.right() <= x);
        rects.get(i).filter(|r| r.x <= x)
    }

    #[test]
    fn small_lanes_have_no_levels_and_match_lane_rects() {
        let spans = random_lane(STOP, 7);
        let lane = LodLane::new(spans.clone());
        assert_eq!(lane.level_count(), 1);
        assert_eq!(lane.stored_len(), spans.len());
        let end = spans.last().unwrap().end_ns;
        for width in [1.0, 7.0, 100.0, 1_600.0] {
            for (start, stop) in [(0, end), (end / 3, end / 2), (end / 2, end / 2 + 100)] {
                let scale = Scale::new(start, stop, 10.0, width);
                let (rects, stats) = lane.rects_with_stats(&scale);
                assert_eq!(stats.level, 0);
                assert_eq!(rects, lane_rects(&spans, &scale));
            }
        }
    }

    #[test]
    fn close_views_use_the_raw_spans_exactly() {
        let spans = random_lane(20_000, 3);
        let lane = LodLane::new(spans.clone());
        assert!(lane.level_count() > 2, "{} levels", lane.level_count());
        let first_grid = lane.grid_ns(1) as f64;
        let end = spans.last().unwrap().end_ns;
        let mut rng = Lcg(11);
        let mut raw_views = 0;
        for _ in 0..200 {
            let width = 200.0 + rng.below(1_400) as f64;
            let span_ns = 1 + rng.below(end / 20);
            let start = rng.below(end - span_ns);
            let scale = Scale::new(start, start + span_ns, 10.0, width);
            let (rects, stats) = lane.rects_with_stats(&scale);
            let pixel_ns = 1.0 / scale.px_per_ns();
            assert_eq!(stats.level == 0, pixel_ns < first_grid, "{pixel_ns} ns");
            if stats.level == 0 {
                raw_views += 1;
                assert_eq!(rects, lane_rects(&spans, &scale));
            }
        }
        assert!(raw_views > 20, "only {raw_views} close views");
    }

    #[test]
    fn spans_of_a_pixel_or_more_keep_their_place_and_fill() {
        let spans = random_lane(50_000, 5);
        let lane = LodLane::new(spans.clone());
        let end = spans.last().unwrap().end_ns;
        let mut rng = Lcg(17);
        let mut checked = 0;
        let mut levels_seen = std::collections::BTreeSet::new();
        for zoom in 0..40 {
            // From the whole lane down to 1/2^13 of it.
            let span_ns = (end >> (zoom % 14)).max(1);
            let start = rng.below(end - span_ns + 1);
            let scale = Scale::new(start, start + span_ns, 10.0, 1_000.0);
            let (rects, stats) = lane.rects_with_stats(&scale);
            levels_seen.insert(stats.level);
            check_shape(&rects, &scale);
            let first = spans.partition_point(|s| s.end_ns <= scale.start_ns);
            for s in spans[first..]
                .iter()
                .take_while(|s| s.start_ns < scale.end_ns)
            {
                if s.start_ns < scale.start_ns || s.end_ns > scale.end_ns {
                    continue;
                }
                let (x0, x1) = (scale.x(s.start_ns), scale.x(s.end_ns));
                if x1 - x0 < 1.0 {
                    continue;
                }
                checked += 1;
                // The span's own rectangle (possibly joined with neighbours of its fill)
                // covers it from end to end.
                let r = rect_at(&rects, (x0 + x1) / 2.0).expect("a rect over a wide span");
                assert_eq!(r.fill, s.fill, "{s:?} at level {}", stats.level);
                assert!(r.x <= x0 + 1e-6 && r.right() >= x1 - 1e-6, "{r:?} vs {s:?}");
            }
        }
        assert!(levels_seen.len() >= 4, "levels used: {levels_seen:?}");
        assert!(checked > 1_000, "only {checked} wide spans");
    }

    /// A stretch of `striped_lane`: (start, end, period, winner).
    type Stretch = (u64, u64, u64, Fill);

    /// Stretches of alternating wide and narrow spans with a clear winner each (60–65% of the
    /// time), separated by gaps.
    fn striped_lane() -> (Vec<Span>, Vec<Stretch>) {
        // (wide fill, wide ns, narrow fill, narrow ns, repetitions)
        let stretches = [
            (RUN, 6, WAIT, 4, 60_000),
            (SLEEP, 3, BLOCK, 2, 80_000),
            (WAIT, 13, RUN, 7, 30_000),
        ];
        let mut spans = Vec::new();
        let mut regions = Vec::new();
        let mut t = 0;
        for (k, &(wide, w, narrow, n, reps)) in stretches.iter().enumerate() {
            let start = t;
            for i in 0..reps {
                // Jitter the widths (±1, period unchanged) so grids and periods do not line up.
                let j = (i * 7 + k as u64) % 3;
                spans.push(span(t, t + w + j - 1, wide));
                t += w + j - 1;
                spans.push(span(t, t + n + 1 - j, narrow));
                t += n + 1 - j;
            }
            regions.push((start, t, w + n, wide));
            t += 100_000; // a gap
        }
        (spans, regions)
    }

    #[test]
    fn zoomed_out_rects_take_the_dominant_fill() {
        let (spans, regions) = striped_lane();
        let lane = LodLane::new(spans.clone());
        let end = spans.last().unwrap().end_ns;
        let (mut strict, mut loose, mut loose_right) = (0, 0, 0);
        for width in [300.0, 1_000.0, 1_600.0] {
            for zoom in 0..12u64 {
                let span_ns = end >> zoom;
                for start in [0, end / 7, end / 3, end - span_ns] {
                    let scale = Scale::new(start, start + span_ns, 10.0, width);
                    let (rects, stats) = lane.rects_with_stats(&scale);
                    check_shape(&rects, &scale);
                    if stats.level == 0 {
                        continue;
                    }
                    let raw = lane_rects(&spans, &scale);
                    // Pixels inside a stretch, a pixel clear of its ends, where stripes are
                    // under a quarter pixel (so merged).
                    for px in 0..width as usize {
                        let x = scale.left + px as f64 + 0.5;
                        let (t0, t1) = (scale.t(x - 1.5), scale.t(x + 1.5));
                        let Some(&(_, _, period, fill)) = regions
                            .iter()
                            .find(|(a, b, _, _)| *a as f64 <= t0 && t1 <= *b as f64)
                        else {
                            continue;
                        };
                        if (period as f64) * scale.px_per_ns() > 0.25 {
                            continue;
                        }
                        let r = rect_at(&rects, x).expect("no hole inside a stretch");
                        if stats.grid_ns >= 4 * period {
                            // Every cell holds four periods or more, so its winner is the
                            // stretch's, and so is every rectangle's; lane_rects over the raw
                            // spans agrees, and so does the raw time under a short rectangle.
                            strict += 1;
                            assert_eq!(r.fill, fill, "{r:?} at level {}", stats.level);
                            assert_eq!(rect_at(&raw, x).map(|q| q.fill), Some(fill));
                            if r.w < 2.0 {
                                let weights = raw_weights(&spans, scale.t(r.x), scale.t(r.right()));
                                let top =
                                    weights
                                        .iter()
                                        .fold(weights[0], |a, &b| if b.1 > a.1 { b } else { a });
                                assert_eq!(top.0, fill);
                            }
                        } else {
                            // Cells of one to four periods: a cell's winner is partly luck.
                            loose += 1;
                            loose_right += usize::from(r.fill == fill);
                        }
                    }
                    // Between stretches (gaps of 100 µs), nothing is drawn once they are two
                    // pixels wide.
                    for pair in regions.windows(2) {
                        let (g0, g1) = (scale.x(pair[0].1), scale.x(pair[1].0));
                        if g1 - g0 < 2.0 {
                            continue;
                        }
                        for r in &rects {
                            assert!(r.right() <= g0 + 1e-6 || r.x >= g1 - 1e-6, "{r:?} in gap");
                        }
                    }
                }
            }
        }
        println!(
            "striped lane: {strict} pixels checked strictly, {loose_right} of {loose} others right"
        );
        assert!(strict > 10_000, "only {strict} pixels checked");
        assert!(
            loose == 0 || loose_right * 10 >= loose * 9,
            "{loose_right} of {loose}"
        );
    }

    #[test]
    fn gaps_are_kept_at_every_zoom() {
        // A thread started at 1 ms, busy (1-3 ns slices) until 2 ms, idle until 6 ms, busy
        // again until 7 ms, then finished; the lane runs to 10 ms.
        let mut spans = Vec::new();
        let mut rng = Lcg(23);
        for (a, b) in [(1_000_000, 2_000_000), (6_000_000, 7_000_000)] {
            let mut t = a;
            while t < b {
                let w = (1 + rng.below(3)).min(b - t);
                spans.push(span(t, t + w, FILLS[rng.below(4) as usize]));
                t += w;
            }
        }
        let lane = LodLane::new(spans.clone());
        assert!(lane.level_count() > 5);
        for level in 1..lane.level_count() {
            for s in lane.level_spans(level) {
                let inside = |a: u64, b: u64| a <= s.start_ns && s.end_ns <= b;
                assert!(
                    inside(1_000_000, 2_000_000) || inside(6_000_000, 7_000_000),
                    "{s:?} at level {level}"
                );
            }
        }
        for width in [100.0, 1_000.0, 3_000.0] {
            for zoom in 0..24u64 {
                let span_ns = (10_000_000 >> zoom).max(1);
                for centre in [1_000_000, 2_000_000, 6_000_000, 7_000_000] {
                    let start = centre - (span_ns / 2).min(centre);
                    let scale = Scale::new(start, start + span_ns, 0.0, width);
                    let rects = lane.rects(&scale);
                    check_shape(&rects, &scale);
                    for (g0, g1) in [
                        (0, 1_000_000),
                        (2_000_000, 6_000_000),
                        (7_000_000, 10_000_000),
                    ] {
                        let (x0, x1) = (scale.x(g0), scale.x(g1));
                        for r in &rects {
                            assert!(
                                r.right() <= x0 + 1e-6 || r.x >= x1 - 1e-6,
                                "{r:?} in the gap {g0}..{g1} at {scale:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn span_at_finds_the_raw_span() {
        let spans = random_lane(10_000, 29);
        let lane = LodLane::new(spans.clone());
        let mut rng = Lcg(31);
        let end = spans.last().unwrap().end_ns;
        for _ in 0..1_000 {
            let t = rng.below(end + 10);
            let expected = spans.iter().find(|s| s.start_ns <= t && t < s.end_ns);
            assert_eq!(lane.span_at(t), expected);
        }
        assert_eq!(lane.spans(), &spans[..]);
    }

    /// The million-span lane, built once for the tests that share it.
    fn million() -> &'static (Vec<Span>, LodLane, std::time::Duration) {
        static LANE: OnceLock<(Vec<Span>, LodLane, std::time::Duration)> = OnceLock::new();
        LANE.get_or_init(|| {
            let spans = random_lane(1_000_000, 1);
            let started = Instant::now();
            let lane = LodLane::new(spans.clone());
            (spans, lane, started.elapsed())
        })
    }

    #[test]
    fn a_million_spans_build_quickly_into_little_more() {
        let (spans, lane, elapsed) = million();
        let n = spans.len();
        let mut times = vec![*elapsed];
        if !cfg!(debug_assertions) {
            // Optimised: time two more builds, for a steadier figure on a busy machine.
            for _ in 0..2 {
                let started = Instant::now();
                let again = LodLane::new(spans.clone());
                times.push(started.elapsed());
                assert_eq!(again.stored_len(), lane.stored_len());
            }
        }
        let levels: Vec<(u64, usize)> = (0..lane.level_count())
            .map(|k| (lane.grid_ns(k), lane.level_len(k)))
            .collect();
        println!(
            "1M spans: built in {:?} (best of {:?}); {} spans stored ({:.2} × N); (grid ns, \
             spans) per level: {levels:?}",
            times.iter().min().unwrap(),
            times,
            lane.stored_len(),
            lane.stored_len() as f64 / n as f64
        );
        assert!(lane.stored_len() <= 3 * n);
        assert!(*levels.last().map(|(_, len)| len).unwrap() <= STOP);
        for pair in levels.windows(2) {
            assert!(pair[0].0 < pair[1].0 && pair[0].1 > pair[1].1, "{levels:?}");
        }
        // Every level is ordered and disjoint, and covers only time the raw spans touch.
        for level in 1..lane.level_count() {
            let mut last_end = 0;
            for s in lane.level_spans(level) {
                assert!(s.start_ns >= last_end && s.end_ns > s.start_ns, "{s:?}");
                assert!(lane.span_at(s.start_ns).is_some() && lane.span_at(s.end_ns - 1).is_some());
                last_end = s.end_ns;
            }
        }
    }

    #[test]
    fn a_million_spans_cost_follows_pixels() {
        let (spans, lane, _) = million();
        let end = spans.last().unwrap().end_ns;
        let mut rng = Lcg(99);
        let mut views = vec![(0, end, 1_600.0)];
        for _ in 0..50 {
            // Windows from the whole lane down to ~1/2^20 of it, 300 to 2,000 px wide.
            let span_ns = (end >> rng.below(21)).max(1) + rng.below(1_000);
            let span_ns = span_ns.min(end);
            let start = rng.below(end - span_ns + 1);
            views.push((start, start + span_ns, 300.0 + rng.below(1_700) as f64));
        }
        let mut worst: f64 = 0.0;
        for (start, stop, width) in views {
            let scale = Scale::new(start, stop, 10.0, width);
            let started = Instant::now();
            let (rects, stats) = lane.rects_with_stats(&scale);
            let took = started.elapsed();
            check_shape(&rects, &scale);
            let px = width as usize;
            assert!(
                stats.visited <= 8 * px + 16,
                "{stats:?} for {px} px, window {start}..{stop}"
            );
            assert!(rects.len() <= 2 * px, "{} rects for {px} px", rects.len());
            worst = worst.max(stats.visited as f64 / width);
            if start == 0 && stop == end {
                println!(
                    "1M spans, whole lane at {px} px: level {} (grid {} ns), {} spans visited, \
                     {} rects, {took:?}",
                    stats.level,
                    stats.grid_ns,
                    stats.visited,
                    rects.len()
                );
            }
        }
        println!("1M spans, 51 windows: at most {worst:.2} spans visited per pixel");
    }

    #[test]
    fn a_dense_burst_among_long_spans_still_costs_pixels() {
        // 200,000 spans of 1 to 4 ns in a 0.5 ms burst, amid 800,000 spans of ~5 ms: the
        // count over the whole lane hardly drops until the long spans merge, so only the
        // density rule stores the levels the burst needs.
        let mut rng = Lcg(41);
        let mut spans = Vec::with_capacity(1_000_000);
        let mut t = 0;
        for i in 0..800_000u64 {
            if i == 400_000 {
                for _ in 0..200_000 {
                    let w = 1 + rng.below(4);
                    spans.push(span(t, t + w, FILLS[rng.below(4) as usize]));
                    t += w;
                }
            }
            let w = 4_000_000 + rng.below(2_000_000);
            spans.push(span(t, t + w, FILLS[(i % 4) as usize]));
            t += w;
        }
        let burst = (spans[400_000].start_ns, spans[600_000].start_ns);
        let lane = LodLane::new(spans);
        assert!(lane.stored_len() <= 3_000_000);
        let len = burst.1 - burst.0;
        let mut worst: f64 = 0.0;
        // Into the burst down to 1/2^13 of it, and out to 2^12 times its length.
        for shift in -12..14i32 {
            let span_ns = if shift >= 0 {
                len >> shift
            } else {
                len << -shift
            };
            let start = (burst.0 + len / 3).saturating_sub(span_ns / 2);
            let scale = Scale::new(start, start + span_ns, 10.0, 1_000.0);
            let (rects, stats) = lane.rects_with_stats(&scale);
            check_shape(&rects, &scale);
            assert!(stats.visited <= 8 * 1_000 + 16, "{stats:?} at 2^{}", -shift);
            worst = worst.max(stats.visited as f64 / 1_000.0);
        }
        println!(
            "burst lane: {} levels, {:.2} × N stored, at most {worst:.2} spans visited per pixel",
            lane.level_count(),
            lane.stored_len() as f64 / 1e6
        );
    }

    #[test]
    fn merged_rects_keep_roughly_the_dominant_fill() {
        // Random fills are the hard case: under a pixel the four fills are near ties, so what
        // the levels forget (the losers' time at each merge) shows most.
        let (spans, lane, _) = million();
        let end = spans.last().unwrap().end_ns;
        for shift in [0u64, 2, 4, 6, 8, 10, 12] {
            let span_ns = end >> shift;
            let start = (end - span_ns) / 3;
            let scale = Scale::new(start, start + span_ns, 10.0, 1_600.0);
            let (rects, stats) = lane.rects_with_stats(&scale);
            // The rect's fill's raw time under it, as a share of the top fill's.
            let (mut total, mut worst, mut top_count) = (0.0, 1.0f64, 0);
            for r in &rects {
                let weights = raw_weights(spans, scale.t(r.x), scale.t(r.right()));
                let top = weights
                    .iter()
                    .fold(weights[0], |a, &b| if b.1 > a.1 { b } else { a });
                let mine = weights
                    .iter()
                    .find(|(f, _)| *f == r.fill)
                    .map_or(0.0, |w| w.1);
                total += mine / top.1;
                worst = worst.min(mine / top.1);
                top_count += usize::from(top.0 == r.fill);
            }
            let mean = total / rects.len() as f64;
            println!(
                "1M random spans, 1/{} of the lane at 1600 px: level {}, {} rects, {:.1}% with the \
                 top fill, whose time it has {:.3} of on average, {worst:.3} at worst",
                1u64 << shift,
                stats.level,
                rects.len(),
                100.0 * top_count as f64 / rects.len() as f64,
                mean
            );
            assert!(mean >= 0.9, "{mean}");
            assert!(worst >= 0.3, "{worst}");
        }
    }
}
