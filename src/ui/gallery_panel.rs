//! The gallery (`#gallery`): every scenario grouped by topic, each with its title, what it
//! shows, where in the notes it comes from and how it ends; picking one loads it. The user's
//! own program, put aside when a scenario was loaded, is offered first.

use crate::gallery::{Scenario, Topic};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    pub scenarios: Rc<Vec<Scenario>>,
    /// The slug of the scenario in the editor.
    pub current: Option<AttrValue>,
    /// The user's own program is put aside and can be restored.
    pub has_draft: bool,
    pub on_pick: Callback<AttrValue>,
    pub on_restore: Callback<()>,
    pub on_close: Callback<()>,
}

fn source_words(s: &Scenario) -> String {
    match &s.source {
        Some(src) => format!("Course notes {} · {}", src.doc, src.section),
        None => "Written for the gallery".to_string(),
    }
}

#[function_component]
pub fn GalleryPanel(props: &GalleryProps) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
    let restore = props.on_restore.reform(|_: MouseEvent| ());
    let topics = Topic::ALL.iter().filter_map(|topic| {
        let items: Vec<&Scenario> = props.scenarios.iter().filter(|s| s.topic == *topic).collect();
        if items.is_empty() {
            return None;
        }
        let cards = items.into_iter().map(|s| {
            let slug = AttrValue::from(s.slug.clone());
            let pick = {
                let slug = slug.clone();
                props.on_pick.reform(move |_: MouseEvent| slug.clone())
            };
            let current = props.current.as_ref() == Some(&slug);
            html! {
                <li key={s.slug.clone()}>
                    <button class={classes!("scenario-card", current.then_some("current"))}
                        data-scenario={slug.clone()} aria-current={current.then_some("true")} onclick={pick}>
                        <span class="scenario-title">{ &s.title }</span>
                        <span class="scenario-summary">{ &s.summary }</span>
                        <span class="scenario-meta">
                            { source_words(s) }
                            <span class={classes!("outcome-badge", format!("outcome-{}", s.outcome.words().split(' ').next().unwrap_or("")))}>
                                { s.outcome.words() }
                            </span>
                        </span>
                    </button>
                </li>
            }
        });
        Some(html! {
            <section class="gallery-topic" key={topic.key()} data-topic={topic.key()}>
                <h3>{ topic.title() }</h3>
                <ul>{ for cards }</ul>
            </section>
        })
    });
    html! {
        <section id="gallery" class="gallery" role="dialog" aria-modal="false" aria-labelledby="gallery-title">
            <div class="gallery-head">
                <h2 id="gallery-title">{ "Gallery" }</h2>
                <p class="hint">{ format!("{} programs from the course notes and beyond; pick one to run it.", props.scenarios.len()) }</p>
                <button id="gallery-close" class="btn" onclick={close} aria-label="Close the gallery">{ "Close" }</button>
            </div>
            if props.has_draft {
                <button id="restore-draft" class="scenario-card own" onclick={restore}>
                    <span class="scenario-title">{ "Your program" }</span>
                    <span class="scenario-summary">{ "The code you wrote, put aside when you opened a scenario." }</span>
                </button>
            }
            { for topics }
        </section>
    }
}
