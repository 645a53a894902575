//! The comparison view (`#comparison`): the same CPU-bound kernel run for real on this
//! machine by a rayon pool in Web Workers — on one worker, on N workers that must hold one
//! global lock for every chunk (the honest analogue of the GIL), and on N workers free — with
//! wall times, speedup bars, equal results, and each worker's busy intervals drawn by the
//! timeline's own lanes. The pool's module is loaded only when a comparison starts, and only
//! where the page is cross-origin isolated; otherwise the view says why and what to do.

use super::shared::Shared;
use super::timeline_view::TimelineView;
use crate::comparison::{
    results_agree, simulated_speedup, speedup, trace_of, RealRun, SimulatedRun, MODES, SIMULATED,
    SIMULATED_N,
};
use crate::format::group_thousands;
use crate::timeline::{TimelineModel, Viewport};
use crate::web::now_ms;
use crate::web::real_pool::{cores, isolation, PoolEvent, RealPool};
use gloo::timers::callback::Interval;
use interleave_engine::trace::Trace;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Chunks per run: many more than workers, so uneven chunks (primes get dearer as they grow)
/// even out.
const CHUNKS: u32 = 256;

/// A simulated run with its trace decoded and its lanes built, for the view.
#[derive(Clone, PartialEq)]
pub struct SimulatedView {
    pub run: SimulatedRun,
    pub trace: Shared<Trace>,
    pub model: Shared<TimelineModel>,
}

impl SimulatedView {
    /// Decodes a simulated run's trace; `None` if it cannot be read.
    pub fn of(run: SimulatedRun) -> Option<SimulatedView> {
        let trace = crate::protocol::decode_trace(&run.trace).ok()?;
        let model = TimelineModel::new(&trace);
        Some(SimulatedView {
            run,
            trace: Shared::new(trace),
            model: Shared::new(model),
        })
    }
}

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    pub dark: bool,
    /// The simulated side, once the engine's worker has run it.
    pub simulated: Option<std::rc::Rc<Vec<SimulatedView>>>,
    pub on_close: Callback<()>,
}

pub enum ComparisonMsg {
    Start,
    Cancel,
    Pool(PoolEvent),
    Threads(u32),
    Size(u64),
    Kernel(String),
    Tick,
    Viewport(Viewport),
    /// Which simulated variant's lanes to show, and their window.
    SimKind(String),
    SimViewport(Viewport),
}

enum PoolState {
    Off,
    Starting { since_ms: f64 },
    Ready { ms: f64, threads: u32 },
    Failed(String),
}

pub struct ComparisonPanel {
    isolated: bool,
    framed: bool,
    kernel: String,
    n: u64,
    threads: u32,
    pool: Option<RealPool>,
    state: PoolState,
    /// Modes still to run, and the one running (with when it started).
    queue: Vec<&'static str>,
    running: Option<(&'static str, f64)>,
    runs: Vec<RealRun>,
    picture: Option<(Shared<Trace>, Shared<TimelineModel>)>,
    viewport: Viewport,
    /// The simulated variant whose lanes are shown, and their window (`None`: all of it).
    sim_kind: String,
    sim_viewport: Option<Viewport>,
    _ticker: Option<Interval>,
}

fn default_size(kernel: &str) -> u64 {
    match kernel {
        "squares" => 200_000_000,
        "monte-carlo" => 60_000_000,
        _ => 5_000_000,
    }
}

impl ComparisonPanel {
    fn next(&mut self, ctx: &Context<Self>) {
        let Some(mode) = (!self.queue.is_empty()).then(|| self.queue.remove(0)) else {
            self.running = None;
            self._ticker = None;
            return;
        };
        let Some(pool) = &self.pool else { return };
        match pool.run(&self.kernel, mode, self.n, CHUNKS) {
            Ok(()) => self.running = Some((mode, now_ms())),
            Err(e) => self.fail(e),
        }
        let link = ctx.link().clone();
        self._ticker = Some(Interval::new(100, move || {
            link.send_message(ComparisonMsg::Tick)
        }));
    }

    /// Loads the pool's module and starts its workers (on opening, and again after a cancel or
    /// a change of the worker count).
    fn start_pool(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        match RealPool::start(self.threads, move |e| {
            link.send_message(ComparisonMsg::Pool(e))
        }) {
            Ok(pool) => {
                self.pool = Some(pool);
                self.state = PoolState::Starting { since_ms: now_ms() };
            }
            Err(e) => self.fail(e),
        }
    }

    fn fail(&mut self, message: String) {
        self.state = PoolState::Failed(message);
        self.pool = None;
        self.queue.clear();
        self.running = None;
        self._ticker = None;
    }

    fn draw_runs(&mut self) {
        let trace = trace_of(&self.runs);
        let model = TimelineModel::new(&trace);
        self.viewport = Viewport::fit(model.end_ns);
        self.picture = Some((Shared::new(trace), Shared::new(model)));
    }

    /// The simulated CPython side: the same lesson in virtual time, with its speedups.
    fn simulated(&self, ctx: &Context<Self>, views: Option<&Vec<SimulatedView>>) -> Html {
        let Some(views) = views else {
            return html! { <p id="simulated-status" class="hint">{ "Simulating the Python program four ways…" }</p> };
        };
        let runs: Vec<SimulatedRun> = views.iter().map(|v| v.run.clone()).collect();
        let runs = &runs;
        let shown = views.iter().find(|v| v.run.kind == self.sim_kind);
        let link = ctx.link();
        let on_kind = link.callback(|e: Event| {
            ComparisonMsg::SimKind(e.target_unchecked_into::<HtmlSelectElement>().value())
        });
        let lanes = shown.map(|v| {
            let viewport = self.sim_viewport.unwrap_or_else(|| Viewport::fit(v.model.end_ns));
            html! {
                <>
                    <div class="share-row">
                        <label for="sim-kind">{ "Lanes of" }</label>
                        <select id="sim-kind" onchange={on_kind}>
                            { for SIMULATED.iter().map(|(k, w)| html! { <option value={*k} selected={*k == self.sim_kind}>{ *w }</option> }) }
                        </select>
                        <span class="hint">{ "on the virtual-time axis: the GIL lets one thread run at a time; processes each have their own." }</span>
                    </div>
                    <TimelineView model={v.model.clone()} trace={Some(v.trace.clone())} cursor_ns={v.model.end_ns}
                        veil={false} {viewport} dark={ctx.props().dark}
                        on_viewport={link.callback(ComparisonMsg::SimViewport)} on_seek={Callback::noop()}
                        id_prefix={Some(AttrValue::Static("sim"))} />
                </>
            }
        });
        let rows = runs.iter().map(|r| {
            let x = simulated_speedup(runs, &r.kind).unwrap_or(1.0);
            let width = format!("width:{:.1}%", (x / 4.0).min(1.0) * 100.0);
            let words = SIMULATED.iter().find(|(k, _)| *k == r.kind).map_or("", |(_, w)| w);
            html! {
                <tr data-kind={r.kind.clone()} data-ns={r.end_ns.to_string()} data-speedup={format!("{x:.2}")}>
                    <th scope="row">{ words }</th>
                    <td>{ crate::format::time_text(r.end_ns) }</td>
                    <td class="speedup"><span class="bar"><span class="fill" style={width}></span></span>{ format!(" {x:.2}×") }</td>
                    <td><code>{ r.printed.clone() }</code></td>
                </tr>
            }
        });
        html! {
            <>
                <h3 class="comparison-sub">{ format!("Simulated CPython 3.11: counting the primes below {SIMULATED_N} in four parts (virtual time)") }</h3>
                <table id="simulated" class="comparison-table">
                    <thead><tr><th scope="col">{ "Python program" }</th><th scope="col">{ "virtual time" }</th><th scope="col">{ "speedup over one thread" }</th><th scope="col">{ "printed" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                { for lanes }
            </>
        }
    }

    fn unavailable(&self) -> Html {
        let why = if self.framed {
            "This page is inside a frame of another site. Browsers share memory between workers only on a cross-origin isolated page, and a page in someone else's frame cannot become one. Open Interleave in its own tab to run the real pool; everything else works here."
        } else {
            "This page is not cross-origin isolated, so the browser will not share memory between workers (SharedArrayBuffer), which the real pool needs. The host sent no COOP/COEP headers and Interleave's service worker, which adds them, could not take over (it needs https or localhost, and a browser that allows service workers). Serve dist/ with scripts/serve.sh or trunk serve, or from an https host, and reload. Everything else works here."
        };
        html! { <p id="comparison-unavailable" class="link-notice" role="status">{ why }</p> }
    }

    fn results(&self) -> Html {
        let base = self
            .runs
            .iter()
            .find(|r| r.mode == "sequential")
            .map(RealRun::wall_ms);
        let rows = self.runs.iter().map(|r| {
            let x = speedup(&self.runs, &r.mode).unwrap_or(1.0);
            let width = format!("width:{:.1}%", (x / (self.threads.max(1) as f64)).min(1.0) * 100.0);
            let words = MODES.iter().find(|(m, _)| *m == r.mode).map_or("", |(_, w)| w);
            html! {
                <tr data-mode={r.mode.clone()} data-ms={format!("{:.1}", r.wall_ms())} data-result={r.result.clone()}
                    data-workers={r.workers().to_string()} data-speedup={format!("{x:.2}")}>
                    <th scope="row">{ if r.mode == "sequential" { words.to_string() } else { format!("{} {words}", self.threads) } }</th>
                    <td>{ format!("{:.0} ms", r.wall_ms()) }</td>
                    <td class="speedup"><span class="bar"><span class="fill" style={width}></span></span>{ format!(" {x:.2}×") }</td>
                    <td>{ r.workers() }</td>
                    <td><code>{ group_thousands(r.result.parse::<u64>().unwrap_or(0)) }</code></td>
                </tr>
            }
        });
        let agree = results_agree(&self.runs);
        html! {
            <>
                <table class="comparison-table">
                    <thead><tr><th scope="col">{ "run" }</th><th scope="col">{ "wall time" }</th><th scope="col">{ "speedup over one worker" }</th><th scope="col">{ "workers busy" }</th><th scope="col">{ "result" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                if self.runs.len() > 1 {
                    <p id="comparison-agree" data-agree={agree.to_string()}>{
                        if agree { "All runs give the same result." } else { "The runs disagree: this is a bug, please report it." }
                    }</p>
                }
                if let (Some(_), Some(lock), Some(free)) = (base, speedup(&self.runs, "global-lock"), speedup(&self.runs, "free")) {
                    <p id="comparison-summary">{ format!(
                        "On your {} threads: with one global lock {lock:.2}× (the lock lets one worker work at a time, like the GIL), free {free:.2}× (true parallelism).",
                        self.threads
                    ) }</p>
                }
            </>
        }
    }
}

impl Component for ComparisonPanel {
    type Message = ComparisonMsg;
    type Properties = ComparisonProps;

    fn create(ctx: &Context<Self>) -> Self {
        let (isolated, framed) = isolation();
        let mut panel = ComparisonPanel {
            isolated,
            framed,
            kernel: "primes".to_string(),
            n: default_size("primes"),
            threads: cores(),
            pool: None,
            state: PoolState::Off,
            queue: Vec::new(),
            running: None,
            runs: Vec::new(),
            picture: None,
            viewport: Viewport::fit(0),
            sim_kind: "threads".to_string(),
            sim_viewport: None,
            _ticker: None,
        };
        // Opening the comparison loads the pool, so it is ready by the time Run is pressed.
        if isolated {
            panel.start_pool(ctx);
        }
        panel
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            ComparisonMsg::Start => {
                if !self.isolated || self.running.is_some() {
                    return false;
                }
                self.runs.clear();
                self.picture = None;
                self.queue = MODES.iter().map(|(m, _)| *m).collect();
                match self.state {
                    PoolState::Ready { .. } => self.next(ctx),
                    // The runs start when the pool is ready.
                    PoolState::Starting { .. } => {}
                    PoolState::Off | PoolState::Failed(_) => self.start_pool(ctx),
                }
            }
            ComparisonMsg::Cancel => {
                // Terminating the worker stops the pool mid-run; the next start makes a new one.
                self.pool = None;
                self.state = PoolState::Off;
                self.queue.clear();
                self.running = None;
                self._ticker = None;
            }
            ComparisonMsg::Pool(PoolEvent::Ready { threads, .. }) => {
                // From asking for the worker to its pool being up, as the page sees it.
                let ms = match self.state {
                    PoolState::Starting { since_ms } => now_ms() - since_ms,
                    _ => 0.0,
                };
                self.state = PoolState::Ready { ms, threads };
                self.next(ctx);
            }
            ComparisonMsg::Pool(PoolEvent::Finished(run)) => {
                self.runs.push(run);
                self.draw_runs();
                self.next(ctx);
            }
            ComparisonMsg::Pool(PoolEvent::Failed(message)) => self.fail(message),
            ComparisonMsg::Threads(n) => {
                if n != self.threads {
                    self.threads = n;
                    self.pool = None;
                    self.state = PoolState::Off;
                }
            }
            ComparisonMsg::Size(n) => self.n = n,
            ComparisonMsg::Kernel(k) => {
                self.n = default_size(&k);
                self.kernel = k;
            }
            ComparisonMsg::Tick => {}
            ComparisonMsg::Viewport(v) => self.viewport = v,
            ComparisonMsg::SimKind(kind) => {
                self.sim_kind = kind;
                self.sim_viewport = None;
            }
            ComparisonMsg::SimViewport(v) => self.sim_viewport = Some(v),
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let props = ctx.props();
        // Busy once runs are asked for (the pool may still be starting for them).
        let busy = self.running.is_some() || !self.queue.is_empty();
        let state = match (&self.state, busy, self.runs.len()) {
            (PoolState::Failed(_), _, _) => "failed",
            (_, true, _) => "running",
            (_, false, 3) => "done",
            _ => "idle",
        };
        let status = match (&self.state, self.running) {
            (PoolState::Failed(m), _) => format!("The real pool failed: {m}"),
            (PoolState::Starting { .. }, _) => format!(
                "Loading the pool's module and starting {} workers…",
                self.threads
            ),
            (_, Some((mode, since))) => {
                let words = MODES
                    .iter()
                    .find(|(m, _)| *m == mode)
                    .map_or("", |(_, w)| w);
                format!("Running on {words}… {:.1} s", (now_ms() - since) / 1000.0)
            }
            (PoolState::Ready { ms, threads }, None) => {
                format!("Pool of {threads} workers ready ({ms:.0} ms to load and start).")
            }
            (PoolState::Off, None) => String::new(),
        };
        let ready_ms = match self.state {
            PoolState::Ready { ms, .. } => Some(format!("{ms:.1}")),
            _ => None,
        };
        let on_kernel = link.callback(|e: Event| {
            ComparisonMsg::Kernel(e.target_unchecked_into::<HtmlSelectElement>().value())
        });
        let on_size = link.callback(|e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            ComparisonMsg::Size(
                v.trim()
                    .replace([',', '_'], "")
                    .parse::<u64>()
                    .unwrap_or(1_000_000)
                    .clamp(1_000, 4_000_000_000),
            )
        });
        let on_threads = link.callback(|e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            ComparisonMsg::Threads(v.parse::<u32>().unwrap_or(2).clamp(1, 64))
        });
        html! {
            <section id="comparison" class="comparison" aria-labelledby="comparison-title" data-state={state}
                data-isolated={self.isolated.to_string()} data-pool-ready-ms={ready_ms}>
                <div class="share-head">
                    <h2 id="comparison-title">{ "Real cores beside the simulation" }</h2>
                    <button id="comparison-close" class="btn" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
                </div>
                <p class="hint">{ "The course's CPU-bound lesson on your own machine: the same kernel (count the primes below N by trial division, like the notes' is_prime) run by a real rayon pool in Web Workers, first on one worker, then on N workers that must hold one global lock while they work (what the GIL does to Python threads), then on N workers free." }</p>
                { self.simulated(ctx, props.simulated.as_deref()) }
                <h3 class="comparison-sub">{ "Your machine: a real rayon pool in Web Workers (wall-clock time)" }</h3>
                if !self.isolated {
                    { self.unavailable() }
                } else {
                    <div class="share-row">
                        <label for="comparison-kernel">{ "Kernel" }</label>
                        <select id="comparison-kernel" onchange={on_kernel} disabled={busy}>
                            <option value="primes" selected={self.kernel == "primes"}>{ "count primes below N" }</option>
                            <option value="squares" selected={self.kernel == "squares"}>{ "sum of squares below N" }</option>
                            <option value="monte-carlo" selected={self.kernel == "monte-carlo"}>{ "Monte-Carlo π with N points" }</option>
                        </select>
                        <label for="comparison-n">{ "N" }</label>
                        <input id="comparison-n" type="text" inputmode="numeric" value={self.n.to_string()} onchange={on_size} disabled={busy} />
                        <label for="comparison-threads">{ "Workers" }</label>
                        <input id="comparison-threads" type="number" min="1" max="64" value={self.threads.to_string()} onchange={on_threads} disabled={busy} />
                        if busy {
                            <button id="comparison-cancel" class="btn danger" onclick={link.callback(|_| ComparisonMsg::Cancel)}>{ "Cancel" }</button>
                        } else {
                            <button id="comparison-start" class="btn primary" onclick={link.callback(|_| ComparisonMsg::Start)}>{ "Run on real cores" }</button>
                        }
                    </div>
                    <p id="comparison-status" class="hint" role="status">{ status }</p>
                    if !self.runs.is_empty() { { self.results() } }
                    if let Some((trace, model)) = &self.picture {
                        <p class="hint">{ "Each worker's busy intervals, on a wall-clock axis from each run's start: running while it works on a chunk; under the lock, blocked between chunks." }</p>
                        <TimelineView model={model.clone()} trace={Some(trace.clone())} cursor_ns={model.end_ns}
                            veil={false} viewport={self.viewport} dark={props.dark}
                            on_viewport={link.callback(ComparisonMsg::Viewport)} on_seek={Callback::noop()}
                            id_prefix={Some(AttrValue::Static("real"))} />
                    }
                }
            </section>
        }
    }
}
