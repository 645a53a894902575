//! The timeline as a standalone SVG document (the page's "Save timeline as SVG"): the same
//! picture the canvas paints for the visible window — lane backgrounds and names, state bars,
//! drop-request ticks, the time axis, arrows and the deadlock mark — as vector shapes that
//! scale in slides and print.

use super::geometry::{self, AXIS_HEIGHT, LANE_HEIGHT};
use super::model::LaneKind;
use super::palette;
use super::picture::Picture;
use super::raster;
use super::TimelineModel;
use std::fmt::Write as _;

/// Room on the left for the lanes' names.
const LABELS: f64 = 170.0;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The picture (computed for `picture.css_width`) with the lanes' names on its left.
pub fn to_svg(model: &TimelineModel, picture: &Picture) -> String {
    let width = LABELS + picture.css_width;
    let height = geometry::canvas_height(model.lanes.len());
    let bottom = geometry::lane_top(model.lanes.len());
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="system-ui, sans-serif" font-size="11">"#
    );
    let _ = write!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    for (i, lane) in model.lanes.iter().enumerate() {
        let top = geometry::lane_top(i);
        let stripe = match lane.kind {
            LaneKind::Process(_) => Some("#dde3ea"),
            LaneKind::Gil(_) => Some("#eef1f5"),
            _ if i % 2 == 0 => Some("#f7f8fa"),
            _ => None,
        };
        if let Some(colour) = stripe {
            let _ = write!(
                out,
                r#"<rect x="0" y="{top:.1}" width="{width:.1}" height="{LANE_HEIGHT}" fill="{colour}"/>"#
            );
        }
        let _ = write!(
            out,
            r##"<text x="6" y="{:.1}" fill="#1d232b">{}</text>"##,
            top + LANE_HEIGHT / 2.0 + 4.0,
            escape(&lane.label)
        );
    }
    let _ = write!(out, r#"<g transform="translate({LABELS:.0},0)">"#);
    for tick in &picture.ticks {
        let _ = write!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="1" height="{:.1}" fill="#d8dde4"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#5b6470">{}</text>"##,
            tick.x,
            AXIS_HEIGHT - 5.0,
            bottom - AXIS_HEIGHT + 5.0,
            tick.x,
            AXIS_HEIGHT - 9.0,
            escape(&tick.label)
        );
    }
    for (i, (lane, lp)) in model.lanes.iter().zip(&picture.lanes).enumerate() {
        let (top, h) = geometry::bar(lane.kind, i);
        for r in &lp.rects {
            // What the canvas paints outside the pixel rows is the thin "finished" band.
            let (y, h) = if raster::in_rows(r.fill) {
                (top, h)
            } else {
                geometry::finished_band(i)
            };
            let _ = write!(
                out,
                r#"<rect x="{:.2}" y="{y:.1}" width="{:.2}" height="{h:.1}" fill="{}"/>"#,
                r.x,
                r.w.max(0.5),
                palette::fill_colour(r.fill)
            );
        }
        let (tick_top, tick_h) = geometry::drop_tick(i);
        for x in &lp.tick_xs {
            let _ = write!(
                out,
                r##"<rect x="{:.2}" y="{tick_top:.1}" width="1.5" height="{tick_h:.1}" fill="#1d232b"/>"##,
                x - 0.75
            );
        }
    }
    if let Some(arrows) = &picture.arrows {
        for a in arrows {
            let _ = write!(
                out,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="1.25"/>"#,
                picture.scale.x(a.from_ns),
                geometry::lane_middle(a.from_lane),
                picture.scale.x(a.to_ns),
                geometry::lane_middle(a.to_lane),
                palette::ARROW
            );
        }
    }
    if let Some(t) = model.deadlock_ns {
        let x = picture.scale.x(t);
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{AXIS_HEIGHT}" width="3" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-weight="bold" fill="{}">deadlock</text>"#,
            x - 1.5,
            bottom - AXIS_HEIGHT,
            palette::DEADLOCK,
            x - 4.0,
            AXIS_HEIGHT + 11.0,
            palette::DEADLOCK
        );
    }
    out.push_str("</g></svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Viewport;
    use interleave_engine::{run, RunOptions};

    #[test]
    fn every_lane_and_bar_of_the_picture_is_in_the_svg() {
        let trace = run(
            "import threading, time\nlock = threading.Lock()\ndef w():\n    with lock:\n        time.sleep(0.01)\nts = [threading.Thread(target=w) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint('<done> & \"ok\"')\n",
            &RunOptions::default(),
        );
        let model = TimelineModel::new(&trace);
        let picture = Picture::new(&model, 900.0, Viewport::fit(model.end_ns));
        let svg = to_svg(&model, &picture);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        for lane in &model.lanes {
            assert!(svg.contains(&escape(&lane.label)), "lane {}", lane.label);
        }
        let bars: usize = picture.lanes.iter().map(|l| l.rects.len()).sum();
        assert!(svg.matches("<rect").count() >= bars);
        assert!(!svg.contains("<done>"), "text is escaped");
    }
}
