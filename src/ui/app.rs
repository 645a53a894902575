//! The root component: owns the program text (kept in local storage), the settings, the
//! engine's worker, the last run's trace and model, the playback cursor (the single source of
//! truth every pane draws from), the visible time window and the keyboard; lays out the page
//! (code left; toolbar, timeline, inspector right; console below).

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
use gloo::timers::callback::Timeout;
use interleave_engine::trace::{Outcome, ThreadId, Trace};
use interleave_engine::{Progress, Snapshot};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// How long the cursor must rest before its variables are fetched.
const INSPECT_DEBOUNCE_MS: u32 = 60;

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
    /// Ask the worker for the variables at the cursor (debounced after the cursor moves).
    Inspect,
}

/// A finished run as the page shows it.
struct RunResult {
    trace: Shared<Trace>,
    model: Shared<TimelineModel>,
    /// Real time from sending the program to decoding the trace.
    real_ms: f64,
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
    snapshot: Option<Snapshot>,
    inspecting: Option<u64>,
    inspect_timer: Option<Timeout>,
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
            inspect_timer: None,
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
                self.after_move(ctx);
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
            Msg::Inspect => {
                self.inspect_timer = None;
                self.send_inspect();
                false
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
                    self.schedule_inspect(ctx);
                }
                self.viewport.follow(self.playback.cursor_ns());
                true
            }
        }
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        let running = self.running_since.is_some();
        let (model, trace) = match &self.result {
            Some(r) => (r.model.clone(), Some(r.trace.clone())),
            None => (self.empty_model.clone(), None),
        };
        let cursor_ns = self.playback.cursor_ns();
        let reached = match &trace {
            Some(t) => reached_count(&t.outputs, cursor_ns),
            None => 0,
        };
        let summary = trace
            .as_ref()
            .filter(|_| !running)
            .map(|t| outcome_summary(&t.outcome, &t.filename));
        // A deadlock has its own panel; the banner would only repeat it.
        let banner = summary.clone().filter(|s| s.kind != "deadlock");
        let compile_error = trace.as_ref().and_then(|t| match &t.outcome {
            Outcome::CompileError { line, col, message } => Some((*line, *col, message.clone())),
            _ => None,
        });
        // Show the error inline while the code is still what was compiled.
        let inline_error = match (&self.result, &compile_error) {
            (Some(r), Some((line, col, message))) if r.source == self.source => {
                Some((*line, *col, AttrValue::from(message.clone())))
            }
            _ => None,
        };
        let markers: Vec<(u32, ThreadId)> = match (&trace, &self.result) {
            (Some(t), Some(r)) if r.source == self.source => threads_at(t, &model, cursor_ns)
                .into_iter()
                .filter(|th| th.alive() && th.line > 0)
                .map(|th| (th.line, th.thread))
                .collect(),
            _ => Vec::new(),
        };
        let outcome_chip = summary.as_ref().map(|s| {
            let words = match s.severity {
                Severity::Error => "Compile error".to_string(),
                _ => s.title.split(" — ").next().unwrap_or(&s.title).to_string(),
            };
            (s.kind, AttrValue::from(words))
        });
        let status_word = if running {
            "running"
        } else if self.failure.is_some() {
            "failed"
        } else if trace.is_some() {
            "done"
        } else {
            "idle"
        };
        let playback_word = if self.playback.is_playing() {
            "playing"
        } else if self.playback.at_end() {
            "ended"
        } else {
            "paused"
        };
        let loaded = trace.is_some();
        let selected = self.selected.unwrap_or(0);
        let can_play = loaded && !running && self.playback.end_ns() > 0;
        let deadlock = trace.as_ref().and_then(|t| {
            t.deadlock.as_ref().map(|d| {
                (
                    explain(t, d),
                    !d.cycle.is_empty(),
                    AttrValue::from(time_text(d.t_ns)),
                )
            })
        });
        let rate = if loaded && self.playback.pace() == Pace::Time {
            format!(
                "{}× = {} of virtual time per second",
                self.playback.speed(),
                time_text(self.playback.virtual_ns_per_second().round() as u64)
            )
        } else if loaded {
            format!("{} events per second", 4.0 * self.playback.speed())
        } else {
            String::new()
        };
        html! {
            <div id="app" class={classes!("app", running.then_some("is-running"), self.dark.then_some("dark"))}
                data-status={status_word} data-playback={playback_word}>
                <header class="app-header">
                    <h1>{ "Interleave" }</h1>
                    <p class="tagline">{ "Python concurrency on a simulated CPython 3.11: who runs, who waits, who holds the GIL." }</p>
                    <p class="keys-help" id="keys-help">{ "Space play/pause · ←/→ one event · Shift+←/→ one GIL switch · Home/End · +/− zoom · 0 fit · Alt+←/→ pan" }</p>
                </header>
                <main class="layout">
                    <section class="pane code-pane" aria-labelledby="code-title">
                        <div class="pane-head">
                            <h2 id="code-title">{ DEFAULT_FILENAME }</h2>
                            <span class="hint">{ "Ctrl+Enter to run" }</span>
                        </div>
                        <CodePane value={self.source.clone()} on_input={self.callbacks.edit.clone()}
                            on_run={self.callbacks.run.clone()} error={inline_error} markers={markers} />
                        <SettingsPanel settings={self.settings.clone()} on_change={self.callbacks.settings.clone()} />
                    </section>
                    <section class="pane timeline-pane" aria-label="Timeline">
                        <Toolbar running={running} can_play={can_play}
                            playing={self.playback.is_playing()} status={self.status_text()}
                            outcome={outcome_chip}
                            elapsed={AttrValue::from(format!("{} (virtual)", time_text(cursor_ns)))} elapsed_ns={cursor_ns}
                            end_ns={self.playback.end_ns()} speed={self.playback.speed_index()} pace={self.playback.pace()}
                            rate={AttrValue::from(rate)}
                            on_run={self.callbacks.run.clone()} on_stop={self.callbacks.stop.clone()}
                            on_toggle={self.callbacks.toggle.clone()} on_start={self.callbacks.start.clone()}
                            on_end={self.callbacks.end.clone()} on_step={self.callbacks.step.clone()}
                            on_speed={self.callbacks.speed.clone()} on_pace={self.callbacks.pace.clone()}
                            on_seek={self.callbacks.seek.clone()} on_zoom={self.callbacks.zoom.clone()} />
                        <Banner outcome={banner} position={compile_error.as_ref().map(|e| (e.0, e.1))}
                            failure={self.failure.clone()} on_locate={self.callbacks.locate.clone()} />
                        if let Some((sentences, cycle, at)) = deadlock {
                            <DeadlockPanel sentences={sentences} cycle={cycle} at={at}
                                on_show={self.callbacks.show_deadlock.clone()} />
                        }
                        <TimelineView model={model.clone()} trace={trace.clone()} cursor_ns={cursor_ns}
                            veil={!self.playback.at_end()} viewport={self.viewport} running={running}
                            dark={self.dark} on_viewport={self.callbacks.viewport.clone()}
                            on_seek={self.callbacks.seek.clone()} />
                        <Legend />
                        if let Some(trace) = &trace {
                            <Inspector trace={trace.clone()} model={model.clone()} cursor_ns={cursor_ns}
                                selected={Some(selected)} on_select={self.callbacks.select.clone()}>
                                <Variables snapshot={self.snapshot.clone()} cursor_ns={cursor_ns}
                                    thread={selected} thread_name={AttrValue::from(model.thread_label(selected).to_string())} />
                            </Inspector>
                        }
                    </section>
                    <section class="pane console-pane" aria-labelledby="console-title">
                        <div class="pane-head">
                            <h2 id="console-title">{ "Console" }</h2>
                            <span class="hint">{ "stdout and " }<span class="stderr-word">{ "stderr" }</span>{ " · click a line to go to it" }</span>
                        </div>
                        <Console trace={trace} reached={reached} on_seek={self.callbacks.seek.clone()} />
                    </section>
                </main>
            </div>
        }
    }
}

impl App {
    /// Replaces the worker (terminating the old one, and any run in it) with a fresh one.
    fn spawn_worker(&mut self, ctx: &Context<Self>) {
        self.worker = None;
        self.generation = self.generation.wrapping_add(1);
        let generation = self.generation;
        let link = ctx.link().clone();
        match EngineWorker::spawn(move |event| link.send_message(Msg::Worker(generation, event))) {
            Ok(worker) => self.worker = Some(worker),
            Err(message) => self.failure = Some(message.into()),
        }
    }

    fn run(&mut self, ctx: &Context<Self>) {
        // A run in progress is abandoned by replacing its worker; a failed worker is replaced.
        if self.running_since.is_some() || self.worker.is_none() {
            self.spawn_worker(ctx);
        }
        let Some(worker) = &mut self.worker else {
            return;
        };
        self.failure = None;
        let mut request = RunRequest::new(self.source.to_string(), DEFAULT_FILENAME);
        self.settings.apply(&mut request);
        let sent = request.clone();
        match worker.request(Request::Run(request).to_bytes()) {
            Ok(()) => {
                self.stopped = false;
                self.running_since = Some(now_ms());
                self.running_source = self.source.clone();
                self.running_request = Some(sent);
                self.progress = None;
                self.inspecting = None;
            }
            Err(message) => self.failure = Some(message.into()),
        }
    }

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
                    self.schedule_inspect(ctx);
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
        self.after_move(ctx);
        true
    }

    /// After the cursor jumped: stop animating, keep it in view, fetch its variables.
    fn after_move(&mut self, ctx: &Context<Self>) {
        self.frame = None;
        self.viewport.follow(self.playback.cursor_ns());
        self.schedule_inspect(ctx);
    }

    /// Asks for the variables at the cursor once it has rested for a moment.
    fn schedule_inspect(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.inspect_timer = Some(Timeout::new(INSPECT_DEBOUNCE_MS, move || {
            link.send_message(Msg::Inspect)
        }));
    }

    fn send_inspect(&mut self) {
        let at_ns = self.playback.cursor_ns();
        if self.running_since.is_some()
            || self.playback.is_playing()
            || self.inspecting.is_some()
            || self.snapshot.as_ref().is_some_and(|s| s.t_ns == at_ns)
        {
            return;
        }
        let (Some(result), Some(worker)) = (&self.result, &mut self.worker) else {
            return;
        };
        let request = Request::Inspect {
            run: result.request.clone(),
            at_ns,
        };
        if worker.request(request.to_bytes()).is_ok() {
            self.inspecting = Some(at_ns);
        }
    }

    fn on_worker_event(&mut self, ctx: &Context<Self>, event: WorkerEvent) -> bool {
        match event {
            WorkerEvent::Ready => match self.worker.as_mut().map(|w| w.mark_ready()) {
                Some(Err(message)) => {
                    self.running_since = None;
                    self.failure = Some(message.into());
                    true
                }
                _ => false,
            },
            WorkerEvent::Trace(bytes) => {
                let real_ms = self
                    .running_since
                    .take()
                    .map(|t| now_ms() - t)
                    .unwrap_or(0.0);
                match decode_trace(&bytes) {
                    Ok(trace) => self.load(ctx, trace, real_ms),
                    Err(message) => self.failure = Some(message.into()),
                }
                true
            }
            // Shown by the timeline UI being built elsewhere; ignored here for now.
            WorkerEvent::Progress(progress) => {
                self.progress = Some(progress);
                self.running_since.is_some()
            }
            WorkerEvent::Snapshot(snapshot) => {
                let asked = self.inspecting.take();
                self.snapshot = Some(snapshot);
                // The cursor moved on while the worker replayed: ask again.
                if asked != Some(self.playback.cursor_ns()) {
                    self.send_inspect();
                }
                true
            }
            WorkerEvent::Failed(message) => {
                self.running_since = None;
                // A panic reports itself, then the trap it causes reports again: keep the first.
                if self.failure.is_none() {
                    self.failure = Some(message.into());
                }
                // Start afresh on the next run; the last trace was of another program.
                self.worker = None;
                self.inspecting = None;
                self.result = None;
                self.playback = Playback::default();
                self.frame = None;
                true
            }
        }
    }

    fn load(&mut self, ctx: &Context<Self>, trace: Trace, real_ms: f64) {
        let model = TimelineModel::new(&trace);
        let end = model.end_ns;
        self.playback = match self.keep_position.take() {
            Some(fraction) => {
                self.playback
                    .load(end, (fraction * end as f64).round() as u64, false)
            }
            None => self.playback.load(end, 0, true),
        };
        self.viewport = Viewport::fit(end);
        if self
            .selected
            .is_some_and(|t| t as usize >= trace.threads.len())
        {
            self.selected = None;
        }
        self.result = Some(RunResult {
            trace: Shared::new(trace),
            model: Shared::new(model),
            real_ms,
            source: self.running_source.clone(),
            request: self.running_request.take().unwrap_or_else(|| {
                RunRequest::new(self.running_source.to_string(), DEFAULT_FILENAME)
            }),
        });
        self.snapshot = None;
        self.inspecting = None;
        if self.playback.is_playing() {
            self.schedule_frame(ctx);
        } else {
            self.frame = None;
            self.schedule_inspect(ctx);
        }
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

/// Playback keys anywhere on the page, except while typing in a field.
fn keyboard_listener(link: html::Scope<App>) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    // Not passive: handled keys must not also scroll the page.
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        options,
        move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if event.ctrl_key() || event.meta_key() {
                return;
            }
            let tag = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|e| e.tag_name())
                .unwrap_or_default();
            if is_text_field(&tag) {
                return;
            }
            // A focused button activates with Space itself.
            if tag == "BUTTON" && event.key() == " " {
                return;
            }
            if let Some(c) = command(&event.key(), event.shift_key(), event.alt_key()) {
                event.prevent_default();
                link.send_message(Msg::Command(c));
            }
        },
    ))
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(prefers-color-scheme: dark)")
        .ok()?
}

fn prefers_dark() -> bool {
    dark_query().is_some_and(|q| q.matches())
}

fn theme_listener(link: html::Scope<App>) -> Option<EventListener> {
    let query = dark_query()?;
    let target = query.clone();
    Some(EventListener::new(&target, "change", move |_| {
        link.send_message(Msg::Dark(query.matches()))
    }))
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
