//! The console: `<pre id="console">` holding the program's stdout and stderr exactly as
//! printed (stderr in its own colour); what the cursor has not reached yet is dimmed, and the
//! console keeps the newest reached line in view while the cursor moves.

use super::shared::Shared;
use crate::console_view::console_runs;
use interleave_engine::trace::{Stream, Trace};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub trace: Option<Shared<Trace>>,
    /// How many outputs the cursor has reached.
    pub reached: usize,
}

#[function_component]
pub fn Console(props: &ConsoleProps) -> Html {
    let pre = use_node_ref();
    let runs = use_memo((props.trace.clone(), props.reached), |(trace, reached)| {
        trace
            .as_ref()
            .map(|t| console_runs(&t.outputs, *reached))
            .unwrap_or_default()
    });
    {
        let pre = pre.clone();
        use_effect_with((props.trace.clone(), props.reached), move |_| {
            if let Some(pre) = pre.cast::<HtmlElement>() {
                follow_cursor(&pre);
            }
        });
    }
    html! {
        <pre id="console" class="console" ref={pre} tabindex="0" aria-label="Program output">
            { for runs.iter().map(|run| {
                let stream = match run.stream { Stream::Stdout => "stdout", Stream::Stderr => "stderr" };
                let reached = if run.reached { "reached" } else { "pending" };
                html! { <span class={classes!("out", stream, reached)}>{ run.text.clone() }</span> }
            }) }
        </pre>
    }
}

/// Scrolls so the boundary between reached and pending output sits at the bottom.
fn follow_cursor(pre: &HtmlElement) {
    let boundary = pre
        .query_selector(".pending")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        // The console is `position: relative`, so this is relative to its padding box.
        .map(|e| e.offset_top());
    let target = match boundary {
        Some(top) => top + 8 - pre.client_height(),
        None => pre.scroll_height(),
    };
    pre.set_scroll_top(target.max(0));
}
