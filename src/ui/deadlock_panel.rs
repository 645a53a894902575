//! The deadlock panel (`#deadlock`): the wait-for cycle in words — who holds what and waits
//! for what, on which line — and what to do about it.

use interleave_engine::trace::{Deadlock, Trace, WaitTarget};
use yew::prelude::*;

/// One sentence per waiting thread, cycle members first.
pub fn explain(trace: &Trace, deadlock: &Deadlock) -> Vec<String> {
    let name = |t: u32| {
        trace
            .threads
            .get(t as usize)
            .map_or_else(|| format!("thread {t}"), |i| i.name.clone())
    };
    let mut waits: Vec<_> = deadlock.waits.iter().collect();
    waits.sort_by_key(|w| {
        deadlock
            .cycle
            .iter()
            .position(|&t| t == w.thread)
            .unwrap_or(usize::MAX)
    });
    waits
        .iter()
        .map(|w| {
            let holds = if w.holds.is_empty() {
                String::new()
            } else {
                format!("holds {} and ", w.holds.join(", "))
            };
            let on = match &w.on {
                WaitTarget::Lock { name: lock, holder } => match holder {
                    Some(h) => format!("waits for {lock}, held by {}", name(*h)),
                    None => format!("waits for {lock}"),
                },
                WaitTarget::Join(t) => format!("waits in join() for {} to finish", name(*t)),
                WaitTarget::Call(what) => format!("waits in {what}, which nothing will satisfy"),
            };
            let line = if w.line > 0 {
                format!(" (line {})", w.line)
            } else {
                String::new()
            };
            format!("{} {holds}{on}{line}.", name(w.thread))
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct DeadlockProps {
    pub sentences: Vec<String>,
    pub cycle: bool,
    pub at: AttrValue,
    pub on_show: Callback<()>,
}

#[function_component]
pub fn DeadlockPanel(props: &DeadlockProps) -> Html {
    let show = props.on_show.reform(|_: MouseEvent| ());
    html! {
        <section id="deadlock" class="deadlock-panel" role="alert" aria-labelledby="deadlock-title">
            <h3 id="deadlock-title">{ format!("Deadlock at {}", props.at) }</h3>
            <ul>{ for props.sentences.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
            <p class="why">{ if props.cycle {
                "Each thread in this cycle waits for a lock another one holds, so none can ever continue. \
                 Take the locks in one global order everywhere, or use acquire(timeout=…) and back off."
            } else {
                "No thread can run again: every live thread waits for something only another waiting thread could do."
            } }</p>
            <button type="button" class="btn" id="show-deadlock" onclick={show}>{ "Show the moment" }</button>
        </section>
    }
}
