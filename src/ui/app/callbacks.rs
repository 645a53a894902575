//! The page's callbacks, made once when the page starts so the children's props stay equal
//! between frames (a fresh closure would make every child re-render).

use super::*;

/// Callbacks made once, so child props stay equal between frames.
pub(super) struct Callbacks {
    pub edit: Callback<String>,
    pub run: Callback<()>,
    pub stop: Callback<()>,
    pub toggle: Callback<()>,
    pub start: Callback<()>,
    pub end: Callback<()>,
    pub step: Callback<i32>,
    pub zoom: Callback<f64>,
    pub seek: Callback<u64>,
    pub speed: Callback<usize>,
    pub pace: Callback<Pace>,
    pub viewport: Callback<Viewport>,
    pub settings: Callback<Settings>,
    pub select: Callback<ThreadId>,
    pub locate: Callback<(u32, u32)>,
    pub show_deadlock: Callback<()>,
    pub gallery: Callback<bool>,
    pub pick: Callback<AttrValue>,
    pub restore: Callback<()>,
    pub share: Callback<ShareAction>,
    pub share_open: Callback<bool>,
    pub quiz_open: Callback<bool>,
    pub answer: Callback<(usize, usize)>,
    pub predict_start: Callback<()>,
    pub predict: Callback<PredictMsg>,
    pub explorer_open: Callback<bool>,
    pub explore: Callback<ExploreMsg>,
    pub game_open: Callback<()>,
    pub game: Callback<GameMsg>,
    pub lane: Callback<ThreadId>,
    pub close_schedule: Callback<()>,
    pub comparison_open: Callback<bool>,
}

impl Callbacks {
    pub fn new(link: &html::Scope<App>) -> Callbacks {
        Callbacks {
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
            gallery: link.callback(Msg::Gallery),
            pick: link.callback(Msg::Pick),
            restore: link.callback(|_| Msg::RestoreDraft),
            share: link.callback(Msg::Share),
            share_open: link.callback(Msg::ShareOpen),
            quiz_open: link.callback(Msg::QuizOpen),
            answer: link.callback(|(q, c)| Msg::Answer(q, c)),
            predict_start: link.callback(|_| Msg::PredictStart),
            predict: link.callback(Msg::Predict),
            explorer_open: link.callback(Msg::ExplorerOpen),
            explore: link.callback(Msg::Explore),
            game_open: link.callback(|_| Msg::GameOpen),
            game: link.callback(Msg::Game),
            lane: link.callback(Msg::Lane),
            close_schedule: link.callback(|_| Msg::CloseSchedule),
            comparison_open: link.callback(Msg::ComparisonOpen),
        }
    }
}
