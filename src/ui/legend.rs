//! The legend under the timeline: what each colour and mark means.

use crate::timeline::model::StateKind;
use crate::timeline::palette;
use yew::prelude::*;

#[function_component]
pub fn Legend() -> Html {
    html! {
        <ul id="legend" class="legend" aria-label="Legend">
            { for StateKind::ALL.iter().map(|&state| html! {
                <li data-state={state_key(state)}>
                    <span class="swatch" style={format!("background:{}", palette::state_colour(state))}></span>
                    { state.label() }
                </li>
            }) }
            <li data-state="finished" title="Before the thread started, or after it finished"><span class="swatch empty"></span>{ "not alive" }</li>
            <li data-mark="gil-hold" title="The GIL lane is coloured by the holding thread's colour (the swatch beside each lane name)">
                <span class="swatch holders" style={format!(
                    "background:linear-gradient(90deg,{} 50%,{} 50%)",
                    palette::thread_colour(0), palette::thread_colour(1)
                )}></span>
                { "GIL holder" }
            </li>
            <li data-mark="drop-request"><span class="tick-mark"></span>{ "GIL drop request" }</li>
        </ul>
    }
}

/// The `data-state` value for a state (also used on the lane labels).
pub fn state_key(state: StateKind) -> &'static str {
    match state {
        StateKind::Running => "running",
        StateKind::WaitingForGil => "waiting-for-gil",
        StateKind::Sleeping => "sleeping",
        StateKind::Blocked => "blocked",
    }
}
