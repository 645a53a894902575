//! The toolbar over the timeline: Run / Stop, the transport (start, one event back, play /
//! pause, one event forward, end), speed and pace, zoom buttons, the scrubber and the elapsed
//! virtual time at the cursor; under it, the run's status (with progress while running) and
//! how it ended.

use crate::playback::{Pace, SPEEDS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Scrubber positions.
const SCRUB_STEPS: f64 = 10_000.0;

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
    pub end_ns: u64,
    pub speed: usize,
    pub pace: Pace,
    /// "1× = 1.25 ms of virtual time per second".
    pub rate: AttrValue,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_toggle: Callback<()>,
    pub on_start: Callback<()>,
    pub on_end: Callback<()>,
    /// −1 or +1: one event.
    pub on_step: Callback<i32>,
    pub on_speed: Callback<usize>,
    pub on_pace: Callback<Pace>,
    pub on_seek: Callback<u64>,
    /// Zoom by a factor (> 1 in), or fit when 0.
    pub on_zoom: Callback<f64>,
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    let step_back = props.on_step.reform(|_: MouseEvent| -1);
    let step_forward = props.on_step.reform(|_: MouseEvent| 1);
    let zoom_in = props.on_zoom.reform(|_: MouseEvent| 2.0);
    let zoom_out = props.on_zoom.reform(|_: MouseEvent| 0.5);
    let fit = props.on_zoom.reform(|_: MouseEvent| 0.0);
    let speed = props.on_speed.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select
            .value()
            .parse()
            .unwrap_or(crate::playback::DEFAULT_SPEED)
    });
    let pace = props.on_pace.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if select.value() == "events" {
            Pace::Events
        } else {
            Pace::Time
        }
    });
    let end_ns = props.end_ns;
    let scrub = props.on_seek.reform(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let position: f64 = input.value().parse().unwrap_or(0.0);
        (position / SCRUB_STEPS * end_ns as f64).round() as u64
    });
    let scrub_value = if props.end_ns > 0 {
        (props.elapsed_ns as f64 / props.end_ns as f64 * SCRUB_STEPS).round()
    } else {
        SCRUB_STEPS
    };
    let play_label = if props.playing { "Pause" } else { "Play" };
    let off = !props.can_play;
    html! {
        <>
            <div class="toolbar" role="toolbar" aria-label="Run and playback controls">
                <button id="run" class="btn primary" type="button" onclick={click(&props.on_run)}
                    title="Run the program (Ctrl+Enter)">{ "Run" }</button>
                if props.running {
                    <button id="stop" class="btn danger" type="button" onclick={click(&props.on_stop)}
                        title="Stop the run">{ "Stop" }</button>
                }
                <span class="transport">
                    <button id="start" class="btn icon" type="button" onclick={click(&props.on_start)} disabled={off}
                        aria-label="Jump to the start" title="Jump to the start (Home)">{ "|◀" }</button>
                    <button id="step-back" class="btn icon" type="button" onclick={step_back} disabled={off}
                        aria-label="One event back" title="One event back (←; Shift+← one GIL switch)">{ "◀" }</button>
                    <button id="play" class={classes!("btn", "play", if props.playing { "is-playing" } else { "is-paused" })}
                        type="button" onclick={click(&props.on_toggle)} disabled={off}
                        aria-label={play_label} title={format!("{play_label} (Space)")}
                        data-playing={props.playing.to_string()}>{ play_label }</button>
                    <button id="step-forward" class="btn icon" type="button" onclick={step_forward} disabled={off}
                        aria-label="One event forward" title="One event forward (→; Shift+→ one GIL switch)">{ "▶|" }</button>
                    <button id="end" class="btn" type="button" data-action="end" onclick={click(&props.on_end)} disabled={off}
                        aria-label="Skip to the end" title="Skip to the end (End)">{ "End" }</button>
                </span>
                <label class="compact" title={props.rate.clone()}>
                    <span class="visually-hidden">{ "Speed" }</span>
                    <select id="speed" onchange={speed} aria-label="Playback speed">
                        { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={i == props.speed}>{ format!("{s}×") }</option>
                        }) }
                    </select>
                </label>
                <select id="pace" onchange={pace} aria-label="Playback pace">
                    <option value="time" selected={props.pace == Pace::Time}>{ "virtual time" }</option>
                    <option value="events" selected={props.pace == Pace::Events}>{ "event by event" }</option>
                </select>
                <span class="zoom">
                    <button id="zoom-out" class="btn icon" type="button" onclick={zoom_out} disabled={off}
                        aria-label="Zoom out" title="Zoom out (−)">{ "−" }</button>
                    <button id="zoom-in" class="btn icon" type="button" onclick={zoom_in} disabled={off}
                        aria-label="Zoom in" title="Zoom in (+)">{ "+" }</button>
                    <button id="fit" class="btn" type="button" onclick={fit} disabled={off}
                        title="Show the whole run (0)">{ "Fit" }</button>
                </span>
                <span id="elapsed" class="elapsed" data-ns={props.elapsed_ns.to_string()}>{ props.elapsed.clone() }</span>
            </div>
            <input id="scrubber" class="scrubber" type="range" min="0" max={SCRUB_STEPS.to_string()}
                value={scrub_value.to_string()} oninput={scrub} disabled={off}
                aria-label="Playback position" aria-valuetext={props.elapsed.clone()} />
            <div class="run-info">
                <span id="status" class={classes!("status", props.running.then_some("busy"))}
                    role="status" aria-live="polite">{ props.status.clone() }</span>
                <span id="rate" class="rate">{ props.rate.clone() }</span>
                if let Some((kind, words)) = &props.outcome {
                    <span id="outcome" class={classes!("outcome", *kind)} data-outcome={*kind}>{ words.clone() }</span>
                }
            </div>
        </>
    }
}
