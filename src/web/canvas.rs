//! Draws a timeline [`Picture`] on a `<canvas>` with the 2D context: axis and grid, lane
//! stripes, state and GIL rectangles, drop-request ticks, and the playback cursor with
//! everything after it veiled. Handles devicePixelRatio (the backing store is sized in device
//! pixels, drawing is in CSS pixels).

use crate::timeline::geometry::{self, AXIS_HEIGHT};
use crate::timeline::model::{Fill, TimelineModel};
use crate::timeline::palette;
use crate::timeline::Picture;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

const FONT: &str =
    "11px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";
const LANE_STRIPE: &str = "#f6f7f9";
const GIL_LANE_BG: &str = "#eef1f5";
/// Rectangles narrower than this (CSS pixels) are drawn this wide.
const MIN_VISIBLE_PX: f64 = 1.0;

/// Sizes the canvas's backing store for its CSS size and the device pixel ratio, and returns
/// a context that draws in CSS pixels, cleared.
pub fn prepare(
    canvas: &HtmlCanvasElement,
    css_width: f64,
    css_height: f64,
) -> Option<CanvasRenderingContext2d> {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| *r > 0.0)
        .unwrap_or(1.0);
    let (w, h) = (
        (css_width * dpr).round().max(1.0) as u32,
        (css_height * dpr).round().max(1.0) as u32,
    );
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).ok()?;
    ctx.clear_rect(0.0, 0.0, css_width, css_height);
    Some(ctx)
}

/// Draws the whole timeline. `cursor_ns` is `None` when there is no cursor (playback at the
/// end); everything right of the cursor is veiled.
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    model: &TimelineModel,
    picture: &Picture,
    cursor_ns: Option<u64>,
) {
    let width = picture.css_width;
    let lanes = model.lanes.len();
    let bottom = geometry::lane_top(lanes);
    ctx.set_font(FONT);

    // Lane backgrounds.
    for i in 0..lanes {
        let colour = if i == 0 {
            Some(GIL_LANE_BG)
        } else if i % 2 == 0 {
            Some(LANE_STRIPE)
        } else {
            None
        };
        if let Some(colour) = colour {
            ctx.set_fill_style_str(colour);
            ctx.fill_rect(0.0, geometry::lane_top(i), width, geometry::LANE_HEIGHT);
        }
    }

    // Axis: grid lines and labels.
    ctx.set_text_baseline("alphabetic");
    for tick in &picture.ticks {
        let x = tick.x.round() + 0.5;
        ctx.set_fill_style_str(palette::GRID);
        ctx.fill_rect(x - 0.5, AXIS_HEIGHT - 5.0, 1.0, bottom - AXIS_HEIGHT + 5.0);
        ctx.set_fill_style_str(palette::AXIS_TEXT);
        let text_width = ctx
            .measure_text(&tick.label)
            .map(|m| m.width())
            .unwrap_or(0.0);
        let left = (tick.x - text_width / 2.0).clamp(1.0, (width - text_width - 1.0).max(1.0));
        ctx.set_text_align("left");
        let _ = ctx.fill_text(&tick.label, left, AXIS_HEIGHT - 9.0);
    }
    ctx.set_fill_style_str(palette::GRID);
    ctx.fill_rect(0.0, AXIS_HEIGHT - 1.0, width, 1.0);

    // Rectangles: those at least a pixel wide first, then the narrower ones drawn one pixel
    // wide on top, so a short moment (a 20 µs run in a 10 s trace) stays visible.
    for narrow in [false, true] {
        for (i, rects) in picture.lanes.iter().enumerate() {
            let (top, height) = geometry::bar(i);
            for rect in rects.iter().filter(|r| (r.w < MIN_VISIBLE_PX) == narrow) {
                ctx.set_fill_style_str(palette::fill_colour(rect.fill));
                ctx.fill_rect(rect.x, top, rect.w.max(MIN_VISIBLE_PX), height);
            }
        }
    }

    // GIL holds wide enough to name their holder.
    let (gil_top, gil_height) = geometry::bar(0);
    ctx.set_text_baseline("middle");
    ctx.set_text_align("center");
    for rect in picture.lanes.first().into_iter().flatten() {
        let Fill::Holder(holder) = rect.fill else {
            continue;
        };
        if rect.w < 48.0 {
            continue;
        }
        let Some(lane) = model.lanes.get(1 + holder as usize) else {
            continue;
        };
        let fits = ctx
            .measure_text(&lane.label)
            .map(|m| m.width() + 8.0 <= rect.w)
            .unwrap_or(false);
        if fits {
            ctx.set_fill_style_str(palette::thread_text_colour(holder));
            let _ = ctx.fill_text(
                &lane.label,
                rect.x + rect.w / 2.0,
                gil_top + gil_height / 2.0 + 0.5,
            );
        }
    }

    // GIL drop requests: small ticks above the GIL bar.
    let (tick_top, tick_height) = geometry::drop_tick();
    ctx.set_fill_style_str(palette::DROP_REQUEST);
    for &x in &picture.drop_request_xs {
        ctx.fill_rect(x - 0.75, tick_top, 1.5, tick_height);
    }

    // Cursor.
    if let Some(cursor_ns) = cursor_ns {
        let x = picture.scale.x(cursor_ns);
        ctx.set_fill_style_str(palette::FUTURE_VEIL);
        ctx.fill_rect(x, AXIS_HEIGHT, width - x, bottom - AXIS_HEIGHT);
        ctx.set_fill_style_str(palette::CURSOR);
        ctx.fill_rect(x - 1.0, AXIS_HEIGHT - 4.0, 2.0, bottom - AXIS_HEIGHT + 4.0);
        ctx.begin_path();
        ctx.move_to(x - 5.0, AXIS_HEIGHT - 7.0);
        ctx.line_to(x + 5.0, AXIS_HEIGHT - 7.0);
        ctx.line_to(x, AXIS_HEIGHT - 1.0);
        ctx.close_path();
        ctx.fill();
    }
}

/// Draws a centred hint on an otherwise empty canvas.
pub fn draw_hint(ctx: &CanvasRenderingContext2d, css_width: f64, css_height: f64, text: &str) {
    ctx.set_font(FONT);
    ctx.set_fill_style_str(palette::AXIS_TEXT);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(text, css_width / 2.0, css_height / 2.0);
}
