//! The inspector: the run at the cursor — every thread (state, line, what it waits for; a
//! click selects it), every lock's holder and waiters, every asyncio task — and, below, the
//! variables of the selected thread (`Variables`, filled by the worker's replay).

use super::shared::Shared;
use crate::timeline::at_cursor::{primitives_at, tasks_at, ThreadAt};
use crate::timeline::palette;
use crate::timeline::TimelineModel;
use interleave_engine::trace::{ThreadId, Trace};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub trace: Shared<Trace>,
    pub model: Shared<TimelineModel>,
    pub cursor_ns: u64,
    /// The threads at the cursor (computed once by the page, which also marks their lines).
    pub threads: Vec<ThreadAt>,
    pub selected: Option<ThreadId>,
    pub on_select: Callback<ThreadId>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let threads = &props.threads;
    let primitives = primitives_at(&props.trace, &props.model, props.cursor_ns);
    let tasks = tasks_at(&props.trace, props.cursor_ns);
    html! {
        <section id="inspector" class="inspector" aria-label="Inspector at the cursor">
            <table class="threads" aria-label="Threads">
                <thead><tr><th>{ "Thread" }</th><th>{ "State" }</th><th>{ "Line" }</th></tr></thead>
                <tbody>
                { for threads.iter().map(|t| {
                    let id = t.thread;
                    let onclick = props.on_select.reform(move |_: MouseEvent| id);
                    let selected = props.selected == Some(id);
                    html! {
                        <tr data-thread={id.to_string()} data-state={t.state}
                            class={classes!(selected.then_some("selected"))} {onclick}
                            aria-selected={selected.to_string()} tabindex="0">
                            <td><span class="swatch" style={format!("background:{}", palette::thread_colour(id))}></span>{ t.name.clone() }</td>
                            <td class="doing">{ t.doing.clone() }</td>
                            <td class="line">{ if t.line > 0 && t.alive() { t.line.to_string() } else { "—".to_string() } }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            if !primitives.is_empty() {
                <table class="primitives" aria-label="Synchronisation objects">
                    <thead><tr><th>{ "Object" }</th><th>{ "State" }</th><th>{ "Waiting" }</th></tr></thead>
                    <tbody>
                    { for primitives.iter().map(|p| html! {
                        <tr data-primitive={p.name.clone()} data-waiters={p.waiters.len().to_string()}>
                            <td>{ p.name.clone() }<span class="kind">{ format!(" {}", p.kind) }</span></td>
                            <td class="state">{ p.state.clone() }</td>
                            <td>{ if p.waiters.is_empty() { "—".to_string() } else { p.waiters.join(", ") } }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
            if !tasks.is_empty() {
                <table class="tasks" aria-label="asyncio tasks">
                    <thead><tr><th>{ "Task" }</th><th>{ "State" }</th><th>{ "Steps" }</th></tr></thead>
                    <tbody>
                    { for tasks.iter().map(|t| html! {
                        <tr data-task={t.name.clone()} data-state={t.state}>
                            <td>{ t.name.clone() }</td><td>{ t.state }</td><td>{ t.steps_so_far }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
            { props.children.clone() }
        </section>
    }
}
