//! The variables at the cursor (`#variables`): the selected thread's frames of the program
//! (innermost first) with their locals, then the globals of that thread's process — from a
//! snapshot the worker computed by replaying the run to the cursor.

use super::shared::Shared;
use interleave_engine::snapshot::{Snapshot, Variable};
use interleave_engine::trace::ThreadId;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VariablesProps {
    /// The latest snapshot, if any (it may be for another cursor while a new one is made).
    pub snapshot: Option<Shared<Snapshot>>,
    /// The cursor the snapshot was made for.
    pub answers_ns: Option<u64>,
    /// The cursor the snapshot should be for.
    pub cursor_ns: u64,
    pub thread: ThreadId,
    pub thread_name: AttrValue,
}

fn table(variables: &[Variable], label: &str) -> Html {
    if variables.is_empty() {
        return html! { <p class="empty">{ "none" }</p> };
    }
    html! {
        <table aria-label={label.to_string()}>
            <tbody>
            { for variables.iter().map(|v| html! {
                <tr data-name={v.name.clone()}>
                    <td class="name">{ v.name.clone() }</td>
                    <td class="type">{ v.type_name.clone() }</td>
                    <td class="repr"><code>{ v.repr.clone() }</code></td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

#[function_component]
pub fn Variables(props: &VariablesProps) -> Html {
    let Some(snapshot) = &props.snapshot else {
        return html! {
            <section id="variables" class="variables" data-state="loading" aria-busy="true">
                <h3>{ "Variables" }</h3><p class="empty">{ "Replaying the run to the cursor…" }</p>
            </section>
        };
    };
    let thread = snapshot.threads.iter().find(|t| t.thread == props.thread);
    let process = thread.map_or(0, |t| t.process);
    let globals = snapshot
        .processes
        .iter()
        .find(|p| p.process == process)
        .map(|p| p.globals.as_slice())
        .unwrap_or(&[]);
    // Stale while the worker replays to the new cursor.
    let fresh = props.answers_ns == Some(props.cursor_ns);
    html! {
        <section id="variables" class={classes!("variables", (!fresh).then_some("stale"))}
            data-state={if fresh { "ready" } else { "updating" }} data-t={snapshot.t_ns.to_string()}
            data-answers-ns={props.answers_ns.map_or(String::new(), |t| t.to_string())}
            data-thread={props.thread.to_string()}>
            <h3>{ format!("Variables of {} (click a thread above to choose)", props.thread_name) }</h3>
            { match thread {
                Some(t) if t.alive && !t.frames.is_empty() => html! {
                    { for t.frames.iter().rev().filter(|f| f.function != "<module>").map(|f| html! {
                        <div class="frame" data-function={f.function.clone()}>
                            <h4>{ format!("{}(), line {}", f.function, f.line) }</h4>
                            { table(&f.locals, "locals") }
                        </div>
                    }) }
                },
                Some(t) if !t.alive => html! { <p class="empty">{ "This thread is not running at the cursor." }</p> },
                _ => html! {},
            } }
            <div class="frame globals">
                <h4>{ "globals" }</h4>
                { table(globals, "globals") }
            </div>
        </section>
    }
}
