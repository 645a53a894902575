//! The console: `<pre id="console">` holding the program's stdout and stderr exactly as
//! printed (its text content is the output, byte for byte), one row per line tagged with the
//! printing thread's colour and the virtual time (shown through CSS, not in the text);
//! what the cursor has not reached is dimmed; clicking a line moves the cursor to when it was
//! printed. It keeps the newest reached line in view while the cursor moves.

use super::shared::Shared;
use crate::console_view::{console_lines, ConsoleLine};
use crate::format::time_text;
use crate::timeline::palette;
use interleave_engine::trace::{Stream, Trace};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub trace: Option<Shared<Trace>>,
    /// How many outputs the cursor has reached.
    pub reached: usize,
    pub on_seek: Callback<u64>,
}

#[function_component]
pub fn Console(props: &ConsoleProps) -> Html {
    let pre = use_node_ref();
    let lines = use_memo(props.trace.clone(), |trace| {
        trace
            .as_ref()
            .map(|t| console_lines(&t.outputs))
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
    let (lines, extra) = &*lines;
    html! {
        <pre id="console" class="console" ref={pre} tabindex="0" role="log" aria-label="Program output">
            { for lines.iter().map(|line| console_line(line, props.reached, &props.on_seek)) }
            if *extra > 0 {
                <span class="more" data-more={extra.to_string()}>{ format!("… {extra} more lines not shown") }</span>
            }
        </pre>
    }
}

fn console_line(line: &ConsoleLine, reached: usize, on_seek: &Callback<u64>) -> Html {
    let t = line.t_ns;
    let onclick = on_seek.reform(move |_: MouseEvent| t);
    let line_reached = line.fragments.first().is_some_and(|f| f.output < reached);
    html! {
        <span class={classes!("line", if line_reached { "reached" } else { "pending" })}
            data-t={t.to_string()} data-time={time_text(t)} data-thread={line.thread.to_string()}
            style={format!("--thread:{}", palette::thread_colour(line.thread))}
            title={format!("printed at {} — click to move the cursor there", time_text(t))} {onclick}>
            { for line.fragments.iter().map(|f| {
                let stream = match f.stream { Stream::Stdout => "stdout", Stream::Stderr => "stderr" };
                let state = if f.output < reached { "reached" } else { "pending" };
                html! { <span class={classes!("out", stream, state)}>{ f.text.clone() }</span> }
            }) }
        </span>
    }
}

/// Scrolls so the boundary between reached and pending output sits at the bottom.
fn follow_cursor(pre: &HtmlElement) {
    let boundary = pre
        .query_selector(".line.pending")
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
