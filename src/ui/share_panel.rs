//! The share panel (`#share`): a link that reopens exactly this view (program or scenario,
//! settings, cursor, speed), the iframe snippet that embeds it in slides, and exports of the
//! run (Chrome Trace Event JSON for Perfetto UI, the timeline as PNG or SVG).

use yew::prelude::*;

/// What the share panel can be asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareAction {
    CopyLink,
    CopyEmbed,
    ExportTrace,
    ExportPng,
    ExportSvg,
    Close,
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The full link to this view (`None` while the worker packs the program).
    pub link: Option<AttrValue>,
    /// The `<iframe>` snippet for slides.
    pub embed_snippet: Option<AttrValue>,
    /// A run is there to export.
    pub can_export: bool,
    /// What the last action did, in words ("Link copied").
    pub status: Option<AttrValue>,
    pub on_action: Callback<ShareAction>,
}

#[function_component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let act = |a: ShareAction| props.on_action.reform(move |_: MouseEvent| a);
    html! {
        <section id="share" class="share-panel" aria-labelledby="share-title">
            <div class="share-head">
                <h2 id="share-title">{ "Share, embed, export" }</h2>
                <button id="share-close" class="btn" onclick={act(ShareAction::Close)}>{ "Close" }</button>
            </div>
            <label for="share-link">{ "Link to this view (program, settings, cursor, speed)" }</label>
            <div class="share-row">
                <input id="share-link" type="text" readonly=true value={props.link.clone().unwrap_or_default()}
                    placeholder="Preparing the link…" data-ready={props.link.is_some().to_string()} />
                <button id="copy-link" class="btn primary" disabled={props.link.is_none()} onclick={act(ShareAction::CopyLink)}>{ "Copy link" }</button>
            </div>
            <label for="embed-snippet">{ "Embed in slides (16:9, keyboard-driven; PageDown/PageUp step)" }</label>
            <div class="share-row">
                <textarea id="embed-snippet" readonly=true rows="3" value={props.embed_snippet.clone().unwrap_or_default()} />
                <button id="copy-embed" class="btn" disabled={props.embed_snippet.is_none()} onclick={act(ShareAction::CopyEmbed)}>{ "Copy embed snippet" }</button>
            </div>
            <div class="share-row exports">
                <button id="export-trace" class="btn" disabled={!props.can_export} onclick={act(ShareAction::ExportTrace)}
                    title="Chrome Trace Event JSON: open it in ui.perfetto.dev or chrome://tracing">
                    { "Export trace (Perfetto JSON)" }
                </button>
                <button id="export-png" class="btn" disabled={!props.can_export} onclick={act(ShareAction::ExportPng)}>
                    { "Save timeline as PNG" }
                </button>
                <button id="export-svg" class="btn" disabled={!props.can_export} onclick={act(ShareAction::ExportSvg)}>
                    { "Save timeline as SVG" }
                </button>
            </div>
            if let Some(status) = &props.status {
                <p class="share-status" role="status">{ status.clone() }</p>
            }
        </section>
    }
}
