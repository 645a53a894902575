//! The root component: owns the program text, the engine's worker, the last run's trace and
//! the playback clock, and lays out the page (code left; toolbar, timeline and console right).

use super::banner::Banner;
use super::code_pane::{show_position, CodePane};
use super::console::Console;
use super::legend::Legend;
use super::shared::Shared;
use super::timeline_view::TimelineView;
use super::toolbar::Toolbar;
use crate::console_view::reached_count;
use crate::examples::{DEFAULT_FILENAME, DEFAULT_PROGRAM};
use crate::format::{elapsed_text, group_thousands, outcome_summary, Severity};
use crate::playback::Playback;
use crate::protocol::{decode_trace, Request, RunRequest};
use crate::timeline::TimelineModel;
use crate::web::engine_worker::{EngineWorker, WorkerEvent};
use gloo::render::{request_animation_frame, AnimationFrame};
use interleave_engine::trace::{Outcome, Trace};
use yew::prelude::*;

pub enum Msg {
    Edit(String),
    Run,
    Stop,
    /// Something the worker of that generation said.
    Worker(u32, WorkerEvent),
    TogglePlay,
    /// Jump the cursor to the end of the trace.
    End,
    Frame(f64),
}

/// A finished run as the page shows it.
struct RunResult {
    trace: Shared<Trace>,
    model: Shared<TimelineModel>,
    /// Real time from sending the program to decoding the trace.
    real_ms: f64,
    /// The program that ran.
    source: AttrValue,
}

/// Callbacks made once, so child props stay equal between frames.
struct Callbacks {
    edit: Callback<String>,
    run: Callback<()>,
    stop: Callback<()>,
    toggle: Callback<()>,
    end: Callback<()>,
    locate: Callback<(u32, u32)>,
}

pub struct App {
    source: AttrValue,
    worker: Option<EngineWorker>,
    /// Bumped for every new worker; messages of older workers are ignored.
    generation: u32,
    /// `performance.now()` when the running request was sent.
    running_since: Option<f64>,
    /// The program of the running request.
    running_source: AttrValue,
    /// The last run was stopped by the user (until the next one).
    stopped: bool,
    result: Option<RunResult>,
    /// What the timeline shows before the first run.
    empty_model: Shared<TimelineModel>,
    /// The worker failed, or its trace could not be decoded.
    failure: Option<AttrValue>,
    playback: Playback,
    frame: Option<AnimationFrame>,
    callbacks: Callbacks,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let link = ctx.link();
        let mut app = App {
            source: AttrValue::Static(DEFAULT_PROGRAM),
            worker: None,
            generation: 0,
            running_since: None,
            running_source: AttrValue::Static(""),
            stopped: false,
            result: None,
            empty_model: Shared::new(TimelineModel::new(&Trace::default())),
            failure: None,
            playback: Playback::default(),
            frame: None,
            callbacks: Callbacks {
                edit: link.callback(Msg::Edit),
                run: link.callback(|_| Msg::Run),
                stop: link.callback(|_| Msg::Stop),
                toggle: link.callback(|_| Msg::TogglePlay),
                end: link.callback(|_| Msg::End),
                locate: Callback::from(|(line, col)| show_position(line, col)),
            },
        };
        app.spawn_worker(ctx);
        // Show the default program running as soon as the page opens.
        link.send_message(Msg::Run);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(text) => {
                self.source = AttrValue::from(text);
                true
            }
            Msg::Run => {
                self.run(ctx);
                true
            }
            Msg::Stop => {
                if self.running_since.take().is_some() {
                    self.stopped = true;
                    self.spawn_worker(ctx);
                }
                true
            }
            Msg::Worker(generation, _) if generation != self.generation => false,
            Msg::Worker(_, event) => self.on_worker_event(ctx, event),
            Msg::TogglePlay => {
                if self.playback.toggle() {
                    self.schedule_frame(ctx);
                } else {
                    self.frame = None;
                }
                true
            }
            Msg::End => {
                self.playback.finish();
                self.frame = None;
                true
            }
            Msg::Frame(now_ms) => {
                self.frame = None;
                if self.playback.tick(now_ms) {
                    self.schedule_frame(ctx);
                }
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
            Some(t) if self.playback.at_end() => t.outputs.len(),
            Some(t) => reached_count(&t.outputs, cursor_ns),
            None => 0,
        };
        // While a new run is under way, the last one's outcome is not shown.
        let summary = trace
            .as_ref()
            .filter(|_| !running)
            .map(|t| outcome_summary(&t.outcome, &t.filename));
        let position = trace.as_ref().and_then(|t| match t.outcome {
            Outcome::CompileError { line, col, .. } => Some((line, col)),
            _ => None,
        });
        // Highlight the failing line while the code is still what was compiled.
        let error_line = match (&self.result, position) {
            (Some(r), Some((line, _))) if r.source == self.source => Some(line),
            _ => None,
        };
        let outcome_chip = summary.as_ref().map(|s| {
            let words = match s.severity {
                Severity::Error => "Compile error".to_string(),
                _ => s.title.clone(),
            };
            (s.kind, AttrValue::from(words))
        });
        let scale_ns = if model.end_ns > 0 {
            model.end_ns
        } else {
            1_000_000_000
        };
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
        html! {
            <div id="app" class={classes!("app", running.then_some("is-running"))}
                data-status={status_word} data-playback={playback_word}>
                <header class="app-header">
                    <h1>{ "Interleave" }</h1>
                    <p class="tagline">{ "Python threads on a simulated CPython 3.11: who runs, who waits, who holds the GIL." }</p>
                </header>
                <main class="layout">
                    <section class="pane code-pane" aria-labelledby="code-title">
                        <div class="pane-head">
                            <h2 id="code-title">{ DEFAULT_FILENAME }</h2>
                            <span class="hint">{ "Ctrl+Enter to run" }</span>
                        </div>
                        <CodePane value={self.source.clone()} on_input={self.callbacks.edit.clone()}
                            on_run={self.callbacks.run.clone()} error_line={error_line} />
                    </section>
                    <section class="pane timeline-pane" aria-label="Timeline">
                        <Toolbar running={running} can_play={loaded && !running && self.playback.end_ns() > 0}
                            playing={self.playback.is_playing()} status={self.status_text()}
                            outcome={outcome_chip}
                            elapsed={AttrValue::from(elapsed_text(cursor_ns, scale_ns))} elapsed_ns={cursor_ns}
                            on_run={self.callbacks.run.clone()} on_stop={self.callbacks.stop.clone()}
                            on_toggle={self.callbacks.toggle.clone()} on_end={self.callbacks.end.clone()} />
                        <Banner outcome={summary} position={position} failure={self.failure.clone()}
                            on_locate={self.callbacks.locate.clone()} />
                        <TimelineView model={model}
                            cursor_ns={(!self.playback.at_end()).then_some(cursor_ns)} loaded={loaded} running={running} />
                        <Legend />
                    </section>
                    <section class="pane console-pane" aria-labelledby="console-title">
                        <div class="pane-head">
                            <h2 id="console-title">{ "Console" }</h2>
                            <span class="hint">{ "stdout and " }<span class="stderr-word">{ "stderr" }</span></span>
                        </div>
                        <Console trace={trace} reached={reached} />
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
        let request =
            Request::Run(RunRequest::new(self.source.to_string(), DEFAULT_FILENAME)).to_bytes();
        match worker.request(request) {
            Ok(()) => {
                self.stopped = false;
                self.running_since = Some(now_ms());
                self.running_source = self.source.clone();
            }
            Err(message) => self.failure = Some(message.into()),
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
            WorkerEvent::Progress(_) | WorkerEvent::Snapshot(_) => false,
            WorkerEvent::Failed(message) => {
                self.running_since = None;
                // A panic reports itself, then the trap it causes reports again: keep the first.
                if self.failure.is_none() {
                    self.failure = Some(message.into());
                }
                // Start afresh on the next run; the last trace was of another program.
                self.worker = None;
                self.result = None;
                self.playback = Playback::default();
                self.frame = None;
                true
            }
        }
    }

    fn load(&mut self, ctx: &Context<Self>, trace: Trace, real_ms: f64) {
        let model = TimelineModel::new(&trace);
        self.playback = Playback::start(model.end_ns);
        self.result = Some(RunResult {
            trace: Shared::new(trace),
            model: Shared::new(model),
            real_ms,
            source: self.running_source.clone(),
        });
        if self.playback.is_playing() {
            self.schedule_frame(ctx);
        } else {
            self.frame = None;
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
            return AttrValue::Static("Running…");
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

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
