//! Predict, then reveal, from the app's side: the predictions as they are made, and grading
//! them against the hidden run.

use super::*;

impl App {
    pub(super) fn on_predict(&mut self, ctx: &Context<Self>, m: PredictMsg) {
        let Some((p, verdicts)) = &mut self.predict else {
            return;
        };
        match m {
            PredictMsg::LastLine(text) => p.last_line = text,
            PredictMsg::FirstPrinter(name) => p.first_printer = name,
            PredictMsg::Deadlocks(yes) => p.deadlocks = Some(yes),
            PredictMsg::Duration(bucket) => p.duration = bucket,
            PredictMsg::Reveal => {
                if let Some(facts) = &self.facts {
                    *verdicts = Some(Rc::new(grade(p, facts)));
                    // Play the revealed run from the start.
                    self.playback = self.playback.load(self.playback.end_ns(), 0, true);
                    self.schedule_frame(ctx);
                }
            }
            PredictMsg::Close => self.predict = None,
        }
    }

    /// The run is hidden while predictions are being made.
    pub(super) fn predicting(&self) -> bool {
        matches!(self.predict, Some((_, None)))
    }
}
