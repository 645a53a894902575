//! The legend under the timeline: what each colour and mark means.

use crate::timeline::model::StateKind;
use crate::timeline::palette;
use yew::prelude::*;

#[function_component]
pub fn Legend() -> Html {
    html! {
        <ul id="legend" class="legend" aria-label="Legend">
            { for StateKind::ALL.iter().map(|&state| html! {
                <li data-state={state.key()}>
                    <span class={classes!("swatch", (state == StateKind::Finished).then_some("thin"))}
                        style={format!("background:{}", palette::state_colour(state))}></span>
                    { state.label() }
                </li>
            }) }
            <li data-mark="holder" title="GIL and lock lanes take the holding thread's colour (the swatch beside each thread's name)">
                <span class="swatch" style={format!(
                    "background:linear-gradient(90deg,{} 50%,{} 50%)",
                    palette::thread_colour(0), palette::thread_colour(1)
                )}></span>
                { "held by (thread colour)" }
            </li>
            <li data-mark="count" title="Threads waiting for a GIL or lock; callbacks ready in an event loop">
                <span class="swatch count-mark"></span>{ "waiters / ready queue" }</li>
            <li data-mark="drop-request"><span class="tick-mark"></span>{ "GIL drop request" }</li>
            <li data-mark="hand-off"><span class="arrow-mark hand-off"></span>{ "lock hand-off" }</li>
            <li data-mark="wake"><span class="arrow-mark wake"></span>{ "start / join / notify" }</li>
            <li data-mark="message"><span class="arrow-mark message"></span>{ "message between processes" }</li>
            <li data-mark="await" title="An asyncio task's step completed what another task awaited"><span class="arrow-mark await"></span>{ "await (task woke task)" }</li>
            <li data-mark="frozen"><span class="swatch frozen"></span>{ "event loop frozen" }</li>
        </ul>
    }
}
