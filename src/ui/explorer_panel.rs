//! The race explorer (`#explorer`): the program run under many seeds — as CPython 3.11
//! preempts (the eval breaker) or adversarially (between any two instructions) — and a
//! histogram of how the runs end; any outcome's schedule opens in the timeline by its seed.

use crate::explore::{Strategy, Tally};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum ExploreMsg {
    Seeds(u32),
    Adversarial(bool),
    Strategy(Strategy),
    Start,
    Stop,
    /// Open the schedule of this seed in the timeline.
    Open(u64),
    Close,
}

#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    pub seeds: u32,
    pub adversarial: bool,
    pub strategy: Strategy,
    pub tally: Option<Tally>,
    pub running: bool,
    pub on_msg: Callback<ExploreMsg>,
}

#[function_component]
pub fn ExplorerPanel(props: &ExplorerProps) -> Html {
    let send = |m: ExploreMsg| props.on_msg.reform(move |_: MouseEvent| m.clone());
    let on_seeds = props.on_msg.reform(|e: Event| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        ExploreMsg::Seeds(v.parse::<u32>().unwrap_or(200).clamp(1, 5_000))
    });
    let on_preempt = props.on_msg.reform(|e: Event| {
        ExploreMsg::Adversarial(
            e.target_unchecked_into::<HtmlSelectElement>().value() == "any-instruction",
        )
    });
    let on_strategy = props.on_msg.reform(|e: Event| {
        ExploreMsg::Strategy(
            match e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "pct-1" => Strategy::Pct { depth: 1 },
                "pct-2" => Strategy::Pct { depth: 2 },
                "pct-3" => Strategy::Pct { depth: 3 },
                _ => Strategy::Seeds,
            },
        )
    });
    let strategy = match props.strategy {
        Strategy::Seeds => "seeds".to_string(),
        Strategy::Pct { depth } => format!("pct-{depth}"),
    };
    let done = props.tally.as_ref().map_or(0, |t| t.runs);
    let bars = props.tally.iter().flat_map(|t| {
        let runs = t.runs.max(1);
        t.buckets.iter().map(move |b| {
            let width = format!("width: {:.1}%", 100.0 * b.count as f64 / runs as f64);
            let seed = b.seeds[0];
            html! {
                <li class="bucket" data-outcome={b.outcome.clone()} data-count={b.count.to_string()}>
                    <span class="bucket-outcome">{ b.outcome.clone() }</span>
                    <span class="bucket-bar"><span class="fill" style={width}></span></span>
                    <span class="bucket-count">{ format!("{} of {}", b.count, t.runs) }</span>
                    <button class="btn explore-open" data-seed={seed.to_string()} onclick={props.on_msg.reform(move |_: MouseEvent| ExploreMsg::Open(seed))}
                        title={format!("Open the schedule of run {seed} in the timeline")}>
                        { if t.pct.is_some() { format!("Open (PCT {seed})") } else { format!("Open (seed {seed})") } }
                    </button>
                </li>
            }
        })
    });
    html! {
        <section id="explorer" class="explorer" aria-labelledby="explorer-title" data-running={props.running.to_string()}>
            <div class="share-head">
                <h2 id="explorer-title">{ "Race explorer" }</h2>
                <button id="explorer-close" class="btn" onclick={send(ExploreMsg::Close)}>{ "Close" }</button>
            </div>
            <p class="hint">{ "Runs the program under many schedules and counts how the runs end and how many lose an update. Random seeds vary the OS latencies under CPython's own switching; PCT (a bounded systematic search) lets one thread run at a time and switches at 1–2 random points of the run, which finds races the 5 ms switch interval almost never hits." }</p>
            <div class="share-row">
                <label for="explore-strategy">{ "Schedules" }</label>
                <select id="explore-strategy" onchange={on_strategy}>
                    <option value="seeds" selected={strategy == "seeds"}>{ "random seeds" }</option>
                    <option value="pct-1" selected={strategy == "pct-1"}>{ "PCT, no forced switch" }</option>
                    <option value="pct-2" selected={strategy == "pct-2"}>{ "PCT, 1 forced switch" }</option>
                    <option value="pct-3" selected={strategy == "pct-3"}>{ "PCT, 2 forced switches" }</option>
                </select>
                <label for="explore-seeds">{ "Runs" }</label>
                <input id="explore-seeds" type="number" min="1" max="5000" value={props.seeds.to_string()} onchange={on_seeds} />
                <label for="explore-preempt">{ "Preemption" }</label>
                <select id="explore-preempt" onchange={on_preempt}>
                    <option value="eval-breaker" selected={!props.adversarial}>{ "as CPython 3.10+ (eval breaker)" }</option>
                    <option value="any-instruction" selected={props.adversarial}>{ "adversarial (any instruction, like 3.9)" }</option>
                </select>
                if props.running {
                    <button id="explore-stop" class="btn danger" onclick={send(ExploreMsg::Stop)}>{ "Stop" }</button>
                } else {
                    <button id="explore-start" class="btn primary" onclick={send(ExploreMsg::Start)}>{ "Explore" }</button>
                }
            </div>
            if props.running || props.tally.is_some() {
                <p id="explore-progress" class="hint" role="status">{ format!("{done} / {} runs", props.seeds) }</p>
            }
            if let Some(t) = &props.tally {
                <p id="explore-summary">{ t.summary() }</p>
                <ol class="buckets">{ for bars }</ol>
            }
        </section>
    }
}
