//! Predict, then reveal (`#predict`): while the run is hidden, the student predicts what it
//! prints last, which thread prints first, whether it deadlocks and how long it takes; Reveal
//! grades each against the run and offers to jump to the moment that decides it.

use crate::format::time_text;
use crate::predict::{Facts, Prediction, Verdict, DURATIONS};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum PredictMsg {
    LastLine(String),
    FirstPrinter(Option<String>),
    Deadlocks(bool),
    Duration(Option<usize>),
    Reveal,
    Close,
}

#[derive(Properties, PartialEq)]
pub struct PredictProps {
    pub prediction: Prediction,
    /// The hidden run's facts, once it has finished.
    pub facts: Option<Rc<Facts>>,
    /// After Reveal: each question graded.
    pub verdicts: Option<Rc<Vec<Verdict>>>,
    pub on_change: Callback<PredictMsg>,
    pub on_seek: Callback<u64>,
}

#[function_component]
pub fn PredictPanel(props: &PredictProps) -> Html {
    let send = |m: PredictMsg| props.on_change.reform(move |_: MouseEvent| m.clone());
    let p = &props.prediction;
    if let Some(verdicts) = &props.verdicts {
        let rows = verdicts.iter().map(|v| {
            let (state, word) = match v.right {
                Some(true) => ("right", "Right"),
                Some(false) => ("wrong", "Not this time"),
                None => ("skipped", "Not predicted"),
            };
            let at = v.at_ns;
            html! {
                <li class={classes!("verdict-row", state)} data-key={v.key} data-state={state}>
                    <span class="verdict-question">{ v.question }</span>
                    <span class="verdict-word">{ word }</span>
                    <span class="verdict-actual">{ format!("The run: {}", v.actual) }</span>
                    <button class="btn note-jump" onclick={props.on_seek.reform(move |_: MouseEvent| at)}>
                        { format!("Go to the moment ({})", time_text(at)) }
                    </button>
                </li>
            }
        });
        return html! {
            <section id="predict" class="predict revealed" aria-labelledby="predict-title">
                <div class="share-head">
                    <h3 id="predict-title">{ "Your predictions, revealed" }</h3>
                    <button id="predict-close" class="btn" onclick={send(PredictMsg::Close)}>{ "Close" }</button>
                </div>
                <ul class="verdicts">{ for rows }</ul>
            </section>
        };
    }
    let on_line = props.on_change.reform(|e: InputEvent| {
        PredictMsg::LastLine(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let printers = props
        .facts
        .as_ref()
        .map(|f| f.printers.clone())
        .unwrap_or_default();
    let mut sorted = printers.clone();
    sorted.sort();
    let on_printer = props.on_change.reform(|e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        PredictMsg::FirstPrinter((!v.is_empty()).then_some(v))
    });
    let on_duration = props.on_change.reform(|e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        PredictMsg::Duration(v.parse().ok())
    });
    html! {
        <section id="predict" class="predict" aria-labelledby="predict-title">
            <div class="share-head">
                <h3 id="predict-title">{ "Predict, then reveal" }</h3>
                <button id="predict-close" class="btn" onclick={send(PredictMsg::Close)}>{ "Close" }</button>
            </div>
            <p class="hint">{ "The run is hidden until you reveal it. Answer what you like." }</p>
            <label for="predict-last-line">{ "What does it print last?" }</label>
            <input id="predict-last-line" type="text" value={p.last_line.clone()} oninput={on_line}
                placeholder="e.g. counter 200000" autocomplete="off" />
            if sorted.len() > 1 {
                <label for="predict-first">{ "Which thread prints first?" }</label>
                <select id="predict-first" onchange={on_printer}>
                    <option value="" selected={p.first_printer.is_none()}>{ "—" }</option>
                    { for sorted.iter().map(|n| html! {
                        <option value={n.clone()} selected={p.first_printer.as_ref() == Some(n)}>{ n.clone() }</option>
                    }) }
                </select>
            }
            <fieldset class="predict-deadlock">
                <legend>{ "Does it deadlock?" }</legend>
                <button id="predict-deadlock-yes" class={classes!("choice", (p.deadlocks == Some(true)).then_some("picked"))}
                    aria-pressed={(p.deadlocks == Some(true)).to_string()} onclick={send(PredictMsg::Deadlocks(true))}>{ "Yes" }</button>
                <button id="predict-deadlock-no" class={classes!("choice", (p.deadlocks == Some(false)).then_some("picked"))}
                    aria-pressed={(p.deadlocks == Some(false)).to_string()} onclick={send(PredictMsg::Deadlocks(false))}>{ "No" }</button>
            </fieldset>
            <label for="predict-duration">{ "How long does it run, in virtual time?" }</label>
            <select id="predict-duration" onchange={on_duration}>
                <option value="" selected={p.duration.is_none()}>{ "—" }</option>
                { for DURATIONS.iter().enumerate().map(|(i, (words, _))| html! {
                    <option value={i.to_string()} selected={p.duration == Some(i)}>{ *words }</option>
                }) }
            </select>
            <div class="share-row">
                <button id="predict-reveal" class="btn primary" disabled={props.facts.is_none()} onclick={send(PredictMsg::Reveal)}>
                    { if props.facts.is_some() { "Reveal" } else { "Running…" } }
                </button>
            </div>
        </section>
    }
}
