//! Banners over the timeline: `#error` for a compile error or an engine failure, `#report`
//! for the report of a deadlock or an exhausted budget.

use crate::format::{OutcomeSummary, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    /// How the last run ended, if a trace came back.
    pub outcome: Option<OutcomeSummary>,
    /// The compile error's position, for `data-line` / `data-col`.
    pub position: Option<(u32, u32)>,
    /// The worker failed or the trace could not be decoded.
    pub failure: Option<AttrValue>,
    /// Shows a (line, col) in the code pane.
    pub on_locate: Callback<(u32, u32)>,
}

#[function_component]
pub fn Banner(props: &BannerProps) -> Html {
    if let Some(failure) = &props.failure {
        return html! {
            <div id="error" class="banner error" role="alert" data-kind="engine-failure">
                <strong class="banner-title">{ "The engine failed" }</strong>
                <code class="banner-detail">{ failure.clone() }</code>
            </div>
        };
    }
    let Some(outcome) = &props.outcome else {
        return html! {};
    };
    match outcome.severity {
        Severity::Ok => html! {},
        Severity::Error => {
            let (line, col) = props.position.unwrap_or_default();
            html! {
                <div id="error" class="banner error" role="alert" data-kind={outcome.kind}
                    data-line={line.to_string()} data-col={col.to_string()}>
                    <strong class="banner-title">{ outcome.title.clone() }</strong>
                    if let Some(detail) = &outcome.detail {
                        <code class="banner-detail">{ detail.clone() }</code>
                    }
                    <button type="button" class="locate" onclick={props.on_locate.reform(move |_: MouseEvent| (line, col))}>
                        { "Show in code" }
                    </button>
                </div>
            }
        }
        Severity::Warning => match &outcome.detail {
            Some(detail) => html! {
                <details id="report" class="banner warning" data-kind={outcome.kind}
                    open={outcome.kind == "budget-exceeded"}>
                    <summary class="banner-title">{ outcome.title.clone() }</summary>
                    <pre class="banner-detail">{ detail.clone() }</pre>
                </details>
            },
            None => html! {},
        },
    }
}
