//! The code pane: a `<textarea id="code">` (typing stays native and instant) over a layer
//! that paints the same text with Python syntax colours, a gutter with line numbers, each live
//! thread's current line (a band in the thread's colour and a dot in the gutter), and a
//! compile error inline at its line and column with the message. Ctrl+Enter (⌘+Enter) runs.

use crate::highlight::{highlight, Pieces};
use crate::timeline::palette;
use interleave_engine::trace::ThreadId;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Must match `.code-editor` in assets/css/code.css: line height and top padding, in CSS pixels.
const LINE_PX: u32 = 20;
const TOP_PAD_PX: u32 = 10;

#[derive(Properties, PartialEq)]
pub struct CodePaneProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    pub on_run: Callback<()>,
    /// Where the program failed to compile: (line, column, message), 1-based.
    #[prop_or_default]
    pub error: Option<(u32, u32, AttrValue)>,
    /// Each live thread's line at the cursor: (line, thread).
    #[prop_or_default]
    pub markers: Vec<(u32, ThreadId)>,
}

/// The offset, in UTF-16 code units (what `setSelectionRange` counts), of 1-based `line` and
/// `col` (in characters) in `text`; clamped to the line's end and the text's end.
pub fn utf16_offset(text: &str, line: u32, col: u32) -> u32 {
    let mut offset = 0u32;
    for (i, this_line) in text.split('\n').enumerate() {
        if i + 1 == line.max(1) as usize {
            let chars = this_line.chars().take(col.saturating_sub(1) as usize);
            return offset + chars.map(|c| c.len_utf16() as u32).sum::<u32>();
        }
        offset += this_line.encode_utf16().count() as u32 + 1;
    }
    text.encode_utf16().count() as u32
}

/// Puts the caret of `#code` at `line`:`col` and focuses it (which scrolls it into view).
pub fn show_position(line: u32, col: u32) {
    let area = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("code"))
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        let at = utf16_offset(&area.value(), line, col);
        let _ = area.focus();
        let _ = area.set_selection_range(at, at);
    }
}

/// The markers of one line: the threads on it, in thread order.
fn threads_on(markers: &[(u32, ThreadId)], line: u32) -> Vec<ThreadId> {
    let mut threads: Vec<ThreadId> = markers
        .iter()
        .filter(|(l, _)| *l == line)
        .map(|(_, t)| *t)
        .collect();
    threads.sort_unstable();
    threads
}

/// A band behind a line marked by `threads`: the first thread's colour, faint; several
/// threads on one line split the band.
fn band(threads: &[ThreadId]) -> Option<String> {
    match threads {
        [] => None,
        [one] => Some(format!("background:{}33", palette::thread_colour(*one))),
        many => {
            let stops: Vec<String> = many
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let (a, b) = (i * 100 / many.len(), (i + 1) * 100 / many.len());
                    format!("{}33 {a}% {b}%", palette::thread_colour(*t))
                })
                .collect();
            Some(format!(
                "background:linear-gradient(90deg,{})",
                stops.join(",")
            ))
        }
    }
}

#[function_component]
pub fn CodePane(props: &CodePaneProps) -> Html {
    let gutter = use_node_ref();
    let layer = use_node_ref();
    let lines = use_memo(props.value.clone(), |value| highlight(value));

    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_input.emit(area.value());
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        let layer = layer.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(gutter) = gutter.cast::<HtmlElement>() {
                gutter.set_scroll_top(area.scroll_top());
            }
            if let Some(layer) = layer.cast::<HtmlElement>() {
                layer.set_scroll_top(area.scroll_top());
                layer.set_scroll_left(area.scroll_left());
            }
        })
    };
    let onkeydown = {
        let on_run = props.on_run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_run.emit(());
            }
        })
    };
    let error_line = props.error.as_ref().map(|e| e.0);
    let error_col = props.error.as_ref().map(|e| e.1);
    html! {
        <div class="code-editor">
            <pre class="gutter" ref={gutter} aria-hidden="true">
                { for (1..=lines.len() as u32).map(|n| {
                    let threads = threads_on(&props.markers, n);
                    html! {
                        <span class={classes!("gl", (error_line == Some(n)).then_some("error"))} data-line={n.to_string()}>
                            { for threads.iter().map(|t| html! {
                                <i class="dot" data-thread={t.to_string()}
                                    style={format!("background:{}", palette::thread_colour(*t))}></i>
                            }) }
                            { n }{ "\n" }
                        </span>
                    }
                }) }
            </pre>
            <div class="code-stack">
                <pre class="code-layer" ref={layer} aria-hidden="true">
                    { for lines.iter().enumerate().map(|(i, pieces)| {
                        let n = i as u32 + 1;
                        let threads = threads_on(&props.markers, n);
                        let error_here = error_line == Some(n);
                        html! {
                            <span class={classes!("cl", (!threads.is_empty()).then_some("marked"), error_here.then_some("error"))}
                                data-line={n.to_string()} style={band(&threads)}
                                data-threads={(!threads.is_empty()).then(|| threads.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(","))}>
                                { for pieces_with_error(pieces, error_here.then_some(error_col.unwrap_or(1))) }
                                { "\n" }
                            </span>
                        }
                    }) }
                </pre>
                <textarea id="code" class="code" value={props.value.clone()}
                    data-error-line={error_line.map(|l| l.to_string())}
                    spellcheck="false" wrap="off" autocomplete="off" autocapitalize="off"
                    aria-label="Python program" aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={props.error.is_some().then_some("inline-error")}
                    {oninput} {onscroll} {onkeydown} />
                if let Some((line, col, message)) = &props.error {
                    <div id="inline-error" class="inline-error" role="alert"
                        data-line={line.to_string()} data-col={col.to_string()}
                        style={format!("top:{}px", TOP_PAD_PX + line * LINE_PX)}>
                        { format!("line {line}, column {col}: {message}") }
                    </div>
                }
            </div>
        </div>
    }
}

/// A line's highlighted pieces, with the character at `error_col` (1-based) wrapped in a
/// squiggle (a space after the line's end when the column is past it).
fn pieces_with_error(pieces: &Pieces, error_col: Option<u32>) -> Vec<Html> {
    let mut out = Vec::new();
    let mut col = 1u32;
    let mut marked = false;
    for (class, text) in pieces {
        let len = text.chars().count() as u32;
        match error_col {
            Some(at) if !marked && at >= col && at < col + len => {
                let split = (at - col) as usize;
                let before: String = text.chars().take(split).collect();
                let here: String = text.chars().skip(split).take(1).collect();
                let after: String = text.chars().skip(split + 1).collect();
                out.push(html! { <span class={class.css()}>{ before }</span> });
                out.push(html! { <span class={classes!(class.css(), "err-at")}>{ here }</span> });
                out.push(html! { <span class={class.css()}>{ after }</span> });
                marked = true;
            }
            _ => out.push(html! { <span class={class.css()}>{ text.clone() }</span> }),
        }
        col += len;
    }
    if error_col.is_some() && !marked {
        out.push(html! { <span class="err-at">{ " " }</span> });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{band, threads_on, utf16_offset};

    #[test]
    fn positions_count_utf16_units() {
        let text = "ab\ncé𝄞d\n";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 1), 3);
        assert_eq!(utf16_offset(text, 2, 4), 3 + 1 + 1 + 2);
        assert_eq!(
            utf16_offset(text, 2, 99),
            3 + 5,
            "clamped to the line's end"
        );
        assert_eq!(utf16_offset(text, 9, 1), 9, "clamped to the text's end");
        assert_eq!(utf16_offset(text, 0, 0), 0);
    }

    #[test]
    fn bands_show_the_threads_on_a_line() {
        let markers = [(3, 1), (3, 0), (5, 2)];
        assert_eq!(threads_on(&markers, 3), [0, 1]);
        assert_eq!(band(&[]), None);
        assert!(band(&[1]).unwrap().starts_with("background:#"));
        assert!(band(&[0, 1]).unwrap().contains("0% 50%"));
    }
}
