//! The scenario's notes (`#narration`): what the scenario shows and where it comes from, and
//! its narration, each note at its moment of the run: the note in force at the cursor is
//! marked, the ones still to come are dimmed, and clicking one moves the cursor there.

use crate::format::time_text;
use crate::gallery::{current_note, Scenario, TimedNote};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub scenario: Rc<Scenario>,
    /// The notes placed on the run shown (empty until it has run).
    pub notes: Rc<Vec<TimedNote>>,
    pub cursor_ns: u64,
    pub on_seek: Callback<u64>,
}

#[function_component]
pub fn Narration(props: &NarrationProps) -> Html {
    let s = &props.scenario;
    let current = current_note(&props.notes, props.cursor_ns);
    let notes = props.notes.iter().enumerate().map(|(i, note)| {
        let seek = {
            let t = note.t_ns;
            props.on_seek.reform(move |_: MouseEvent| t)
        };
        let state = match current {
            Some(c) if c == i => "current",
            Some(c) if i < c => "past",
            _ => "ahead",
        };
        html! {
            <li class={classes!("note", state)} data-state={state} aria-current={(state == "current").then_some("step")}>
                <button class="note-time" onclick={seek} aria-label={format!("Go to {}", time_text(note.t_ns))}>
                    { time_text(note.t_ns) }
                </button>
                <span class="note-text">{ &note.text }</span>
            </li>
        }
    });
    let source = match &s.source {
        Some(src) => format!("From course notes {}, “{}”.", src.doc, src.section),
        None => "Written for the gallery (the notes describe it without showing it).".into(),
    };
    html! {
        <section id="narration" class="narration" aria-labelledby="narration-title" data-scenario={s.slug.clone()}>
            <h3 id="narration-title">{ &s.title }</h3>
            <p class="summary">{ &s.summary }</p>
            <p class="provenance">
                { source }
                if let Some(adapted) = &s.adapted {
                    { " Adapted: " }{ adapted }
                }
            </p>
            if !props.notes.is_empty() {
                <ol class="notes">{ for notes }</ol>
            }
        </section>
    }
}
