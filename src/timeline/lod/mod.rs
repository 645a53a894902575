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
mod tests;
