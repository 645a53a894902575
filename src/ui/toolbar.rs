//! The toolbar over the timeline: Run, Play/Pause, End (skip to the end), Stop (while
//! running) and the elapsed virtual time at the cursor; under it, the run's status and how it
//! ended. Play and End are disabled while a run is under way.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub running: bool,
    /// A trace is loaded and has something to play.
    pub can_play: bool,
    pub playing: bool,
    pub status: AttrValue,
    /// `data-outcome` and the words, once a trace came back.
    pub outcome: Option<(&'static str, AttrValue)>,
    pub elapsed: AttrValue,
    pub elapsed_ns: u64,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_toggle: Callback<()>,
    pub on_end: Callback<()>,
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let run = props.on_run.reform(|_: MouseEvent| ());
    let stop = props.on_stop.reform(|_: MouseEvent| ());
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let end = props.on_end.reform(|_: MouseEvent| ());
    let play_label = if props.playing { "Pause" } else { "Play" };
    html! {
        <>
            <div class="toolbar" role="toolbar" aria-label="Run controls">
                <button id="run" class="btn primary" type="button" onclick={run}
                    title="Run the program (Ctrl+Enter)">{ "Run" }</button>
                <button id="play" class={classes!("btn", if props.playing { "is-playing" } else { "is-paused" })}
                    type="button" onclick={toggle} disabled={!props.can_play}
                    aria-label={play_label} data-playing={props.playing.to_string()}>{ play_label }</button>
                <button id="end" class="btn" type="button" data-action="end" onclick={end}
                    disabled={!props.can_play} aria-label="Skip to the end" title="Skip to the end">{ "End" }</button>
                if props.running {
                    <button id="stop" class="btn" type="button" onclick={stop}>{ "Stop" }</button>
                }
                <span id="elapsed" class="elapsed" data-ns={props.elapsed_ns.to_string()}>{ props.elapsed.clone() }</span>
            </div>
            <div class="run-info">
                <span id="status" class={classes!("status", props.running.then_some("busy"))}
                    role="status" aria-live="polite">{ props.status.clone() }</span>
                if let Some((kind, words)) = &props.outcome {
                    <span id="outcome" class={classes!("outcome", *kind)} data-outcome={*kind}>{ words.clone() }</span>
                }
            </div>
        </>
    }
}
