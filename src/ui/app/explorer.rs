//! The race explorer from the app's side: starting and stopping a tally in the worker, and
//! opening an outcome's schedule — a seed's under CPython's switching, or a PCT schedule —
//! in the timeline, watched for lost updates so the first one is marked.

use super::*;
use crate::explore::pct;

/// A schedule opened from the race explorer: the run is watched for lost updates, and
/// directed by PCT when the explorer's runs were.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct OpenedSchedule {
    pub director: Option<interleave_engine::Director>,
    /// "seed 17" or "PCT schedule 17 (depth 2)".
    pub words: String,
}

impl App {
    pub(super) fn on_explore(&mut self, ctx: &Context<Self>, m: ExploreMsg) {
        match m {
            ExploreMsg::Seeds(n) => self.explore_seeds = n,
            ExploreMsg::Adversarial(on) => self.explore_adversarial = on,
            ExploreMsg::Strategy(s) => self.explore_strategy = s,
            ExploreMsg::Start => {
                // A run in progress makes way: the worker serves one request at a time.
                if self.running_since.is_some() || self.exploring || self.worker.is_none() {
                    self.running_since = None;
                    self.spawn_worker(ctx);
                }
                let mut request = RunRequest::new(self.source.to_string(), DEFAULT_FILENAME);
                let mut settings = self.settings.clone();
                settings.preemption = self.preemption_for_explorer();
                settings.apply(&mut request);
                let explore = Request::Explore {
                    run: request,
                    seeds: self.explore_seeds,
                    strategy: self.explore_strategy,
                };
                if let Some(worker) = &mut self.worker {
                    match worker.request(explore.to_bytes()) {
                        Ok(()) => {
                            self.exploring = true;
                            self.tally = None;
                            self.inspecting = None;
                        }
                        Err(message) => self.failure = Some(message.into()),
                    }
                }
            }
            ExploreMsg::Stop => {
                if self.exploring {
                    self.exploring = false;
                    self.inspecting = None;
                    self.spawn_worker(ctx);
                }
            }
            ExploreMsg::Open(seed) => {
                let mut settings = self.settings.clone();
                settings.preemption = self.preemption_for_explorer();
                let pct_of_tally = self.tally.as_ref().and_then(|t| t.pct);
                self.opened_schedule = Some(match pct_of_tally {
                    Some((depth, span)) => OpenedSchedule {
                        director: Some(pct(seed, depth, span)),
                        words: format!("PCT schedule {seed} (depth {depth})"),
                    },
                    None => {
                        settings.seed = seed;
                        OpenedSchedule {
                            director: None,
                            words: format!("seed {seed}"),
                        }
                    }
                });
                self.explorer_open = false;
                ctx.link().send_message(Msg::Settings(settings));
            }
            ExploreMsg::Close => self.explorer_open = false,
        }
    }

    fn preemption_for_explorer(&self) -> Preemption {
        if self.explore_adversarial {
            Preemption::AnyInstruction
        } else {
            Preemption::EvalBreaker
        }
    }

    /// Back to CPython's own schedule after looking at one the explorer opened.
    pub(super) fn close_opened_schedule(&mut self, ctx: &Context<Self>) {
        if self.opened_schedule.take().is_some() {
            self.arrival = Arrival::PlayFromStart;
            self.run(ctx);
        }
    }
}
