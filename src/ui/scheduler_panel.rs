//! "You are the scheduler" (`#scheduler`): at each point where CPython could switch threads
//! the student picks who runs next (a button, keys 1–9, or a click on the thread's lane),
//! undoes a pick (Backspace), and sees the scenario's goals ticked off when the engine sees
//! them reached.

use crate::gallery::Goal;
use crate::scheduler_mode::Choice;
use interleave_engine::trace::ThreadId;
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum GameMsg {
    Choose(ThreadId),
    Undo,
    Restart,
    Close,
}

#[derive(Properties, PartialEq)]
pub struct SchedulerProps {
    pub picks: usize,
    /// The decision the run stopped at; empty once the run is over.
    pub choices: Vec<Choice>,
    /// Each goal, and whether the finished run reached it.
    pub goals: Vec<(Goal, bool)>,
    /// The run is over (no decision left).
    pub finished: bool,
    /// How the run ended, in words, once it is over.
    pub ending: Option<AttrValue>,
    /// A run is under way (the page waits for the next decision).
    pub waiting: bool,
    pub on_msg: Callback<GameMsg>,
}

#[function_component]
pub fn SchedulerPanel(props: &SchedulerProps) -> Html {
    let send = |m: GameMsg| props.on_msg.reform(move |_: MouseEvent| m.clone());
    let choices = props.choices.iter().map(|c| {
        let thread = c.thread;
        let label = format!(
            "{}: {} — line {}: {}{}",
            c.key,
            c.name,
            c.line,
            c.code,
            if c.running { " (holds the GIL)" } else { "" }
        );
        html! {
            <li>
                <button class={classes!("btn", "choice", c.running.then_some("running"))}
                    data-thread={thread.to_string()} data-key={c.key.to_string()}
                    aria-label={label.clone()} onclick={props.on_msg.reform(move |_: MouseEvent| GameMsg::Choose(thread))}>
                    <kbd>{ c.key }</kbd>
                    <span class="choice-name">{ c.name.clone() }</span>
                    <code class="choice-code">{ if c.line > 0 { format!("{}: {}", c.line, c.code) } else { c.code.clone() } }</code>
                    if c.running { <span class="choice-note">{ "holds the GIL" }</span> }
                </button>
            </li>
        }
    });
    let goals = props.goals.iter().map(|(g, reached)| {
        let state = if !props.finished {
            "open"
        } else if *reached {
            "reached"
        } else {
            "missed"
        };
        let mark = match state {
            "reached" => "✔",
            "missed" => "✘",
            _ => "○",
        };
        html! {
            <li class="goal" data-state={state}>
                <span class="goal-mark" aria-hidden="true">{ mark }</span>
                { g.text.clone() }
                <span class="visually-hidden">{ format!(" ({state})") }</span>
            </li>
        }
    });
    html! {
        <section id="scheduler" class="scheduler" aria-labelledby="scheduler-title"
            data-picks={props.picks.to_string()} data-finished={props.finished.to_string()}>
            <div class="share-head">
                <h2 id="scheduler-title">{ "You are the scheduler" }</h2>
                <button id="scheduler-close" class="btn" onclick={send(GameMsg::Close)}>{ "Close" }</button>
            </div>
            <p class="hint">{ "At every point where CPython could switch threads, you choose who runs next: press 1–9, click a button or a thread's lane. Threads that sleep or wait are not choices until they could run. Backspace takes a pick back." }</p>
            <ul class="goals" aria-label="Goals">{ for goals }</ul>
            <div class="share-row">
                <span id="scheduler-count" class="hint" role="status">{ format!("{} pick{} so far", props.picks, if props.picks == 1 { "" } else { "s" }) }</span>
                <button id="scheduler-undo" class="btn" disabled={props.picks == 0} onclick={send(GameMsg::Undo)}>{ "Undo" }</button>
                <button id="scheduler-restart" class="btn" disabled={props.picks == 0} onclick={send(GameMsg::Restart)}>{ "Restart" }</button>
            </div>
            if props.waiting {
                <p class="hint">{ "Running to the next decision…" }</p>
            } else if props.finished {
                <p id="scheduler-ending">{ props.ending.clone().unwrap_or_default() }</p>
            } else {
                <p class="hint">{ "Who runs next?" }</p>
                <ol class="choices" aria-label="Who runs next">{ for choices }</ol>
            }
        </section>
    }
}
