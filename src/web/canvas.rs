//! Draws a timeline [`Picture`] on a `<canvas>` with the 2D context: axis and grid, lane
//! backgrounds (process headers, GIL lanes, deadlocked lanes outlined), state / holder / task
//! rectangles, counts, drop-request ticks, frozen-loop alerts, arrows, the deadlock mark, and
//! the playback cursor with everything after it veiled. Handles devicePixelRatio (the backing
//! store is sized in device pixels, drawing is in CSS pixels).

use crate::timeline::arrows::{Arrow, ArrowKind};
use crate::timeline::geometry::{self, AXIS_HEIGHT, LANE_HEIGHT};
use crate::timeline::model::{Fill, LaneKind, StateKind, TimelineModel};
use crate::timeline::palette::{self, Theme};
use crate::timeline::primitives;
use crate::timeline::raster;
use crate::timeline::Picture;
use interleave_engine::trace::Trace;
use std::cell::RefCell;
use wasm_bindgen::Clamped;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

const FONT: &str =
    "11px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";
const BOLD_FONT: &str =
    "600 11px system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif";

/// Rectangles narrower than this (CSS pixels) are drawn this wide.
const MIN_VISIBLE_PX: f64 = 1.0;

/// Sizes the canvas's backing store for its CSS size and the device pixel ratio, and returns
/// a context that draws in CSS pixels, cleared.
pub fn prepare(
    canvas: &HtmlCanvasElement,
    css_width: f64,
    css_height: f64,
) -> Option<CanvasRenderingContext2d> {
    let dpr = device_pixel_ratio();
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

fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| *r > 0.0)
        .unwrap_or(1.0)
}

/// What to draw besides the picture itself.
pub struct Overlay<'a> {
    pub trace: &'a Trace,
    /// `None` when there is no cursor (playback at the end); everything right of it is veiled.
    pub cursor_ns: Option<u64>,
    pub theme: Theme,
}

/// Draws the whole timeline.
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    model: &TimelineModel,
    picture: &Picture,
    overlay: &Overlay,
) {
    let theme = overlay.theme;
    let width = picture.css_width;
    let bottom = geometry::lane_top(model.lanes.len());
    ctx.set_font(FONT);
    draw_backgrounds(ctx, model, width, &theme);
    draw_axis(ctx, picture, width, bottom, &theme);
    draw_rects(ctx, model, picture, &theme);
    draw_labels(ctx, model, picture, overlay.trace);
    draw_alerts(ctx, picture);
    if let Some(arrows) = &picture.arrows {
        for arrow in arrows {
            draw_arrow(ctx, picture, arrow, &theme);
        }
    }
    if let Some(t) = model.deadlock_ns {
        let x = picture.scale.x(t);
        if x >= picture.scale.left - 1.0 && x <= picture.scale.right() + 1.0 {
            ctx.set_fill_style_str(palette::DEADLOCK);
            ctx.fill_rect(x - 1.5, AXIS_HEIGHT, 3.0, bottom - AXIS_HEIGHT);
            ctx.set_font(BOLD_FONT);
            ctx.set_text_align("right");
            ctx.set_text_baseline("alphabetic");
            let _ = ctx.fill_text("deadlock", x - 4.0, AXIS_HEIGHT + 11.0);
            ctx.set_font(FONT);
        }
    }
    if let Some(cursor_ns) = overlay.cursor_ns {
        let x = picture.scale.x(cursor_ns);
        if x < width {
            let from = x.max(0.0);
            ctx.set_fill_style_str(theme.veil);
            ctx.fill_rect(from, AXIS_HEIGHT, width - from, bottom - AXIS_HEIGHT);
        }
        if x >= 0.0 && x <= width {
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
}

fn draw_backgrounds(
    ctx: &CanvasRenderingContext2d,
    model: &TimelineModel,
    width: f64,
    theme: &Theme,
) {
    for (i, lane) in model.lanes.iter().enumerate() {
        let colour = match lane.kind {
            LaneKind::Process(_) => Some(theme.process_lane),
            LaneKind::Gil(_) => Some(theme.gil_lane),
            _ if i % 2 == 0 => Some(theme.lane_stripe),
            _ => None,
        };
        if let Some(colour) = colour {
            ctx.set_fill_style_str(colour);
            ctx.fill_rect(0.0, geometry::lane_top(i), width, LANE_HEIGHT);
        }
        if lane.in_deadlock {
            ctx.set_stroke_style_str(palette::DEADLOCK);
            ctx.set_line_width(2.0);
            ctx.stroke_rect(
                1.0,
                geometry::lane_top(i) + 1.0,
                width - 2.0,
                LANE_HEIGHT - 2.0,
            );
        }
    }
}

fn draw_axis(
    ctx: &CanvasRenderingContext2d,
    picture: &Picture,
    width: f64,
    bottom: f64,
    theme: &Theme,
) {
    ctx.set_text_baseline("alphabetic");
    ctx.set_text_align("left");
    for tick in &picture.ticks {
        let x = tick.x.round() + 0.5;
        ctx.set_fill_style_str(theme.grid);
        ctx.fill_rect(x - 0.5, AXIS_HEIGHT - 5.0, 1.0, bottom - AXIS_HEIGHT + 5.0);
        ctx.set_fill_style_str(theme.text);
        let text_width = ctx
            .measure_text(&tick.label)
            .map(|m| m.width())
            .unwrap_or(0.0);
        let left = (tick.x - text_width / 2.0).clamp(1.0, (width - text_width - 1.0).max(1.0));
        let _ = ctx.fill_text(&tick.label, left, AXIS_HEIGHT - 9.0);
    }
    ctx.set_fill_style_str(theme.grid);
    ctx.fill_rect(0.0, AXIS_HEIGHT - 1.0, width, 1.0);
}

thread_local! {
    /// The scratch canvas the lanes' pixel rows are uploaded to (one per page).
    static ROWS: RefCell<Option<(HtmlCanvasElement, CanvasRenderingContext2d)>> =
        const { RefCell::new(None) };
}

/// The bars: every lane's pixel row (`timeline::raster`) uploaded once and stretched to the
/// bar's height — one upload and one `drawImage` per lane, however many rectangles a busy
/// trace has at this zoom. The thin "finished" bands are drawn as rectangles.
fn draw_rects(
    ctx: &CanvasRenderingContext2d,
    model: &TimelineModel,
    picture: &Picture,
    theme: &Theme,
) {
    let dpr = device_pixel_ratio();
    let width = (picture.css_width * dpr).round().max(1.0) as u32;
    let lanes = picture.lanes.len() as u32;
    let rows = lanes * raster::ROWS_PER_LANE as u32;
    if lanes > 0 {
        let count_max: Vec<u32> = model.lanes.iter().map(|l| l.counts.max()).collect();
        let data = raster::rows(
            picture,
            width as usize,
            dpr,
            raster::rgb(theme.count),
            raster::rgb(theme.tick),
            &count_max,
        );
        let drawn = ROWS.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.is_none() {
                *cell = scratch_canvas();
            }
            let (scratch, scratch_ctx) = cell.as_ref()?;
            if scratch.width() != width {
                scratch.set_width(width);
            }
            if scratch.height() != rows {
                scratch.set_height(rows);
            }
            let image =
                ImageData::new_with_u8_clamped_array_and_sh(Clamped(&data), width, rows).ok()?;
            scratch_ctx.put_image_data(&image, 0.0, 0.0).ok()?;
            ctx.set_image_smoothing_enabled(false);
            for (i, lane) in model.lanes.iter().enumerate() {
                let places = [
                    (raster::BAR_ROW, geometry::bar(lane.kind, i)),
                    (raster::COUNT_ROW, geometry::count_strip(i)),
                    (raster::TICK_ROW, geometry::drop_tick(i)),
                ];
                for (row, (top, height)) in places {
                    if height <= 0.0 {
                        continue;
                    }
                    ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                        scratch,
                        0.0,
                        (i * raster::ROWS_PER_LANE + row) as f64,
                        width as f64,
                        1.0,
                        0.0,
                        top,
                        width as f64 / dpr,
                        height,
                    )
                    .ok()?;
                }
            }
            Some(())
        });
        if drawn.is_none() {
            web_sys::console::warn_1(&"the timeline could not draw its lanes".into());
        }
    }
    ctx.set_fill_style_str(palette::state_colour(StateKind::Finished));
    ctx.begin_path();
    for (i, lane_picture) in picture.lanes.iter().enumerate() {
        let (top, height) = geometry::finished_band(i);
        for rect in lane_picture
            .rects
            .iter()
            .filter(|r| !raster::in_rows(r.fill))
        {
            ctx.rect(rect.x, top, rect.w.max(MIN_VISIBLE_PX), height);
        }
    }
    ctx.fill();
}

fn scratch_canvas() -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    Some((canvas, ctx))
}

/// Names on rectangles wide enough: the GIL's or a lock's holder, the task a loop runs.
fn draw_labels(
    ctx: &CanvasRenderingContext2d,
    model: &TimelineModel,
    picture: &Picture,
    trace: &Trace,
) {
    ctx.set_text_baseline("middle");
    ctx.set_text_align("center");
    for (i, (lane, lane_picture)) in model.lanes.iter().zip(&picture.lanes).enumerate() {
        let (top, height) = geometry::bar(lane.kind, i);
        for rect in lane_picture.rects.iter().filter(|r| r.w >= 40.0) {
            let (text, colour) = match rect.fill {
                Fill::Holder(holder) => (
                    model.thread_label(holder).to_string(),
                    palette::thread_text_colour(holder),
                ),
                Fill::Task(task) => (
                    trace
                        .tasks
                        .get(task as usize)
                        .map_or_else(String::new, |t| t.name.clone()),
                    "#1a1a1a",
                ),
                Fill::Level | Fill::Empty => {
                    let LaneKind::Primitive(p) = lane.kind else {
                        continue;
                    };
                    let middle = picture.scale.t(rect.x + rect.w / 2.0).max(0.0) as u64;
                    let sample = primitives::sample_at(trace, model, i, middle);
                    match (trace.primitives.get(p as usize), sample) {
                        (Some(info), Some(sample)) => (
                            primitives::short(info, sample),
                            if rect.fill == Fill::Level {
                                "#ffffff"
                            } else {
                                "#4a5361"
                            },
                        ),
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let fits = ctx
                .measure_text(&text)
                .map(|m| m.width() + 8.0 <= rect.w)
                .unwrap_or(false);
            if fits {
                ctx.set_fill_style_str(colour);
                let _ = ctx.fill_text(&text, rect.x + rect.w / 2.0, top + height / 2.0 + 0.5);
            }
        }
    }
}

/// Frozen-loop alerts over their lanes (counts and ticks are in the pixel rows).
fn draw_alerts(ctx: &CanvasRenderingContext2d, picture: &Picture) {
    ctx.set_fill_style_str(palette::ALERT);
    for (i, lane_picture) in picture.lanes.iter().enumerate() {
        for &(x, w) in &lane_picture.alerts {
            ctx.fill_rect(x, geometry::lane_top(i), w, LANE_HEIGHT);
        }
    }
}

fn draw_arrow(ctx: &CanvasRenderingContext2d, picture: &Picture, arrow: &Arrow, theme: &Theme) {
    let (x0, x1) = (picture.scale.x(arrow.from_ns), picture.scale.x(arrow.to_ns));
    let (y0, y1) = (
        geometry::lane_middle(arrow.from_lane),
        geometry::lane_middle(arrow.to_lane),
    );
    let colour = match arrow.kind {
        ArrowKind::HandOff => "#c1121f",
        ArrowKind::Message => "#0072B2",
        ArrowKind::Await => palette::AWAIT,
        _ => theme.arrow,
    };
    ctx.set_stroke_style_str(colour);
    ctx.set_fill_style_str(colour);
    ctx.set_line_width(1.25);
    if arrow.kind == ArrowKind::Wake {
        let _ = ctx.set_line_dash(&js_sys::Array::of2(&3.0.into(), &3.0.into()));
    }
    ctx.begin_path();
    ctx.move_to(x0, y0);
    // Along one lane (a task waking another on the same event loop): an arc over the lane,
    // so the arrow does not hide the bar.
    let (from_x, from_y) = if arrow.from_lane == arrow.to_lane {
        let (cx, cy) = ((x0 + x1) / 2.0, y0 - LANE_HEIGHT * 0.9);
        ctx.quadratic_curve_to(cx, cy, x1, y1);
        (cx, cy)
    } else {
        ctx.line_to(x1, y1);
        (x0, y0)
    };
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    // The head: a small triangle pointing along the line's last stretch.
    let angle = (y1 - from_y).atan2(x1 - from_x);
    let (size, spread) = (6.0, 0.45);
    ctx.begin_path();
    ctx.move_to(x1, y1);
    ctx.line_to(
        x1 - size * (angle - spread).cos(),
        y1 - size * (angle - spread).sin(),
    );
    ctx.line_to(
        x1 - size * (angle + spread).cos(),
        y1 - size * (angle + spread).sin(),
    );
    ctx.close_path();
    ctx.fill();
}

/// Draws a centred hint on an otherwise empty canvas.
pub fn draw_hint(
    ctx: &CanvasRenderingContext2d,
    css_width: f64,
    css_height: f64,
    text: &str,
    theme: &Theme,
) {
    ctx.set_font(FONT);
    ctx.set_fill_style_str(theme.text);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(text, css_width / 2.0, css_height / 2.0);
}
