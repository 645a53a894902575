//! The root component: owns the program text (kept in local storage), the settings, the
//! engine's worker, the last run's trace and model, the playback cursor (the single source of
//! truth every pane draws from), the visible time window and the keyboard; lays out the page
//! (code left; toolbar, timeline, inspector right; console below) in [`view`]; the page-wide
//! listeners (keyboard, colour scheme) are in [`page_events`]; running and inspecting programs
//! in the engine's worker is in [`run`].

mod page_events;
mod run;
mod view;

use crate::web::now_ms;
use page_events::{keyboard_listener, prefers_dark, theme_listener};

use super::banner::Banner;
use super::code_pane::{show_position, CodePane};
use super::console::Console;
use super::deadlock_panel::{explain, DeadlockPanel};
use super::inspector::Inspector;
use super::keys::{command, is_text_field, Command};
use super::legend::Legend;
use super::settings_panel::SettingsPanel;
use super::shared::Shared;
use super::storage;
use super::timeline_view::TimelineView;
use super::toolbar::Toolbar;
use super::variables::Variables;
use crate::console_view::reached_count;
use crate::examples::{DEFAULT_FILENAME, DEFAULT_PROGRAM};
use crate::format::{group_thousands, outcome_summary, time_text, Severity};
use crate::playback::{Pace, Playback};
use crate::protocol::{decode_trace, Request, RunRequest};
use crate::settings::Settings;
use crate::timeline::at_cursor::threads_at;
use crate::timeline::{TimelineModel, Viewport};
use crate::web::engine_worker::{EngineWorker, WorkerEvent};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use interleave_engine::trace::{Outcome, ThreadId, Trace};
use interleave_engine::{Progress, Snapshot};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

pub enum Msg {
    Edit(String),
    Run,
    Stop,
    /// Something the worker of that generation said.
    Worker(u32, WorkerEvent),
    Command(Command),
    Seek(u64),
    Speed(usize),
    Pace(Pace),
    Viewport(Viewport),
    Settings(Settings),
    Select(ThreadId),
    Dark(bool),
    Frame(f64),
}

/// A run as the page shows it: finished, or so far while it runs (or since it was stopped).
struct RunResult {
    trace: Shared<Trace>,
    model: Shared<TimelineModel>,
    /// Real time from sending the program to decoding the trace.
    real_ms: f64,
    /// The trace so far of a run that was still going.
    so_far: bool,
    /// The program that ran.
    source: AttrValue,
    /// The request that produced it (inspect requests replay exactly this run).
    request: RunRequest,
}

/// Callbacks made once, so child props stay equal between frames.
struct Callbacks {
    edit: Callback<String>,
    run: Callback<()>,
    stop: Callback<()>,
    toggle: Callback<()>,
    start: Callback<()>,
    end: Callback<()>,
    step: Callback<i32>,
    zoom: Callback<f64>,
    seek: Callback<u64>,
    speed: Callback<usize>,
    pace: Callback<Pace>,
    viewport: Callback<Viewport>,
    settings: Callback<Settings>,
    select: Callback<ThreadId>,
    locate: Callback<(u32, u32)>,
    show_deadlock: Callback<()>,
}

pub struct App {
    source: AttrValue,
    settings: Settings,
    worker: Option<EngineWorker>,
    /// Bumped for every new worker; messages of older workers are ignored.
    generation: u32,
    /// `performance.now()` when the running request was sent.
    running_since: Option<f64>,
    /// The program of the running request, and the request.
    running_source: AttrValue,
    running_request: Option<RunRequest>,
    /// How far the running request has got.
    progress: Option<Progress>,
    /// The variables at (or on the way to) the cursor, and the cursor an inspect request is
    /// out for.
    snapshot: Option<(u64, Shared<Snapshot>)>,
    inspecting: Option<u64>,
    /// Where to put the cursor when the running request's trace arrives (a fraction of the
    /// run), when it re-runs after a settings change; `None` plays from the start.
    keep_position: Option<f64>,
    /// The last run was stopped by the user (until the next one).
    stopped: bool,
    result: Option<RunResult>,
    /// What the timeline shows before the first run.
    empty_model: Shared<TimelineModel>,
    /// The worker failed, or its trace could not be decoded.
    failure: Option<AttrValue>,
    playback: Playback,
    viewport: Viewport,
    selected: Option<ThreadId>,
    dark: bool,
    frame: Option<AnimationFrame>,
    callbacks: Callbacks,
    _keys: Option<EventListener>,
    _theme: Option<EventListener>,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let link = ctx.link();
        let source = storage::load_source()
            .filter(|s| !s.trim().is_empty())
            .map_or(AttrValue::Static(DEFAULT_PROGRAM), AttrValue::from);
        let settings = storage::load_settings()
            .map(|t| Settings::from_text(&t))
            .unwrap_or_default();
        let mut app = App {
            source,
            settings,
            worker: None,
            generation: 0,
            running_since: None,
            running_source: AttrValue::Static(""),
            running_request: None,
            progress: None,
            snapshot: None,
            inspecting: None,
            keep_position: None,
            stopped: false,
            result: None,
            empty_model: Shared::new(TimelineModel::new(&Trace::default())),
            failure: None,
            playback: Playback::default(),
            viewport: Viewport::fit(0),
            selected: None,
            dark: prefers_dark(),
            frame: None,
            callbacks: Callbacks {
                edit: link.callback(Msg::Edit),
                run: link.callback(|_| Msg::Run),
                stop: link.callback(|_| Msg::Stop),
                toggle: link.callback(|_| Msg::Command(Command::TogglePlay)),
                start: link.callback(|_| Msg::Command(Command::Start)),
                end: link.callback(|_| Msg::Command(Command::End)),
                step: link.callback(|d| Msg::Command(Command::Step(d))),
                zoom: link.callback(|f| Msg::Command(Command::Zoom(f))),
                seek: link.callback(Msg::Seek),
                speed: link.callback(Msg::Speed),
                pace: link.callback(Msg::Pace),
                viewport: link.callback(Msg::Viewport),
                settings: link.callback(Msg::Settings),
                select: link.callback(Msg::Select),
                locate: Callback::from(|(line, col)| show_position(line, col)),
                show_deadlock: link.callback(|_| Msg::Command(Command::End)),
            },
            _keys: keyboard_listener(link.clone()),
            _theme: theme_listener(link.clone()),
        };
        app.spawn_worker(ctx);
        // Show the program running as soon as the page opens.
        link.send_message(Msg::Run);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(text) => {
                storage::save_source(&text);
                self.source = AttrValue::from(text);
                true
            }
            Msg::Run => {
                self.keep_position = None;
                self.run(ctx);
                true
            }
            Msg::Stop => {
                if self.running_since.take().is_some() {
                    self.stopped = true;
                    self.spawn_worker(ctx);
                    self.inspecting = None;
                }
                true
            }
            Msg::Worker(generation, _) if generation != self.generation => false,
            Msg::Worker(_, event) => self.on_worker_event(ctx, event),
            Msg::Command(command) => self.command(ctx, command),
            Msg::Seek(t) => {
                self.playback.seek(t);
                self.after_move();
                true
            }
            Msg::Speed(i) => {
                self.playback.set_speed(i);
                true
            }
            Msg::Pace(p) => {
                self.playback.set_pace(p);
                true
            }
            Msg::Viewport(v) => {
                self.viewport = v;
                true
            }
            Msg::Settings(settings) => {
                storage::save_settings(&settings.to_text());
                self.settings = settings;
                let end = self.playback.end_ns();
                self.keep_position = Some(if end > 0 {
                    self.playback.cursor_ns() as f64 / end as f64
                } else {
                    1.0
                });
                self.run(ctx);
                true
            }
            Msg::Select(t) => {
                self.selected = Some(t);
                true
            }
            Msg::Dark(dark) => {
                self.dark = dark;
                true
            }
            Msg::Frame(now_ms) => {
                self.frame = None;
                let more = match &self.result {
                    Some(r) => {
                        let model = r.model.clone();
                        self.playback.tick(now_ms, |t| model.next_event(t))
                    }
                    None => false,
                };
                if more {
                    self.schedule_frame(ctx);
                } else {
                    self.send_inspect();
                }
                self.viewport.follow(self.playback.cursor_ns());
                true
            }
        }
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        self.page()
    }
}

impl App {
    fn command(&mut self, ctx: &Context<Self>, command: Command) -> bool {
        let Some(result) = &self.result else {
            return false;
        };
        let model = result.model.clone();
        let cursor = self.playback.cursor_ns();
        match command {
            Command::TogglePlay => {
                if self.playback.toggle() {
                    self.schedule_frame(ctx);
                } else {
                    self.frame = None;
                    self.send_inspect();
                }
                return true;
            }
            Command::Step(d) => self.playback.seek(if d < 0 {
                model.previous_event(cursor)
            } else {
                model.next_event(cursor)
            }),
            Command::GilStep(d) => self.playback.seek(if d < 0 {
                model.previous_gil_switch(cursor)
            } else {
                model.next_gil_switch(cursor)
            }),
            Command::Start => self.playback.seek(0),
            Command::End => self.playback.finish(),
            Command::Zoom(factor) => {
                if factor == 0.0 {
                    self.viewport = Viewport::fit(model.end_ns);
                } else {
                    // Zoom around the cursor when it is in view, else around the middle.
                    let anchor = ((cursor as f64 - self.viewport.start_ns)
                        / self.viewport.span_ns())
                    .clamp(0.0, 1.0);
                    self.viewport.zoom(factor, anchor);
                }
                return true;
            }
            Command::Pan(fraction) => {
                self.viewport.pan(fraction);
                return true;
            }
        }
        self.after_move();
        true
    }

    /// After the cursor jumped: stop animating, keep it in view, fetch its variables.
    fn after_move(&mut self) {
        self.frame = None;
        self.viewport.follow(self.playback.cursor_ns());
        self.send_inspect();
    }

    fn schedule_frame(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.frame = Some(request_animation_frame(move |now| {
            link.send_message(Msg::Frame(now))
        }));
    }

    fn status_text(&self) -> AttrValue {
        if self.running_since.is_some() {
            return match &self.progress {
                Some(p) => AttrValue::from(format!(
                    "Running… {} steps, {} of virtual time",
                    group_thousands(p.steps),
                    time_text(p.t_ns)
                )),
                None => AttrValue::Static("Running…"),
            };
        }
        if self.failure.is_some() {
            return AttrValue::Static("Failed");
        }
        if self.stopped {
            return AttrValue::Static("Stopped");
        }
        match &self.result {
            Some(r) => AttrValue::from(format!(
                "{} steps in {:.0} ms",
                group_thousands(r.trace.steps),
                r.real_ms
            )),
            None => AttrValue::Static("Ready"),
        }
    }
}
