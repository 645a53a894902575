//! Tests of the levels of detail: equivalence with `lane_rects` up close, dominant fills
//! and gaps when zoomed out, and cost that follows pixels on a million spans.

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
