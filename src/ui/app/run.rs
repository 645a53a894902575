//! Running the program in the engine's worker (a fresh worker for each Stop or failure), what
//! the worker says back (progress, the trace so far of a long run, the trace, snapshots), and
//! asking it for the variables at the cursor.

use super::*;

impl App {
    /// Replaces the worker (terminating the old one, and any run in it) with a fresh one.
    pub(super) fn spawn_worker(&mut self, ctx: &Context<Self>) {
        self.worker = None;
        self.generation = self.generation.wrapping_add(1);
        let generation = self.generation;
        let link = ctx.link().clone();
        match EngineWorker::spawn(move |event| link.send_message(Msg::Worker(generation, event))) {
            Ok(worker) => self.worker = Some(worker),
            Err(message) => self.failure = Some(message.into()),
        }
        self.request_gallery();
    }

    pub(super) fn run(&mut self, ctx: &Context<Self>) {
        // A run in progress is abandoned by replacing its worker; a failed worker is replaced.
        if self.running_since.is_some() || self.worker.is_none() {
            self.spawn_worker(ctx);
        }
        let mut request = RunRequest::new(self.source.to_string(), DEFAULT_FILENAME);
        self.settings.apply(&mut request);
        self.direct(&mut request);
        let sent = request.clone();
        let Some(worker) = &mut self.worker else {
            return;
        };
        self.failure = None;
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

    /// What the explorer's opened schedule or the scheduler game adds to a run request.
    pub(super) fn direct(&self, request: &mut RunRequest) {
        if let Some(game) = &self.game {
            request.director = Some(interleave_engine::Director::Picks(game.picks.clone()));
            request.watch_conflicts = true;
        } else if let Some(opened) = &self.opened_schedule {
            request.director = opened.director.clone();
            request.watch_conflicts = true;
        }
    }

    /// Asks the worker for the variables at the cursor, at once: a single jump is answered
    /// without waiting. While an earlier request replays, nothing is sent; its answer asks
    /// again for wherever the cursor is then, so a drag costs at most one stale replay.
    pub(super) fn send_inspect(&mut self) {
        let at_ns = self.playback.cursor_ns();
        if self.running_since.is_some()
            || self.playback.is_playing()
            || self.inspecting.is_some()
            || self
                .snapshot
                .as_ref()
                .is_some_and(|(asked, _)| *asked == at_ns)
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

    pub(super) fn on_worker_event(&mut self, ctx: &Context<Self>, event: WorkerEvent) -> bool {
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
                    Ok(trace) => {
                        self.load(ctx, trace, real_ms);
                        if let Some(r) = &mut self.result {
                            r.bytes = Some(Rc::new(bytes));
                        }
                    }
                    Err(message) => self.failure = Some(message.into()),
                }
                true
            }
            WorkerEvent::Gallery(scenarios) => {
                self.on_gallery(ctx, scenarios);
                true
            }
            WorkerEvent::Simulated(runs) => {
                let views = runs
                    .into_iter()
                    .filter_map(crate::ui::comparison_panel::SimulatedView::of)
                    .collect();
                self.simulated = Some(Rc::new(views));
                true
            }
            WorkerEvent::Explored(tally) => {
                if !self.exploring {
                    return false;
                }
                if tally.runs >= self.explore_seeds {
                    self.exploring = false;
                }
                self.tally = Some(tally);
                true
            }
            WorkerEvent::Packed { code, packed } => {
                self.on_packed(code, packed);
                true
            }
            WorkerEvent::Unpacked(result) => {
                self.on_unpacked(ctx, result);
                true
            }
            WorkerEvent::ChromeTrace(json) => {
                self.save_chrome_trace(&json);
                true
            }
            WorkerEvent::TraceSoFar(bytes) => {
                if self.running_since.is_none() {
                    return false;
                }
                match decode_trace(&bytes) {
                    Ok(trace) => self.show_so_far(trace),
                    Err(message) => self.failure = Some(message.into()),
                }
                true
            }
            WorkerEvent::Progress(progress) => {
                self.progress = Some(progress);
                self.running_since.is_some()
            }
            WorkerEvent::Snapshot(snapshot) => {
                let asked = self.inspecting.take();
                self.snapshot = asked.map(|at_ns| (at_ns, Shared::new(snapshot)));
                // The cursor moved on while the worker replayed: ask again.
                if asked != Some(self.playback.cursor_ns()) {
                    self.send_inspect();
                }
                true
            }
            WorkerEvent::Failed(message) => {
                self.running_since = None;
                self.exploring = false;
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

    /// Shows the running program's trace so far, the cursor at its end. The window follows
    /// the growing run unless the user has zoomed or panned into an earlier copy.
    fn show_so_far(&mut self, trace: Trace) {
        let model = TimelineModel::new(&trace);
        let end = model.end_ns;
        let following = match &self.result {
            Some(r) if r.so_far => self.viewport == Viewport::fit(r.model.end_ns),
            _ => true,
        };
        self.playback = self.playback.load(end, end, false);
        if following {
            self.viewport = Viewport::fit(end);
        }
        let real_ms = self.running_since.map_or(0.0, |t| now_ms() - t);
        self.show_result(trace, model, real_ms, true);
        self.frame = None;
    }

    /// Makes `trace` the run the page shows (of the running request; `so_far` while it is
    /// still going, which keeps the request for the copies to come).
    fn show_result(&mut self, trace: Trace, model: TimelineModel, real_ms: f64, so_far: bool) {
        if self
            .selected
            .is_some_and(|t| t as usize >= trace.threads.len())
        {
            self.selected = None;
        }
        self.facts = (!so_far).then(|| Rc::new(Facts::of(&trace)));
        let request = if so_far {
            self.running_request.clone()
        } else {
            self.running_request.take()
        };
        self.result = Some(RunResult {
            trace: Shared::new(trace),
            model: Shared::new(model),
            real_ms,
            so_far,
            source: self.running_source.clone(),
            bytes: None,
            request: request.unwrap_or_else(|| {
                RunRequest::new(self.running_source.to_string(), DEFAULT_FILENAME)
            }),
        });
        self.snapshot = None;
        self.place_notes();
    }

    pub(super) fn load(&mut self, ctx: &Context<Self>, trace: Trace, real_ms: f64) {
        let model = TimelineModel::new(&trace);
        let end = model.end_ns;
        self.playback = match std::mem::replace(&mut self.arrival, Arrival::PlayFromStart) {
            Arrival::Fraction(fraction) => {
                self.playback
                    .load(end, (fraction * end as f64).round() as u64, false)
            }
            Arrival::At(t_ns, play) => self.playback.load(end, t_ns, play),
            // Less motion asked for: the whole run at once, paused (Play still animates).
            Arrival::PlayFromStart if self.reduced_motion => self.playback.load(end, end, false),
            Arrival::PlayFromStart => self.playback.load(end, 0, true),
        };
        self.viewport = Viewport::fit(end);
        self.show_result(trace, model, real_ms, false);
        self.inspecting = None;
        if self.playback.is_playing() {
            self.schedule_frame(ctx);
        } else {
            self.frame = None;
            self.send_inspect();
        }
    }
}
