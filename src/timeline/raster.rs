//! The lanes' bars, count strips and ticks as pixel rows (three RGBA rows per lane), one pixel
//! per device pixel column, each bar column the colour of the rectangle covering it (a narrower-than-a-pixel rectangle
//! still takes its column). The canvas stretches each row to its bar's height, so painting
//! the bars costs one image upload however many rectangles a busy trace has.

use super::model::{Fill, StateKind};
use super::palette;
use super::picture::Picture;

/// `#RRGGBB` → RGB (anything else is black).
pub fn rgb(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| {
        h.get(i..i + 2)
            .and_then(|b| u8::from_str_radix(b, 16).ok())
            .unwrap_or(0)
    };
    if h.len() == 6 {
        [byte(0), byte(2), byte(4)]
    } else {
        [0, 0, 0]
    }
}

/// Whether a fill is painted through the rows (the thin "finished" band is drawn apart).
pub fn in_rows(fill: Fill) -> bool {
    fill != Fill::State(StateKind::Finished)
}

/// Rows per lane: the bar, the count strip, the ticks.
pub const ROWS_PER_LANE: usize = 3;
pub const BAR_ROW: usize = 0;
pub const COUNT_ROW: usize = 1;
pub const TICK_ROW: usize = 2;

/// Fills the device columns a rectangle covers (CSS pixels from `x`, `w` wide, at least one
/// column) of `row` with `rgba`. Pixels are `u32`s (RGBA in memory order) so a run is one
/// `fill`.
fn paint(row: &mut [u32], width: usize, dpr: f64, x: f64, w: f64, rgba: [u8; 4]) {
    let x0 = ((x * dpr).floor().max(0.0) as usize).min(width);
    let x1 = (((x + w) * dpr).round() as usize).max(x0 + 1).min(width);
    row[x0..x1].fill(u32::from_le_bytes(rgba));
}

/// RGBA rows, `width` device pixels wide, [`ROWS_PER_LANE`] per lane of `picture` (its bar;
/// its count strip, darker for larger counts, in `count_rgb`; its ticks in `tick_rgb`);
/// `dpr` device pixels per CSS pixel.
pub fn rows(
    picture: &Picture,
    width: usize,
    dpr: f64,
    count_rgb: [u8; 3],
    tick_rgb: [u8; 3],
    count_max: &[u32],
) -> Vec<u8> {
    let lanes = picture.lanes.len();
    let row_len = width;
    let mut out = vec![0u32; row_len * lanes * ROWS_PER_LANE];
    let mut cache: Vec<(Fill, [u8; 3])> = Vec::new();
    for (lane, lane_picture) in picture.lanes.iter().enumerate() {
        let base = lane * ROWS_PER_LANE * row_len;
        let count_row = base + COUNT_ROW * row_len;
        let max = count_max.get(lane).copied().unwrap_or(1).max(1) as f64;
        for run in &lane_picture.counts {
            let alpha = (255.0 * (0.25 + 0.6 * (run.value as f64 / max).min(1.0))) as u8;
            let [r, g, b] = count_rgb;
            paint(
                &mut out[count_row..count_row + row_len],
                width,
                dpr,
                run.x0,
                run.x1 - run.x0,
                [r, g, b, alpha],
            );
        }
        let tick_row = base + TICK_ROW * row_len;
        for &x in &lane_picture.tick_xs {
            let [r, g, b] = tick_rgb;
            paint(
                &mut out[tick_row..tick_row + row_len],
                width,
                dpr,
                x - 0.75,
                1.5,
                [r, g, b, 255],
            );
        }
        let row = &mut out[base + BAR_ROW * row_len..base + (BAR_ROW + 1) * row_len];
        // Wide rectangles first, then the narrow ones over them (as the canvas did).
        for narrow in [false, true] {
            for rect in lane_picture
                .rects
                .iter()
                .filter(|r| (r.w < 1.0) == narrow && in_rows(r.fill))
            {
                let colour = match cache.iter().find(|(f, _)| *f == rect.fill) {
                    Some((_, c)) => *c,
                    None => {
                        let c = rgb(palette::fill_colour(rect.fill));
                        cache.push((rect.fill, c));
                        c
                    }
                };
                paint(
                    row,
                    width,
                    dpr,
                    rect.x,
                    rect.w,
                    [colour[0], colour[1], colour[2], 255],
                );
            }
        }
    }
    let mut bytes = Vec::with_capacity(out.len() * 4);
    for pixel in out {
        bytes.extend_from_slice(&pixel.to_le_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::tests::two_thread_trace;
    use crate::timeline::{TimelineModel, Viewport};

    #[test]
    fn hex_colours() {
        assert_eq!(rgb("#009E73"), [0x00, 0x9e, 0x73]);
        assert_eq!(rgb("rgba(1,2,3,0.5)"), [0, 0, 0]);
    }

    #[test]
    fn each_column_takes_its_rectangles_colour() {
        let model = TimelineModel::new(&two_thread_trace());
        let picture = Picture::new(&model, 1_000.0, Viewport::fit(model.end_ns));
        let width = 2_000; // dpr 2
        let rows = rows(&picture, width, 2.0, [1, 2, 3], [4, 5, 6], &[1, 1, 1]);
        assert_eq!(rows.len(), width * 3 * ROWS_PER_LANE * 4);
        let pixel = |lane: usize, row: usize, t_ns: u64| {
            let x = (picture.scale.x(t_ns) * 2.0) as usize;
            let i = ((lane * ROWS_PER_LANE + row) * width + x) * 4;
            [rows[i], rows[i + 1], rows[i + 2], rows[i + 3]]
        };
        let at = |lane: usize, t_ns: u64| {
            let x = (picture.scale.x(t_ns) * 2.0) as usize;
            let i = ((lane * ROWS_PER_LANE + BAR_ROW) * width + x) * 4;
            [rows[i], rows[i + 1], rows[i + 2], rows[i + 3]]
        };
        let colour = |fill| {
            let c = rgb(palette::fill_colour(fill));
            [c[0], c[1], c[2], 255]
        };
        assert_eq!(at(2, 5_000), colour(Fill::State(StateKind::Sleeping)));
        assert_eq!(at(1, 5_000), colour(Fill::State(StateKind::Blocked)));
        assert_eq!(at(0, 1_500), colour(Fill::Holder(1)));
        assert_eq!(
            at(0, 5_000),
            [0, 0, 0, 0],
            "nobody holds the GIL: transparent"
        );
        assert_eq!(
            at(2, 9_500),
            [0, 0, 0, 0],
            "the finished band is drawn apart"
        );
        // The GIL's waiter strip while thread 1 waits, and its drop-request tick.
        assert_eq!(pixel(0, COUNT_ROW, 8_250)[..3], [1, 2, 3]);
        assert_eq!(pixel(0, COUNT_ROW, 5_000), [0, 0, 0, 0]);
        assert_eq!(pixel(0, TICK_ROW, 1_500), [4, 5, 6, 255]);
        assert_eq!(pixel(1, TICK_ROW, 1_500), [0, 0, 0, 0]);
    }
}
