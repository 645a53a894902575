//! "You are the scheduler" from the app's side: the picks so far and the goals; each pick
//! re-runs the program directed by the picks (the engine stops at the next decision), with
//! the cursor at the end of what ran.

use super::*;
use crate::gallery::Goal;
use crate::scheduler_mode::{self, Choice, MAX_PICKS};
use crate::ui::scheduler_panel::GameMsg;

/// A game in progress.
pub(super) struct Game {
    pub picks: Vec<ThreadId>,
    pub goals: Rc<Vec<Goal>>,
}

impl App {
    pub(super) fn open_game(&mut self, ctx: &Context<Self>) {
        self.close_panels();
        self.opened_schedule = None;
        let goals = self
            .scenario
            .as_ref()
            .filter(|s| s.code == self.source.as_str() && !s.goals.is_empty())
            .map_or_else(scheduler_mode::default_goals, |s| s.goals.clone());
        self.game = Some(Game {
            picks: Vec::new(),
            goals: Rc::new(goals),
        });
        self.run_game(ctx);
    }

    pub(super) fn on_game(&mut self, ctx: &Context<Self>, m: GameMsg) {
        let Some(game) = &mut self.game else {
            return;
        };
        match m {
            GameMsg::Choose(thread) => {
                let choosable = self.game_choices().iter().any(|c| c.thread == thread);
                let Some(game) = &mut self.game else {
                    return;
                };
                if !choosable || game.picks.len() >= MAX_PICKS {
                    return;
                }
                game.picks.push(thread);
            }
            GameMsg::Undo => {
                if game.picks.pop().is_none() {
                    return;
                }
            }
            GameMsg::Restart => game.picks.clear(),
            GameMsg::Close => {
                self.game = None;
                self.arrival = Arrival::PlayFromStart;
                self.run(ctx);
                return;
            }
        }
        self.run_game(ctx);
    }

    /// Picks the choice with key `key` (1–9); false when there is no game or no such choice.
    pub(super) fn choose_by_key(&mut self, ctx: &Context<Self>, key: usize) -> bool {
        let Some(thread) = self
            .game_choices()
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.thread)
        else {
            return false;
        };
        self.on_game(ctx, GameMsg::Choose(thread));
        true
    }

    fn run_game(&mut self, ctx: &Context<Self>) {
        self.arrival = Arrival::At(u64::MAX, false);
        self.run(ctx);
    }

    /// The choices of the decision the shown run stopped at (none while a run is under way).
    pub(super) fn game_choices(&self) -> Vec<Choice> {
        match &self.result {
            Some(r) if self.game.is_some() && self.running_since.is_none() && !r.so_far => {
                scheduler_mode::choices(&r.trace, &r.source)
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn scheduler_panel(&self) -> Html {
        let Some(game) = &self.game else {
            return Html::default();
        };
        let waiting = self.running_since.is_some();
        let trace = self
            .result
            .as_ref()
            .filter(|r| !r.so_far && !waiting)
            .map(|r| r.trace.clone());
        let finished = trace.as_ref().is_some_and(|t| scheduler_mode::finished(t));
        let goals: Vec<(Goal, bool)> = game
            .goals
            .iter()
            .map(|g| {
                let reached = trace
                    .as_ref()
                    .is_some_and(|t| scheduler_mode::reached(g, t));
                (g.clone(), reached)
            })
            .collect();
        let ending = trace.as_ref().filter(|_| finished).map(|t| {
            AttrValue::from(format!(
                "The run is over: {}",
                crate::explore::outcome_of(t)
            ))
        });
        html! {
            <SchedulerPanel picks={game.picks.len()} choices={self.game_choices()} {goals} {finished}
                {ending} {waiting} on_msg={self.callbacks.game.clone()} />
        }
    }
}
