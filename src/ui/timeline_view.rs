//! The timeline pane: the lane labels as DOM (`<ol id="lanes">`, for screen readers and tests)
//! beside the `<canvas id="timeline" {onmousemove} {onmouseleave}>`, lined up by `timeline::geometry`. Redraws on every
//! cursor move and on window resize; the pixel rectangles are recomputed only when the trace
//! or the width changes. Hovering the canvas shows what a lane is doing at that time.

use super::legend::state_key;
use super::shared::Shared;
use crate::timeline::geometry::{self, AXIS_HEIGHT, LANE_HEIGHT};
use crate::timeline::hit;
use crate::timeline::model::{Fill, LaneKind, TimelineModel};
use crate::timeline::palette;
use crate::timeline::Picture;
use crate::web::canvas;
use gloo::events::EventListener;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub model: Shared<TimelineModel>,
    /// The cursor, or `None` once playback reached the end (nothing veiled).
    pub cursor_ns: Option<u64>,
    /// Whether a trace has been loaded at all (otherwise the canvas shows a hint).
    pub loaded: bool,
    /// A run is under way (for the hint).
    #[prop_or_default]
    pub running: bool,
}

pub enum TimelineMsg {
    Resized,
    /// The pointer moved to (x, y) on the canvas, in CSS pixels.
    Pointer(f64, f64),
    PointerLeft,
}

/// The tooltip: where, and what it says.
struct Hover {
    /// Inline CSS placing it.
    style: String,
    text: String,
}

pub struct TimelineView {
    canvas: NodeRef,
    /// The picture and the model it was computed for.
    picture: Option<(Shared<TimelineModel>, Picture)>,
    hover: Option<Hover>,
    _resize: Option<EventListener>,
}

impl Component for TimelineView {
    type Message = TimelineMsg;
    type Properties = TimelineProps;

    fn create(ctx: &Context<Self>) -> Self {
        let link = ctx.link().clone();
        let resize = web_sys::window().map(|w| {
            EventListener::new(&w, "resize", move |_| {
                link.send_message(TimelineMsg::Resized)
            })
        });
        TimelineView {
            canvas: NodeRef::default(),
            picture: None,
            hover: None,
            _resize: resize,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            TimelineMsg::Resized => {
                self.draw(ctx);
                false
            }
            TimelineMsg::Pointer(x, y) => {
                self.hover = self.describe(ctx, x, y);
                true
            }
            TimelineMsg::PointerLeft => self.hover.take().is_some(),
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let model = &props.model;
        let at = props.cursor_ns.unwrap_or(model.end_ns);
        let height = geometry::canvas_height(model.lanes.len());
        let threads = model.lanes.len().saturating_sub(1);
        let label = if props.loaded {
            format!(
                "Timeline of the GIL and {threads} thread{} over {:.3} ms of virtual time",
                if threads == 1 { "" } else { "s" },
                model.end_ns as f64 / 1e6
            )
        } else {
            "Timeline: run the program to see its threads".to_string()
        };
        let onmousemove = ctx.link().callback(|e: MouseEvent| {
            TimelineMsg::Pointer(e.offset_x() as f64, e.offset_y() as f64)
        });
        let onmouseleave = ctx
            .link()
            .callback(|_: MouseEvent| TimelineMsg::PointerLeft);
        html! {
            <div class="timeline">
                <ol id="lanes" class="lanes" aria-label="Lanes" style={format!("padding-top:{AXIS_HEIGHT}px")}>
                    { for model.lanes.iter().enumerate().map(|(i, lane)| lane_item(model, i, lane.kind, &lane.label, at)) }
                </ol>
                <div class="canvas-wrap">
                    <canvas id="timeline" {onmousemove} {onmouseleave} ref={self.canvas.clone()} role="img" aria-label={label}
                        style={format!("height:{height}px")}
                        data-end-ns={model.end_ns.to_string()}
                        data-cursor-ns={at.to_string()} />
                    if let Some(hover) = &self.hover {
                        <div id="timeline-tip" class="tip" role="tooltip"
                            style={hover.style.clone()}>{ hover.text.clone() }</div>
                    }
                </div>
            </div>
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, _first_render: bool) {
        self.draw(ctx);
    }
}

impl TimelineView {
    /// The tooltip for the pointer at (x, y), placed beside it.
    fn describe(&self, ctx: &Context<Self>, x: f64, y: f64) -> Option<Hover> {
        let props = ctx.props();
        let (_, picture) = self.picture.as_ref()?;
        if !props.loaded || props.model.end_ns == 0 {
            return None;
        }
        let scale = picture.scale;
        if x < scale.left || x > scale.right() {
            return None;
        }
        let lane = hit::lane_at_y(&props.model, y)?;
        let t_ns = scale.t(x).round().max(0.0) as u64;
        let text = hit::describe(&props.model, lane, t_ns)?;
        // Keep it inside the canvas: in the right half it hangs to the left of the pointer.
        let style = if x > picture.css_width / 2.0 {
            format!("right:{}px", picture.css_width - x + 12.0)
        } else {
            format!("left:{}px", x + 12.0)
        };
        let top = geometry::lane_top(lane + 1) + 2.0;
        Some(Hover {
            style: format!("{style};top:{top}px"),
            text,
        })
    }

    fn draw(&mut self, ctx: &Context<Self>) {
        let props = ctx.props();
        let Some(canvas) = self.canvas.cast::<HtmlCanvasElement>() else {
            return;
        };
        let css_width = canvas.client_width() as f64;
        let css_height = geometry::canvas_height(props.model.lanes.len());
        if css_width <= 0.0 {
            return;
        }
        let stale = match &self.picture {
            Some((model, picture)) => *model != props.model || picture.css_width != css_width,
            None => true,
        };
        if stale {
            self.picture = Some((props.model.clone(), Picture::new(&props.model, css_width)));
        }
        let Some(context) = canvas::prepare(&canvas, css_width, css_height) else {
            return;
        };
        if !props.loaded || props.model.end_ns == 0 {
            let hint = if props.loaded {
                "Nothing ran"
            } else if props.running {
                "Simulating…"
            } else {
                "Press Run to simulate the program"
            };
            canvas::draw_hint(&context, css_width, css_height, hint);
            return;
        }
        if let Some((model, picture)) = &self.picture {
            canvas::draw(&context, model, picture, props.cursor_ns);
        }
    }
}

/// One `<li>` of `#lanes`: `data-lane`, `data-thread`, and the lane's state at the cursor
/// (`data-state` for threads, `data-holder` for the GIL).
fn lane_item(model: &TimelineModel, index: usize, kind: LaneKind, label: &str, at_ns: u64) -> Html {
    let style = format!("height:{LANE_HEIGHT}px;line-height:{LANE_HEIGHT}px");
    let span = model.span_at(index, at_ns);
    match kind {
        LaneKind::Gil => {
            let holder = match span.map(|s| s.fill) {
                Some(Fill::Holder(thread)) => thread.to_string(),
                _ => "none".to_string(),
            };
            html! {
                <li data-lane="gil" data-holder={holder} style={style} title="Who holds the GIL">{ label.to_string() }</li>
            }
        }
        LaneKind::Thread(thread) => {
            let state = match span.map(|s| s.fill) {
                Some(Fill::State(state)) => state_key(state),
                _ => match model.lanes[index].spans.first() {
                    Some(first) if at_ns < first.start_ns => "not-started",
                    Some(_) => "finished",
                    None => "not-started",
                },
            };
            html! {
                <li data-lane="thread" data-thread={thread.to_string()} data-state={state}
                    style={style} title={label.to_string()}>
                    <span class="swatch" aria-hidden="true"
                        style={format!("background:{}", palette::thread_colour(thread))}></span>
                    <span class="lane-name">{ label.to_string() }</span>
                </li>
            }
        }
    }
}
