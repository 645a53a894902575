//! The quick-check quizzes (`#quiz`): each question of the course notes with its choices;
//! answering reveals whether it was right, why, and offers the scenario that shows it run.

use crate::gallery::Quiz;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuizProps {
    pub quizzes: Rc<Vec<Quiz>>,
    /// The choice made for each question, if any.
    pub answers: Rc<Vec<Option<usize>>>,
    /// (question, choice)
    pub on_answer: Callback<(usize, usize)>,
    /// A scenario's slug to load.
    pub on_see: Callback<AttrValue>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn QuizPanel(props: &QuizProps) -> Html {
    let answered = props.answers.iter().flatten().count();
    let right = props
        .quizzes
        .iter()
        .zip(props.answers.iter())
        .filter(|(q, a)| **a == Some(q.answer))
        .count();
    let close = props.on_close.reform(|_: MouseEvent| ());
    let questions = props.quizzes.iter().enumerate().map(|(i, q)| {
        let chosen = props.answers.get(i).copied().flatten();
        let choices = q.choices.iter().enumerate().map(|(c, text)| {
            let answer = props.on_answer.reform(move |_: MouseEvent| (i, c));
            let state = match chosen {
                Some(_) if c == q.answer => "right",
                Some(x) if x == c => "wrong",
                _ => "open",
            };
            html! {
                <li>
                    <button class={classes!("choice", state)} data-choice={c.to_string()} data-state={state}
                        aria-pressed={(chosen == Some(c)).to_string()} disabled={chosen.is_some()} onclick={answer}>
                        <span class="letter">{ format!("{}.", (b'a' + c as u8) as char) }</span>{ text.clone() }
                    </button>
                </li>
            }
        });
        let verdict = chosen.map(|c| {
            let ok = c == q.answer;
            let see = q.scenario.clone().map(|slug| {
                let slug = AttrValue::from(slug);
                let onclick = props.on_see.reform({
                    let slug = slug.clone();
                    move |_: MouseEvent| slug.clone()
                });
                html! { <button class="btn see-it-run" data-scenario={slug} onclick={onclick}>{ "See it run" }</button> }
            });
            html! {
                <div class={classes!("verdict", if ok { "right" } else { "wrong" })} role="status">
                    <strong>{ if ok { "Right." } else { "Not quite." } }</strong>
                    { " " }{ q.explanation.clone() }
                    { see.unwrap_or_default() }
                </div>
            }
        });
        html! {
            <li class="question" data-question={i.to_string()} data-answered={chosen.is_some().to_string()}>
                <p class="question-text">{ q.question.clone() }</p>
                <p class="question-source">{ format!("Course notes {} · {}", q.source.doc, q.source.section) }</p>
                <ol class="choices">{ for choices }</ol>
                { verdict.unwrap_or_default() }
            </li>
        }
    });
    html! {
        <section id="quiz" class="quiz" aria-labelledby="quiz-title">
            <div class="gallery-head">
                <h2 id="quiz-title">{ "Quick checks" }</h2>
                <p class="hint" id="quiz-score">{ format!("{answered} of {} answered, {right} right", props.quizzes.len()) }</p>
                <button id="quiz-close" class="btn" onclick={close}>{ "Close" }</button>
            </div>
            <ol class="questions">{ for questions }</ol>
        </section>
    }
}
