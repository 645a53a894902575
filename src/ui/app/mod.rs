//! The root component: owns the program text (kept in local storage), the settings, the
//! engine's worker, the last run's trace and model, the playback cursor (the single source of
//! truth every pane draws from), the visible time window and the keyboard; lays out the page
//! (code left; toolbar, timeline, inspector right; console below) in [`view`]; the page-wide
//! listeners (keyboard, colour scheme) are in [`page_events`]; running and inspecting programs
//! in the engine's worker is in [`run`]; the callbacks made once in [`callbacks`]; moving the
//! cursor in [`cursor`]; the teaching features' app sides in [`scenarios`], [`predict`],
//! [`explorer`] and [`scheduler`].

mod callbacks;
mod cursor;
mod explorer;
mod page_events;
mod predict;
mod run;
mod scenarios;
mod scheduler;
mod view;

use callbacks::Callbacks;
use explorer::OpenedSchedule;
use scheduler::Game;

use crate::web::now_ms;
use page_events::{keyboard_listener, prefers_dark, prefers_reduced_motion, theme_listener};

use super::banner::Banner;
use super::code_pane::{show_position, CodePane};
use super::comparison_panel::ComparisonPanel;
use super::console::Console;
use super::deadlock_panel::{explain, DeadlockPanel};
use super::explorer_panel::{ExploreMsg, ExplorerPanel};
use super::gallery_panel::GalleryPanel;
use super::inspector::Inspector;
use super::keys::{command, is_text_field, Command};
use super::legend::Legend;
use super::narration::Narration;
use super::predict_panel::{PredictMsg, PredictPanel};
use super::quiz_panel::QuizPanel;
use super::scheduler_panel::{GameMsg, SchedulerPanel};
use super::settings_panel::SettingsPanel;
use super::share_panel::{ShareAction, SharePanel};
use super::shared::Shared;
use super::storage;
use super::timeline_view::TimelineView;
use super::toolbar::Toolbar;
use super::variables::Variables;
use super::wait_graph_view::WaitGraphView;
use crate::console_view::reached_count;
use crate::examples::{DEFAULT_FILENAME, DEFAULT_PROGRAM};
use crate::explore::{Strategy, Tally};
use crate::format::{group_thousands, outcome_summary, time_text, OutcomeSummary, Severity};
use crate::gallery::{Gallery, Quiz, Scenario, TimedNote};
use crate::playback::{Pace, Playback};
use crate::predict::{grade, Facts, Prediction, Verdict};
use crate::protocol::{decode_trace, Request, RunRequest};
use crate::settings::{Preemption, Settings};
use crate::share::Link;
use crate::timeline::at_cursor::threads_at;
use crate::timeline::{TimelineModel, Viewport};
use crate::web::engine_worker::{EngineWorker, WorkerEvent};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use interleave_engine::trace::{Outcome, ThreadId, Trace};
use interleave_engine::{Progress, Snapshot};
use std::rc::Rc;
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
    /// Open or close the gallery.
    Gallery(bool),
    /// Load the scenario with this slug.
    Pick(AttrValue),
    /// Bring back the user's own program.
    RestoreDraft,
    /// Open or close the share panel.
    ShareOpen(bool),
    /// Open or close the quizzes.
    QuizOpen(bool),
    /// (question, choice)
    Answer(usize, usize),
    /// Hide the run and ask for predictions.
    PredictStart,
    Predict(PredictMsg),
    ExplorerOpen(bool),
    Explore(ExploreMsg),
    Share(ShareAction),
    /// Start "you are the scheduler".
    GameOpen,
    Game(GameMsg),
    /// A thread's lane label was clicked.
    Lane(ThreadId),
    /// Leave a schedule the race explorer opened.
    CloseSchedule,
    /// Open or close the comparison with real cores.
    ComparisonOpen(bool),
}

/// Where the cursor goes when the running request's trace arrives.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Arrival {
    /// Play from the start (a new run).
    PlayFromStart,
    /// Keep the cursor's relative position, paused (a re-run after a settings change).
    Fraction(f64),
    /// At this time, playing or not (a share link, embed mode).
    At(u64, bool),
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
    /// The trace as the worker sent it (for export); `None` for a trace so far.
    bytes: Option<Rc<Vec<u8>>>,
    /// The request that produced it (inspect requests replay exactly this run).
    request: RunRequest,
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
    /// Where to put the cursor when the running request's trace arrives.
    arrival: Arrival,
    /// The gallery's scenarios, once the worker has sent them.
    gallery: Option<Rc<Vec<Scenario>>>,
    gallery_open: bool,
    quizzes: Rc<Vec<Quiz>>,
    quiz_answers: Rc<Vec<Option<usize>>>,
    quiz_open: bool,
    /// Predict, then reveal: what the student predicted and, once revealed, the grades.
    predict: Option<(Prediction, Option<Rc<Vec<Verdict>>>)>,
    /// The race explorer: open, seeds asked for, adversarial preemption, running, the tally.
    explorer_open: bool,
    explore_seeds: u32,
    explore_adversarial: bool,
    exploring: bool,
    explore_strategy: Strategy,
    tally: Option<Tally>,
    /// A schedule the race explorer opened (the runs shown follow it until Run).
    opened_schedule: Option<OpenedSchedule>,
    /// "You are the scheduler", while it is being played.
    game: Option<Game>,
    /// The comparison with real cores is open (its pool lives while it is), and its simulated
    /// side once the engine's worker has run it.
    comparison_open: bool,
    simulated: Option<Rc<Vec<super::comparison_panel::SimulatedView>>>,
    /// What the last finished run shows, for predictions.
    facts: Option<Rc<Facts>>,
    /// The scenario the editor was loaded from (its narration shows while the run shown is of
    /// its unchanged code), or the slug still to be found when the gallery arrives.
    scenario: Option<Rc<Scenario>>,
    scenario_slug: Option<String>,
    /// A link asked for this scenario: the first run waits for the gallery.
    awaiting_scenario: bool,
    /// The link set the settings itself (they win over a scenario's recommended ones).
    settings_from_link: bool,
    /// A link brought a program: the first run waits for the worker to unpack it.
    awaiting_code: bool,
    /// The program in the editor packed for share links, once the worker has packed it.
    packed_source: Option<(AttrValue, String)>,
    /// The scenario's narration placed on the run shown.
    notes: Rc<Vec<TimedNote>>,
    /// The user's own program is put aside (a scenario is in the editor).
    has_draft: bool,
    /// The compact layout for an iframe in slides; nothing is saved to local storage.
    embed: bool,
    /// In embed mode: the same view in the full app.
    full_app_href: AttrValue,
    share_open: bool,
    share_status: Option<AttrValue>,
    /// What a link asked for that could not be done, in words.
    notice: Option<AttrValue>,
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
    /// `prefers-reduced-motion: reduce`: runs open at their end, paused.
    reduced_motion: bool,
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
        let parsed = Link::parse(&crate::web::files::page_query());
        let shared = parsed.link;
        let embed = shared.embed;
        let stored = storage::load_source().filter(|s| !s.trim().is_empty());
        let has_draft = storage::load_draft().is_some();
        let source = stored.map_or(AttrValue::Static(DEFAULT_PROGRAM), AttrValue::from);
        let settings = shared.settings.clone().unwrap_or_else(|| {
            storage::load_settings()
                .map(|t| Settings::from_text(&t))
                .unwrap_or_default()
        });
        let scenario_slug = shared.scenario.clone().or_else(|| {
            (shared.packed_code.is_none() && !embed)
                .then(storage::load_scenario)
                .flatten()
        });
        let awaiting_scenario = shared.scenario.is_some() && shared.packed_code.is_none();
        let arrival = match (shared.cursor_ns, embed) {
            (Some(t), _) => Arrival::At(t, shared.autoplay),
            (None, true) => Arrival::At(0, shared.autoplay),
            (None, false) => Arrival::PlayFromStart,
        };
        let mut playback = Playback::default();
        if let Some(speed) = shared.speed {
            playback.set_speed(speed);
        }
        let full_app_href = AttrValue::from(format!(
            "{}{}",
            crate::web::files::page_address(),
            Link {
                embed: false,
                ..shared.clone()
            }
            .to_query()
        ));
        let notice =
            (!parsed.problems.is_empty()).then(|| AttrValue::from(parsed.problems.join(" ")));
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
            arrival,
            gallery: None,
            gallery_open: false,
            quizzes: Rc::new(Vec::new()),
            quiz_answers: Rc::new(Vec::new()),
            quiz_open: false,
            predict: None,
            explorer_open: false,
            explore_seeds: 200,
            explore_adversarial: false,
            exploring: false,
            explore_strategy: Strategy::Seeds,
            tally: None,
            opened_schedule: None,
            game: None,
            comparison_open: false,
            simulated: None,
            facts: None,
            scenario: None,
            scenario_slug,
            awaiting_scenario,
            settings_from_link: shared.settings.is_some(),
            awaiting_code: shared.packed_code.is_some(),
            packed_source: None,
            notes: Rc::new(Vec::new()),
            has_draft,
            embed,
            full_app_href,
            share_open: false,
            share_status: None,
            notice,
            stopped: false,
            result: None,
            empty_model: Shared::new(TimelineModel::new(&Trace::default())),
            failure: None,
            playback,
            viewport: Viewport::fit(0),
            selected: None,
            dark: prefers_dark(),
            reduced_motion: prefers_reduced_motion(),
            frame: None,
            callbacks: Callbacks::new(link),
            _keys: keyboard_listener(link.clone()),
            _theme: theme_listener(link.clone()),
        };
        app.spawn_worker(ctx);
        if let (Some(packed), Some(worker)) = (&shared.packed_code, &mut app.worker) {
            let _ = worker.request(Request::Unpack(packed.clone()).to_bytes());
        }
        // Show the program running as soon as the page opens (a linked scenario's once the
        // gallery has it, a linked program's once it is unpacked).
        if !app.awaiting_scenario && !app.awaiting_code {
            app.run(ctx);
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(text) => {
                if !self.embed {
                    storage::save_source(&text);
                }
                self.source = AttrValue::from(text);
                if self.share_open {
                    self.request_pack();
                }
                true
            }
            Msg::Run => {
                // Run means the program as CPython schedules it.
                self.opened_schedule = None;
                self.game = None;
                self.arrival = Arrival::PlayFromStart;
                self.run(ctx);
                true
            }
            Msg::GameOpen => {
                self.open_game(ctx);
                true
            }
            Msg::Game(m) => {
                self.on_game(ctx, m);
                true
            }
            Msg::Lane(thread) => {
                if self.game.is_some() {
                    self.on_game(ctx, GameMsg::Choose(thread));
                } else {
                    self.selected = Some(thread);
                }
                true
            }
            Msg::CloseSchedule => {
                self.close_opened_schedule(ctx);
                true
            }
            Msg::ComparisonOpen(open) => {
                self.close_panels();
                self.comparison_open = open;
                // The real pool needs every core: the timeline stops animating meanwhile.
                if open && self.playback.is_playing() {
                    self.playback.toggle();
                    self.frame = None;
                }
                if open && self.simulated.is_none() {
                    let cores = crate::web::real_pool::cores();
                    if let Some(worker) = &mut self.worker {
                        let _ = worker.request(Request::Simulate { cores }.to_bytes());
                    }
                }
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
                if !self.embed {
                    storage::save_settings(&settings.to_text());
                }
                self.settings = settings;
                let end = self.playback.end_ns();
                self.arrival = Arrival::Fraction(if end > 0 {
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
            Msg::Gallery(open) => {
                self.close_panels();
                self.gallery_open = open;
                true
            }
            Msg::QuizOpen(open) => {
                self.close_panels();
                self.quiz_open = open;
                true
            }
            Msg::Answer(question, choice) => {
                let mut answers = (*self.quiz_answers).clone();
                answers.resize(self.quizzes.len(), None);
                if let Some(slot) = answers.get_mut(question) {
                    slot.get_or_insert(choice);
                }
                self.quiz_answers = Rc::new(answers);
                true
            }
            Msg::Pick(slug) => {
                self.pick_scenario(ctx, &slug);
                true
            }
            Msg::RestoreDraft => {
                self.restore_draft(ctx);
                true
            }
            Msg::PredictStart => {
                self.close_panels();
                self.predict = Some((Prediction::default(), None));
                self.run(ctx);
                self.arrival = Arrival::At(0, false);
                true
            }
            Msg::ExplorerOpen(open) => {
                self.close_panels();
                self.explorer_open = open;
                true
            }
            Msg::Explore(m) => {
                self.on_explore(ctx, m);
                true
            }
            Msg::Predict(m) => {
                self.on_predict(ctx, m);
                true
            }
            Msg::ShareOpen(open) => {
                self.close_panels();
                self.share_open = open;
                self.share_status = None;
                if open {
                    self.request_pack();
                }
                true
            }
            Msg::Share(action) => {
                self.share_action(action);
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
    /// Only one of the gallery, the quizzes and the share panel is open at a time.
    pub(super) fn close_panels(&mut self) {
        self.comparison_open = false;
        self.explorer_open = false;
        self.gallery_open = false;
        self.quiz_open = false;
        self.share_open = false;
    }

    pub(super) fn status_text(&self) -> AttrValue {
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
