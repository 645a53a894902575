//! The page's layout: every pane drawn from the [`App`]'s state at the playback cursor.

use super::*;

impl App {
    pub(super) fn page(&self) -> Html {
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
        let predicting = self.predicting();
        let summary = trace.as_ref().filter(|_| !running && !predicting).map(|t| {
            match t.directed.as_ref().and_then(|d| d.pending.as_ref()) {
                // "You are the scheduler" stopped at a decision: not an ending.
                Some(p) => OutcomeSummary {
                    kind: "your-pick",
                    severity: Severity::Ok,
                    title: format!("Your pick: who runs next at {}?", time_text(p.t_ns)),
                    detail: None,
                },
                None => outcome_summary(&t.outcome, &t.filename),
            }
        });
        // A deadlock has its own panel; the banner would only repeat it, and a pending pick
        // is asked in the scheduler panel.
        let banner = summary
            .clone()
            .filter(|s| s.kind != "deadlock" && s.kind != "your-pick");
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
        // The threads at the cursor: the inspector lists them, the code pane marks their lines.
        let threads = trace
            .as_ref()
            .map(|t| threads_at(t, &model, cursor_ns))
            .unwrap_or_default();
        let markers: Vec<(u32, ThreadId)> = match &self.result {
            Some(r) if r.source == self.source => threads
                .iter()
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
        let deadlock = trace.as_ref().filter(|_| !predicting).and_then(|t| {
            t.deadlock.as_ref().map(|d| {
                (
                    explain(t, d),
                    !d.cycle.is_empty(),
                    AttrValue::from(time_text(d.t_ns)),
                )
            })
        });
        // The deadlock explorer's graph follows the cursor (a scan of the trace: skipped for
        // very long runs, whose deadlock panel still explains the cycle in words).
        let wait_graph = trace
            .as_ref()
            .filter(|t| deadlock.is_some() && t.slices.len() + t.lock_events.len() < 500_000)
            .map(|t| Rc::new(crate::timeline::wait_graph::wait_graph(t, cursor_ns)));
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
            <div id="app" class={classes!("app", running.then_some("is-running"), self.dark.then_some("dark"), self.embed.then_some("embed"), predicting.then_some("predicting"))}
                data-status={status_word} data-playback={playback_word}
                data-scenario={self.scenario.as_ref().map(|s| s.slug.clone())}>
                if self.embed {
                    <nav class="embed-nav" aria-label="Interleave">
                        <h1 class="visually-hidden">{ "Interleave: " }{ self.scenario.as_ref().map_or("a Python program", |s| s.title.as_str()) }</h1>
                        <a id="open-full" class="open-full" href={self.full_app_href.clone()} target="_blank" rel="noopener">
                            { "Open in Interleave ↗" }
                        </a>
                    </nav>
                } else {
                    <header class="app-header">
                        <h1>{ "Interleave" }</h1>
                        <p class="tagline">{ "Python concurrency on a simulated CPython 3.11: who runs, who waits, who holds the GIL." }</p>
                        <nav class="header-actions" aria-label="Gallery and sharing">
                            <button id="open-gallery" class="btn primary" aria-expanded={self.gallery_open.to_string()}
                                onclick={self.callbacks.gallery.reform({ let open = self.gallery_open; move |_: MouseEvent| !open })}>
                                { "Gallery" }
                            </button>
                            <button id="open-quiz" class="btn" aria-expanded={self.quiz_open.to_string()}
                                onclick={self.callbacks.quiz_open.reform({ let open = self.quiz_open; move |_: MouseEvent| !open })}>
                                { "Quick checks" }
                            </button>
                            <button id="predict-start" class="btn" title="Hide the run, predict what it does, then reveal it"
                                onclick={self.callbacks.predict_start.reform(|_: MouseEvent| ())}>
                                { "Predict, then run" }
                            </button>
                            <button id="open-explorer" class="btn" aria-expanded={self.explorer_open.to_string()}
                                onclick={self.callbacks.explorer_open.reform({ let open = self.explorer_open; move |_: MouseEvent| !open })}>
                                { "Race explorer" }
                            </button>
                            <button id="open-scheduler" class="btn" aria-pressed={self.game.is_some().to_string()}
                                title="Choose yourself which thread runs at every point where CPython could switch"
                                onclick={self.callbacks.game_open.reform(|_: MouseEvent| ())}>
                                { "You are the scheduler" }
                            </button>
                            <button id="open-comparison" class="btn" aria-expanded={self.comparison_open.to_string()}
                                title="Run a CPU-bound kernel on your machine's real cores: one worker, workers sharing one lock, workers free"
                                onclick={self.callbacks.comparison_open.reform({ let open = self.comparison_open; move |_: MouseEvent| !open })}>
                                { "Real cores" }
                            </button>
                            <button id="open-share" class="btn" aria-expanded={self.share_open.to_string()}
                                onclick={self.callbacks.share_open.reform({ let open = self.share_open; move |_: MouseEvent| !open })}>
                                { "Share / export" }
                            </button>
                        </nav>
                        <p class="keys-help" id="keys-help">{ "Space play/pause · ←/→ one event · Shift+←/→ one GIL switch · Home/End · +/− zoom · 0 fit · Alt+←/→ pan" }</p>
                    </header>
                }
                if let Some(notice) = &self.notice {
                    <p id="link-notice" class="link-notice" role="status">{ notice.clone() }</p>
                }
                if self.gallery_open {
                    if let Some(scenarios) = &self.gallery {
                        <GalleryPanel scenarios={scenarios.clone()} current={self.scenario.as_ref().map(|s| AttrValue::from(s.slug.clone()))}
                            has_draft={self.has_draft} on_pick={self.callbacks.pick.clone()}
                            on_restore={self.callbacks.restore.clone()} on_close={self.callbacks.gallery.reform(|_| false)} />
                    } else {
                        <section id="gallery" class="gallery" data-state="loading"><p>{ "Loading the gallery…" }</p></section>
                    }
                }
                if self.quiz_open {
                    <QuizPanel quizzes={self.quizzes.clone()} answers={self.quiz_answers.clone()}
                        on_answer={self.callbacks.answer.clone()} on_see={self.callbacks.pick.clone()}
                        on_close={self.callbacks.quiz_open.reform(|_| false)} />
                }
                if self.explorer_open {
                    <ExplorerPanel seeds={self.explore_seeds} adversarial={self.explore_adversarial} strategy={self.explore_strategy}
                        tally={self.tally.clone()} running={self.exploring} on_msg={self.callbacks.explore.clone()} />
                }
                { self.scheduler_panel() }
                if self.comparison_open {
                    <ComparisonPanel dark={self.dark} simulated={self.simulated.clone()}
                        on_close={self.callbacks.comparison_open.reform(|_| false)} />
                }
                if let Some(opened) = &self.opened_schedule {
                    <p id="schedule-note" class="link-notice" role="status">
                        { format!("Showing the race explorer's {}; the first lost update, if any, is marked R, W, W! in the timeline. ", opened.words) }
                        <button id="schedule-close" class="btn" onclick={self.callbacks.close_schedule.reform(|_: MouseEvent| ())}>{ "Back to CPython's schedule" }</button>
                    </p>
                }
                if self.share_open {
                    <SharePanel link={self.share_address(false).map(AttrValue::from)} embed_snippet={self.embed_snippet().map(AttrValue::from)}
                        can_export={self.result.as_ref().is_some_and(|r| r.bytes.is_some())}
                        status={self.share_status.clone()} on_action={self.callbacks.share.clone()} />
                }
                <main class="layout">
                    <section class="pane code-pane" aria-labelledby="code-title">
                        <div class="pane-head">
                            <h2 id="code-title">{ DEFAULT_FILENAME }</h2>
                            <span class="hint">{ "Ctrl+Enter to run" }</span>
                        </div>
                        <CodePane value={self.source.clone()} on_input={self.callbacks.edit.clone()}
                            on_run={self.callbacks.run.clone()} error={inline_error} markers={markers} />
                        if !self.embed {
                        <SettingsPanel settings={self.settings.clone()} on_change={self.callbacks.settings.clone()} />
                        }
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
                        if let Some((prediction, verdicts)) = &self.predict {
                            <PredictPanel prediction={prediction.clone()} facts={self.facts.clone().filter(|_| !running)}
                                verdicts={verdicts.clone()} on_change={self.callbacks.predict.clone()}
                                on_seek={self.callbacks.seek.clone()} />
                        }
                        if let Some(scenario) = self.scenario.as_ref().filter(|s| s.code == self.source.as_str() && !predicting) {
                            <Narration scenario={scenario.clone()} notes={self.notes.clone()} cursor_ns={cursor_ns}
                                on_seek={self.callbacks.seek.clone()} />
                        }
                        if let Some((sentences, cycle, at)) = deadlock {
                            <DeadlockPanel sentences={sentences} cycle={cycle} at={at}
                                on_show={self.callbacks.show_deadlock.clone()} />
                            if let Some(graph) = wait_graph {
                                <WaitGraphView graph={graph} />
                            }
                            if let Some(fix) = self.scenario.as_ref().filter(|s| s.code == self.source.as_str()).and_then(|s| s.fix.clone()) {
                                <div id="deadlock-fix" class="deadlock-fix">
                                    <p><strong>{ "The fix: " }</strong>{ fix.text.clone() }</p>
                                    if let Some(slug) = fix.scenario {
                                        <button id="open-fix" class="btn" data-scenario={slug.clone()}
                                            onclick={self.callbacks.pick.reform(move |_: MouseEvent| AttrValue::from(slug.clone()))}>
                                            { "Open the fixed version" }
                                        </button>
                                    }
                                </div>
                            }
                        }
                        <TimelineView model={model.clone()} trace={trace.clone()} cursor_ns={cursor_ns}
                            veil={!self.playback.at_end()} viewport={self.viewport} running={running}
                            dark={self.dark} on_viewport={self.callbacks.viewport.clone()}
                            on_seek={self.callbacks.seek.clone()} on_lane={self.callbacks.lane.clone()} />
                        <Legend />
                        if let (Some(trace), false) = (&trace, self.embed) {
                            <Inspector trace={trace.clone()} model={model.clone()} cursor_ns={cursor_ns} threads={threads}
                                selected={Some(selected)} on_select={self.callbacks.select.clone()}>
                                <Variables snapshot={self.snapshot.as_ref().map(|(_, s)| s.clone())}
                                    answers_ns={self.snapshot.as_ref().map(|(at, _)| *at)} cursor_ns={cursor_ns}
                                    thread={selected} thread_name={AttrValue::from(model.thread_label(selected).to_string())} />
                            </Inspector>
                        }
                    </section>
                    if !self.embed {
                    <section class="pane console-pane" aria-labelledby="console-title">
                        <div class="pane-head">
                            <h2 id="console-title">{ "Console" }</h2>
                            <span class="hint">{ "stdout and " }<span class="stderr-word">{ "stderr" }</span>{ " · click a line to go to it" }</span>
                        </div>
                        <Console trace={trace} reached={reached} on_seek={self.callbacks.seek.clone()} />
                    </section>
                    }
                </main>
            </div>
        }
    }
}
