//! The code pane: a plain `<textarea id="code">` with a line-number gutter kept in step with
//! its scrolling, and a highlighted line for a compile error. Ctrl+Enter (⌘+Enter) runs the
//! program.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Must match `.code-editor` in style.css: line height and top padding, in CSS pixels.
const LINE_PX: u32 = 20;
const TOP_PAD_PX: u32 = 10;

#[derive(Properties, PartialEq)]
pub struct CodePaneProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    pub on_run: Callback<()>,
    /// A line (1-based) to highlight: where the program failed to compile.
    #[prop_or_default]
    pub error_line: Option<u32>,
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

/// Inline style painting a band behind `line` (scrolls with the content).
fn band_style(line: Option<u32>) -> Option<String> {
    line.filter(|&l| l > 0).map(|l| {
        format!(
            "background-image:linear-gradient(var(--error-band),var(--error-band));\
             background-size:100% {LINE_PX}px;background-repeat:no-repeat;\
             background-attachment:local;background-position:0 {}px",
            TOP_PAD_PX + (l - 1) * LINE_PX
        )
    })
}

/// "1\n2\n…" for a text of that many lines.
pub fn line_numbers(text: &str) -> String {
    let lines = text.split('\n').count();
    (1..=lines)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[function_component]
pub fn CodePane(props: &CodePaneProps) -> Html {
    let gutter = use_node_ref();
    let numbers = use_memo(props.value.clone(), |value| line_numbers(value));

    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_input.emit(area.value());
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(gutter) = gutter.cast::<HtmlElement>() {
                gutter.set_scroll_top(area.scroll_top());
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

    let band = band_style(props.error_line);
    html! {
        <div class="code-editor">
            <pre class="gutter" ref={gutter} aria-hidden="true" style={band.clone()}>{ (*numbers).clone() }</pre>
            <textarea id="code" class="code" value={props.value.clone()} style={band}
                data-error-line={props.error_line.map(|l| l.to_string())}
                spellcheck="false" wrap="off" autocomplete="off" autocapitalize="off"
                aria-label="Python program" {oninput} {onscroll} {onkeydown} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{band_style, line_numbers, utf16_offset};

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
    fn band_sits_behind_its_line() {
        assert_eq!(band_style(None), None);
        assert_eq!(band_style(Some(0)), None);
        assert!(band_style(Some(3))
            .unwrap()
            .ends_with("background-position:0 50px"));
    }

    #[test]
    fn one_number_per_line() {
        assert_eq!(line_numbers(""), "1");
        assert_eq!(line_numbers("a\nb"), "1\n2");
        assert_eq!(line_numbers("a\nb\n"), "1\n2\n3");
    }
}
