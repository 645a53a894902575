//! Run settings (`<details id="settings">`): the switch-interval dial (0.1–100 ms, log
//! scale), GIL on/off, cores, preemption granularity, seed and the two budgets. Every change
//! re-runs the program (the page keeps the cursor's relative position).

use crate::format::{group_thousands, time_text};
use crate::settings::{dial_position, dial_value, Preemption, Settings, DIAL_STEPS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub settings: Settings,
    pub on_change: Callback<Settings>,
}

fn number_input<T: std::str::FromStr + 'static>(
    settings: &Settings,
    on_change: &Callback<Settings>,
    apply: fn(&mut Settings, T),
) -> Callback<Event> {
    let settings = settings.clone();
    let on_change = on_change.clone();
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Ok(value) = input.value().trim().replace([',', '_'], "").parse::<T>() {
            let mut next = settings.clone();
            apply(&mut next, value);
            on_change.emit(next);
        }
    })
}

#[function_component]
pub fn SettingsPanel(props: &SettingsProps) -> Html {
    let s = &props.settings;
    let dial = {
        let settings = s.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(position) = input.value().parse::<u32>() {
                let mut next = settings.clone();
                next.switch_interval_ns = dial_value(position);
                on_change.emit(next);
            }
        })
    };
    let gil = {
        let settings = s.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = settings.clone();
            next.gil = input.checked();
            on_change.emit(next);
        })
    };
    let preempt = {
        let settings = s.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut next = settings.clone();
            next.preemption = if select.value() == "any-instruction" {
                Preemption::AnyInstruction
            } else {
                Preemption::EvalBreaker
            };
            on_change.emit(next);
        })
    };
    let cores = number_input::<u32>(s, &props.on_change, |s, v| s.cores = v.clamp(1, 64));
    let seed = number_input::<u64>(s, &props.on_change, |s, v| s.seed = v);
    let steps = number_input::<u64>(s, &props.on_change, |s, v| s.max_steps = v.max(1_000));
    let time = number_input::<f64>(s, &props.on_change, |s, v| {
        s.max_time_ns = (v.max(0.001) * 1e9) as u64
    });
    let reset = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(Settings::default()))
    };
    html! {
        <details id="settings" class="settings">
            <summary>{ "Settings" }<span class="settings-summary">{ format!(
                " — switch interval {}, GIL {}, {} cores, seed {}",
                time_text(s.switch_interval_ns), if s.gil { "on" } else { "off" }, s.cores, s.seed) }</span></summary>
            <div class="settings-grid">
                <label for="switch-interval">{ "Switch interval" }</label>
                <div class="dial">
                    <input id="switch-interval" type="range" min="0" max={DIAL_STEPS.to_string()}
                        value={dial_position(s.switch_interval_ns).to_string()} onchange={dial}
                        aria-valuetext={time_text(s.switch_interval_ns)} />
                    <output for="switch-interval" id="switch-interval-value">{ time_text(s.switch_interval_ns) }</output>
                </div>
                <label for="gil">{ "GIL" }</label>
                <span><input id="gil" type="checkbox" checked={s.gil} onchange={gil} />
                    <span class="hint">{ " off simulates free-threaded Python (PEP 703)" }</span></span>
                <label for="cores">{ "Cores" }</label>
                <input id="cores" type="number" min="1" max="64" value={s.cores.to_string()} onchange={cores} />
                <label for="preempt">{ "Preemption" }</label>
                <select id="preempt" onchange={preempt}>
                    <option value="eval-breaker" selected={s.preemption == Preemption::EvalBreaker}>
                        { "CPython 3.10+ (eval breaker)" }</option>
                    <option value="any-instruction" selected={s.preemption == Preemption::AnyInstruction}>
                        { "any instruction (older CPython; races show)" }</option>
                </select>
                <label for="seed">{ "Seed" }</label>
                <input id="seed" type="number" min="0" value={s.seed.to_string()} onchange={seed} />
                <label for="max-steps">{ "Max steps" }</label>
                <input id="max-steps" type="text" inputmode="numeric" value={group_thousands(s.max_steps)} onchange={steps} />
                <label for="max-time">{ "Max virtual time (s)" }</label>
                <input id="max-time" type="text" inputmode="decimal" value={format!("{}", s.max_time_ns as f64 / 1e9)} onchange={time} />
                <span></span>
                <button type="button" class="btn" id="reset-settings" onclick={reset}>{ "Reset to defaults" }</button>
            </div>
        </details>
    }
}
