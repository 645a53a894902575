//! The timeline pane: the lane labels as DOM (`<ol id="lanes">`, with each lane's state at the
//! cursor for screen readers and tests) beside the `<canvas id="timeline">`, lined up by
//! `timeline::geometry`. Wheel zooms around the pointer (Shift+wheel or a sideways wheel
//! pans), dragging pans, a click moves the cursor, hovering shows a tooltip. The picture is
//! recomputed only when the model, the width or the window changes; every draw records its
//! cost in `data-draw-ms` (read by the frame-time benchmark). Marks (a lost update's
//! accesses, a directed run's decisions) sit over the canvas as DOM; a thread's label, when
//! clicked, is reported (`on_lane`: "you are the scheduler" picks it).

use super::shared::Shared;
use crate::timeline::at_cursor::describe_state;
use crate::timeline::geometry::{self, AXIS_HEIGHT, LANE_HEIGHT};
use crate::timeline::hit;
use crate::timeline::marks;
use crate::timeline::model::{Fill, LaneKind, TimelineModel};
use crate::timeline::palette;
use crate::timeline::primitives;
use crate::timeline::{Picture, Scale, Viewport};
use crate::web::canvas::{self, Overlay};
use crate::web::now_ms;
use gloo::events::{EventListener, EventListenerOptions};
use interleave_engine::trace::{Outcome, ThreadId, Trace};
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, WheelEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub model: Shared<TimelineModel>,
    pub trace: Option<Shared<Trace>>,
    pub cursor_ns: u64,
    /// Veil what lies after the cursor (not when playback sits at the end).
    pub veil: bool,
    pub viewport: Viewport,
    /// A run is under way (for the hint).
    #[prop_or_default]
    pub running: bool,
    pub dark: bool,
    pub on_viewport: Callback<Viewport>,
    pub on_seek: Callback<u64>,
    /// A thread's lane label was clicked (it is picked in "you are the scheduler").
    #[prop_or_default]
    pub on_lane: Callback<ThreadId>,
    /// Prefix of the element ids of a second timeline on the page (the comparison view's):
    /// `{p}-lanes`, `{p}-timeline`, `{p}-tip`; none for the main one (`lanes`, `timeline`).
    #[prop_or_default]
    pub id_prefix: Option<AttrValue>,
}

pub enum TimelineMsg {
    Resized,
    Pointer(f64, f64),
    PointerLeft,
    Down(f64),
    Up(f64),
    Wheel(f64, f64, f64, bool),
}

struct Hover {
    style: String,
    text: String,
}

/// A drag in progress: where it started and the window then.
struct Drag {
    x: f64,
    viewport: Viewport,
    moved: bool,
}

pub struct TimelineView {
    canvas: NodeRef,
    picture: Option<(Shared<TimelineModel>, Picture)>,
    hover: Option<Hover>,
    drag: Option<Drag>,
    _resize: Option<EventListener>,
    _wheel: Option<EventListener>,
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
            drag: None,
            _resize: resize,
            _wheel: None,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        let props = ctx.props();
        match msg {
            TimelineMsg::Resized => {
                self.draw(ctx);
                false
            }
            TimelineMsg::Pointer(x, y) => {
                let plot = self.plot_width();
                if let Some(drag) = &mut self.drag {
                    if (x - drag.x).abs() > 3.0 {
                        drag.moved = true;
                    }
                    if drag.moved && plot > 0.0 {
                        let mut viewport = drag.viewport;
                        viewport.pan(-(x - drag.x) / plot);
                        props.on_viewport.emit(viewport);
                    }
                    return false;
                }
                self.hover = self.describe(ctx, x, y);
                true
            }
            TimelineMsg::PointerLeft => {
                self.drag = None;
                self.hover.take().is_some()
            }
            TimelineMsg::Down(x) => {
                self.drag = Some(Drag {
                    x,
                    viewport: props.viewport,
                    moved: false,
                });
                false
            }
            TimelineMsg::Up(x) => {
                if let Some(drag) = self.drag.take() {
                    if !drag.moved {
                        if let Some(t) = self.time_at(x) {
                            props.on_seek.emit(t);
                        }
                    }
                }
                false
            }
            TimelineMsg::Wheel(x, dx, dy, shift) => {
                let plot = self.plot_width();
                if plot <= 0.0 {
                    return false;
                }
                let mut viewport = props.viewport;
                if shift || dx.abs() > dy.abs() {
                    let delta = if dx.abs() > dy.abs() { dx } else { dy };
                    viewport.pan(delta / plot);
                } else {
                    let anchor = (x - geometry::PLOT_LEFT) / plot;
                    viewport.zoom((-dy * 0.002).exp(), anchor);
                }
                props.on_viewport.emit(viewport);
                false
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let model = &props.model;
        let at = props.cursor_ns;
        let height = geometry::canvas_height(model.lanes.len().max(3));
        let loaded = props.trace.is_some();
        let threads = model
            .lanes
            .iter()
            .filter(|l| matches!(l.kind, LaneKind::Thread(_)))
            .count();
        let so_far = props
            .trace
            .as_ref()
            .is_some_and(|t| t.outcome == Outcome::Running);
        let label = if loaded {
            format!(
                "Timeline of {threads} thread{} over {} of virtual time{}",
                if threads == 1 { "" } else { "s" },
                crate::format::time_text(model.end_ns),
                if so_far { " so far" } else { "" }
            )
        } else {
            "Timeline: run the program to see its threads".to_string()
        };
        let link = ctx.link();
        let onmousemove = link.callback(|e: MouseEvent| {
            TimelineMsg::Pointer(e.offset_x() as f64, e.offset_y() as f64)
        });
        let onmouseleave = link.callback(|_: MouseEvent| TimelineMsg::PointerLeft);
        let onmousedown = link.callback(|e: MouseEvent| {
            e.prevent_default();
            // Preventing the default also keeps the click from focusing the page; focus the
            // canvas so playback keys reach this page (in an iframe in slides, they would
            // otherwise stay with the host page).
            if let Some(canvas) = e.target_dyn_into::<web_sys::HtmlElement>() {
                let _ = canvas.focus();
            }
            TimelineMsg::Down(e.offset_x() as f64)
        });
        let onmouseup = link.callback(|e: MouseEvent| TimelineMsg::Up(e.offset_x() as f64));
        let trace = props.trace.as_deref();
        let ids = match &props.id_prefix {
            None => (
                "lanes".to_string(),
                "timeline".to_string(),
                "timeline-tip".to_string(),
            ),
            Some(p) => (
                format!("{p}-lanes"),
                format!("{p}-timeline"),
                format!("{p}-tip"),
            ),
        };
        html! {
            <div class="timeline">
                <ol id={ids.0} class="lanes" aria-label="Lanes" style={format!("padding-top:{AXIS_HEIGHT}px")}>
                    { for model.lanes.iter().enumerate().map(|(i, _)| lane_item(model, trace, i, at, &props.on_lane)) }
                </ol>
                <div class="canvas-wrap">
                    <canvas id={ids.1} ref={self.canvas.clone()} role="img" aria-label={label}
                        tabindex="-1" style={format!("height:{height}px")}
                        data-end-ns={model.end_ns.to_string()} data-cursor-ns={at.to_string()}
                        data-slices={props.trace.as_ref().map_or(0, |t| t.slices.len()).to_string()}
                        data-so-far={so_far.to_string()}
                        {onmousemove} {onmouseleave} {onmousedown} {onmouseup} />
                    { self.marks(props) }
                    if let Some(hover) = &self.hover {
                        <div id={ids.2} class="tip" role="tooltip"
                            style={hover.style.clone()}>{ hover.text.clone() }</div>
                    }
                </div>
            </div>
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if first_render {
            self._wheel = self.wheel_listener(ctx);
        }
        self.draw(ctx);
    }
}

impl TimelineView {
    /// The marks of the trace in the window (lost updates, a directed run's decisions), over
    /// the canvas where their thread's lane is at their moment.
    fn marks(&self, props: &TimelineProps) -> Html {
        let (Some(trace), Some((_, picture))) = (props.trace.as_ref(), self.picture.as_ref())
        else {
            return Html::default();
        };
        let marks = marks::marks_of(trace, &props.model);
        if marks.is_empty() {
            return Html::default();
        }
        let (start, end) = props.viewport.window();
        let scale = Scale::new(start, end, geometry::PLOT_LEFT, picture.scale.width);
        let placed = marks::place(&marks, &props.model, &scale);
        html! {
            <ul class="marks" aria-label="Marked moments">
                { for placed.into_iter().map(|(x, y, m)| html! {
                    <li class="mark" data-kind={m.kind.key()} data-thread={m.thread.to_string()}
                        data-t-ns={m.t_ns.to_string()} title={m.words.clone()} aria-label={m.words.clone()}
                        style={format!("left:{x:.1}px;top:{y:.1}px")}>{ m.kind.glyph() }</li>
                }) }
            </ul>
        }
    }

    /// The wheel zooms the timeline instead of scrolling the page, so its listener must not
    /// be passive (Yew's own wheel listeners are).
    fn wheel_listener(&self, ctx: &Context<Self>) -> Option<EventListener> {
        let canvas = self.canvas.cast::<HtmlCanvasElement>()?;
        let link = ctx.link().clone();
        let options = EventListenerOptions::enable_prevent_default();
        Some(EventListener::new_with_options(
            &canvas,
            "wheel",
            options,
            move |event| {
                if let Some(e) = event.dyn_ref::<WheelEvent>() {
                    e.prevent_default();
                    link.send_message(TimelineMsg::Wheel(
                        e.offset_x() as f64,
                        e.delta_x(),
                        e.delta_y(),
                        e.shift_key(),
                    ));
                }
            },
        ))
    }

    fn plot_width(&self) -> f64 {
        self.picture.as_ref().map_or(0.0, |(_, p)| p.scale.width)
    }

    fn time_at(&self, x: f64) -> Option<u64> {
        let (_, picture) = self.picture.as_ref()?;
        let x = x.clamp(picture.scale.left, picture.scale.right());
        Some(picture.scale.t(x).round().max(0.0) as u64)
    }

    fn describe(&self, ctx: &Context<Self>, x: f64, y: f64) -> Option<Hover> {
        let props = ctx.props();
        let (_, picture) = self.picture.as_ref()?;
        let trace = props.trace.as_ref()?;
        let scale = picture.scale;
        if x < scale.left || x > scale.right() || props.model.end_ns == 0 {
            return None;
        }
        let lane = hit::lane_at_y(&props.model, y)?;
        let t_ns = scale.t(x).round().max(0.0) as u64;
        let text = hit::describe(trace, &props.model, lane, t_ns)?;
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
        let started = now_ms();
        let css_width = canvas.client_width() as f64;
        let css_height = geometry::canvas_height(props.model.lanes.len().max(3));
        if css_width <= 0.0 {
            return;
        }
        let stale = match &self.picture {
            Some((model, picture)) => {
                *model != props.model
                    || picture.css_width != css_width
                    || picture.viewport != props.viewport
            }
            None => true,
        };
        if stale {
            self.picture = Some((
                props.model.clone(),
                Picture::new(&props.model, css_width, props.viewport),
            ));
            let _ = canvas.set_attribute("data-picture-ms", &format!("{:.3}", now_ms() - started));
        }
        let theme = if props.dark {
            palette::DARK
        } else {
            palette::LIGHT
        };
        let Some(context) = canvas::prepare(&canvas, css_width, css_height) else {
            return;
        };
        let Some(trace) = props.trace.as_ref().filter(|_| props.model.end_ns > 0) else {
            let hint = if props.running {
                "Simulating…"
            } else if props.trace.is_some() {
                "Nothing ran"
            } else {
                "Press Run to simulate the program"
            };
            canvas::draw_hint(&context, css_width, css_height, hint, &theme);
            return;
        };
        if let Some((model, picture)) = &self.picture {
            let overlay = Overlay {
                trace,
                cursor_ns: props.veil.then_some(props.cursor_ns),
                theme,
            };
            canvas::draw(&context, model, picture, &overlay);
            let (start, end) = picture.viewport.window();
            let rects: usize = picture.lanes.iter().map(|l| l.rects.len()).sum();
            let _ = canvas.set_attribute("data-window", &format!("{start}-{end}"));
            let _ = canvas.set_attribute("data-rects", &rects.to_string());
            let _ = canvas.set_attribute(
                "data-arrows",
                &picture
                    .arrows
                    .as_ref()
                    .map_or("too-many".to_string(), |a| a.len().to_string()),
            );
            // Per kind, for tests: "await:2 start:3".
            let mut kinds = std::collections::BTreeMap::new();
            for arrow in picture.arrows.iter().flatten() {
                *kinds.entry(arrow.kind.key()).or_insert(0) += 1;
            }
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k}:{n}")).collect();
            let _ = canvas.set_attribute("data-arrow-kinds", &kinds.join(" "));
        }
        let _ = canvas.set_attribute("data-draw-ms", &format!("{:.3}", now_ms() - started));
    }
}

/// One `<li>` of `#lanes`: `data-lane`, ids, the lane's state at the cursor and a sentence
/// saying it (`aria-label`).
fn lane_item(
    model: &TimelineModel,
    trace: Option<&Trace>,
    index: usize,
    at_ns: u64,
    on_lane: &Callback<ThreadId>,
) -> Html {
    let lane = &model.lanes[index];
    let style = format!("height:{LANE_HEIGHT}px;line-height:{LANE_HEIGHT}px");
    let span = model.span_at(index, at_ns);
    let count = lane.counts.at(at_ns);
    let deadlock = lane.in_deadlock.then_some("true");
    let kind = lane.kind.key();
    match lane.kind {
        LaneKind::Process(p) => html! {
            <li data-lane={kind} data-process={p.to_string()} class="process-row" {style}>{ lane.label.clone() }</li>
        },
        LaneKind::Gil(p) => {
            let (holder, words) = holder_words(model, index, at_ns);
            html! {
                <li data-lane={kind} data-process={p.to_string()}
                    data-holder={holder.map_or("none".to_string(), |t| t.to_string())}
                    data-waiters={count.to_string()} aria-label={words.clone()} title={words} {style}>
                    { lane.label.clone() }
                </li>
            }
        }
        LaneKind::Thread(thread) => {
            let (state, words) = match (span, trace) {
                (Some(s), Some(trace)) => match (s.fill, trace.slices.get(s.detail as usize)) {
                    (Fill::State(kind), Some(slice)) => {
                        (kind.key(), describe_state(trace, model, slice.state, at_ns))
                    }
                    (Fill::State(kind), None) => (kind.key(), kind.label().to_string()),
                    _ => ("finished", "finished".to_string()),
                },
                _ => ("not-started", "not started".to_string()),
            };
            let words = format!("{}: {words}", lane.label);
            let onclick = on_lane.reform(move |_: MouseEvent| thread);
            html! {
                <li data-lane={kind} data-thread={thread.to_string()} data-state={state}
                    data-deadlock={deadlock} aria-label={words.clone()} title={words} {style} {onclick}>
                    <span class="swatch" aria-hidden="true"
                        style={format!("background:{}", palette::thread_colour(thread))}></span>
                    <span class="lane-name">{ lane.label.clone() }</span>
                </li>
            }
        }
        LaneKind::EventLoop(thread) => {
            let task = match span.map(|s| s.fill) {
                Some(Fill::Task(t)) => trace
                    .and_then(|tr| tr.tasks.get(t as usize))
                    .map(|t| t.name.clone()),
                _ => None,
            };
            let words = match &task {
                Some(name) => format!("{}: running {name}, {count} ready", lane.label),
                None => format!("{}: idle, {count} ready", lane.label),
            };
            html! {
                <li data-lane={kind} data-thread={thread.to_string()}
                    data-task={task.unwrap_or_else(|| "none".to_string())}
                    data-ready={count.to_string()} aria-label={words.clone()} title={words} {style}>
                    <span class="lane-name loop-name">{ lane.label.clone() }</span>
                </li>
            }
        }
        LaneKind::Primitive(id) => {
            let info = trace.and_then(|t| t.primitives.get(id as usize));
            let sample = trace.and_then(|t| primitives::sample_at(t, model, index, at_ns));
            let holder = sample.and_then(|s| s.owner);
            let words = match info {
                Some(info) => format!(
                    "{} ({}): {}",
                    lane.label,
                    primitives::kind_label(info),
                    primitives::describe(model, info, sample)
                ),
                None => lane.label.clone(),
            };
            html! {
                <li data-lane={kind} data-primitive={id.to_string()}
                    data-kind={info.map(|i| format!("{:?}", i.kind))}
                    data-holder={holder.map_or("none".to_string(), |t| t.to_string())}
                    data-value={sample.map(|s| s.value.to_string())}
                    data-waiters={count.to_string()} data-deadlock={deadlock}
                    aria-label={words.clone()} title={words} {style}>
                    <span class="lane-name prim-name">{ lane.label.clone() }</span>
                </li>
            }
        }
    }
}

/// Who holds a GIL or lock lane's object at `at_ns`, and that in words with the waiters.
fn holder_words(model: &TimelineModel, index: usize, at_ns: u64) -> (Option<u32>, String) {
    let lane = &model.lanes[index];
    let count = lane.counts.at(at_ns);
    match model.span_at(index, at_ns).map(|s| s.fill) {
        Some(Fill::Holder(t)) => (
            Some(t),
            format!(
                "{}: held by {}, {count} waiting",
                lane.label,
                model.thread_label(t)
            ),
        ),
        _ => (None, format!("{}: free, {count} waiting", lane.label)),
    }
}
