//! Listeners on the whole page: playback keys (except while typing in a field) and the
//! system's colour scheme.

use super::*;

/// Playback keys anywhere on the page, except while typing in a field.
pub(super) fn keyboard_listener(link: html::Scope<App>) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    // Not passive: handled keys must not also scroll the page.
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        options,
        move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if event.ctrl_key() || event.meta_key() {
                return;
            }
            let tag = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|e| e.tag_name())
                .unwrap_or_default();
            if is_text_field(&tag) {
                return;
            }
            // A focused button activates with Space itself.
            if tag == "BUTTON" && event.key() == " " {
                return;
            }
            if let Some(c) = command(&event.key(), event.shift_key(), event.alt_key()) {
                event.prevent_default();
                link.send_message(Msg::Command(c));
            }
        },
    ))
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(prefers-color-scheme: dark)")
        .ok()?
}

/// The system asks for less motion: a new run then opens at its end instead of playing.
pub(super) fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|q| q.matches())
}

pub(super) fn prefers_dark() -> bool {
    dark_query().is_some_and(|q| q.matches())
}

pub(super) fn theme_listener(link: html::Scope<App>) -> Option<EventListener> {
    let query = dark_query()?;
    let target = query.clone();
    Some(EventListener::new(&target, "change", move |_| {
        link.send_message(Msg::Dark(query.matches()))
    }))
}
