//! Reads every gallery scenario (`scenarios/<topic>/<name>.py` with its `<name>.json`
//! metadata), checks that each program has metadata filed under its own topic, and writes
//! them all, in the gallery's order, as one postcard blob that the engine's worker embeds
//! (the page asks the worker for it, so the page's own wasm stays small), with the quizzes of
//! `scenarios/quizzes.json`, whose answers and scenario links are checked too.

// The build uses the types, not their display helpers.
#[allow(dead_code)]
#[path = "src/gallery/meta.rs"]
mod meta;

use meta::{Gallery, Quiz, Scenario, Topic};
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=scenarios");
    let root = Path::new("scenarios");
    let mut scenarios = Vec::new();
    for topic in Topic::ALL {
        let dir = root.join(topic.key());
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut programs: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "py"))
            .collect();
        programs.sort();
        for program in programs {
            scenarios.push(read_scenario(&program, topic));
        }
    }
    for s in &scenarios {
        if let Some(slug) = s.fix.as_ref().and_then(|f| f.scenario.as_ref()) {
            if !scenarios.iter().any(|t| &t.slug == slug) {
                panic!(
                    "scenarios/{}.json: its fix names {slug}, which is not a scenario",
                    s.slug
                );
            }
        }
    }
    let quizzes = read_quizzes(&root.join("quizzes.json"), &scenarios);
    let gallery = Gallery { scenarios, quizzes };
    let bytes = postcard::to_allocvec(&gallery).expect("the gallery serialises");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gallery.postcard");
    std::fs::write(out, bytes).expect("OUT_DIR is writable");
}

fn read_scenario(program: &Path, topic: Topic) -> Scenario {
    let meta_path = program.with_extension("json");
    let meta = std::fs::read_to_string(&meta_path).unwrap_or_else(|e| {
        panic!(
            "{}: every scenario needs its metadata beside it: {e}",
            meta_path.display()
        )
    });
    let mut scenario: Scenario =
        serde_json::from_str(&meta).unwrap_or_else(|e| panic!("{}: {e}", meta_path.display()));
    if scenario.topic != topic {
        panic!(
            "{}: topic {:?} but filed under {}/",
            meta_path.display(),
            scenario.topic.key(),
            topic.key()
        );
    }
    let stem = program
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a UTF-8 file name");
    scenario.slug = format!("{}/{stem}", topic.key());
    scenario.code =
        std::fs::read_to_string(program).unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    scenario
}

fn read_quizzes(path: &Path, scenarios: &[Scenario]) -> Vec<Quiz> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let quizzes: Vec<Quiz> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for (i, q) in quizzes.iter().enumerate() {
        if q.answer >= q.choices.len() || q.choices.len() < 2 {
            panic!(
                "{}: question {} needs two or more choices and an answer among them",
                path.display(),
                i + 1
            );
        }
        if let Some(slug) = &q.scenario {
            if !scenarios.iter().any(|s| &s.slug == slug) {
                panic!(
                    "{}: question {} links to {slug}, which is not a scenario",
                    path.display(),
                    i + 1
                );
            }
        }
    }
    quizzes
}
