//! Checkpoints change nothing: over every conformance program (and the parallel modes on the
//! concurrency ones), a run that stops for checkpoints makes exactly the trace of a run that
//! does not, every checkpoint resumed to the end makes that trace too (so a copy shares no
//! mutable state with the run or with other copies), and the state at a moment reached from
//! a checkpoint is the state reached from the start.

use super::{advance, run_main, Checkpoints, Replay};
use crate::vm::RunHooks;
use crate::{compile, RunOptions};
use std::path::{Path, PathBuf};

fn programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the conformance folder is readable")
        .map(|e| e.expect("a readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        if path.is_dir() {
            programs(&path, out);
        } else if name.ends_with(".py") {
            out.push(path);
        }
    }
}

/// The conformance programs and the gallery's scenarios, named by their path from the root.
fn conformance_programs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    programs(&root.join("tests/conformance"), &mut paths);
    programs(&root.join("scenarios"), &mut paths);
    paths
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(&root).unwrap_or(&p).display().to_string();
            let source = std::fs::read_to_string(&p).expect("a readable program");
            (name, source)
        })
        .collect()
}

/// Longer programs (a few CPU-bound course examples) would take most of the test's time.
const MAX_STEPS: u64 = 20_000_000;

/// Runs `source` with checkpoints about a twelfth of its run apart and checks the trace, and
/// the traces of its first, middle and last checkpoint resumed to the end, against the run
/// without checkpoints. Returns how many checkpoints were taken.
fn check_program(name: &str, source: &str, options: &RunOptions) -> usize {
    let Ok(code) = compile(source, &options.filename) else {
        return 0;
    };
    let plain = crate::run(source, options);
    if plain.steps > MAX_STEPS {
        return 0;
    }
    let every = (plain.steps / 12).max(200);
    let mut checkpoints = Checkpoints::every(every);
    let (trace, _) = run_main(
        code,
        source,
        options,
        &mut RunHooks::none(),
        &mut checkpoints,
        false,
    );
    assert!(
        trace == plain,
        "{name}: stopping for checkpoints changed the trace"
    );
    let taken = checkpoints.len();
    let mut picks = vec![0, taken / 2, taken.saturating_sub(1)];
    picks.dedup();
    for index in picks.into_iter().filter(|i| *i < taken) {
        let mut resumed = checkpoints.copy_of(index);
        let mut hooks = resumed.hooks.paused_copy();
        advance(
            resumed.vm(),
            &mut hooks,
            u64::MAX,
            &mut Checkpoints::never(),
        );
        let vm = resumed.vm.take().expect("a paused run has its interpreter");
        let resumed = vm.into_trace();
        assert!(
            resumed == plain,
            "{name}: checkpoint {index} of {taken} resumed to the end made another trace: {}",
            first_difference(&resumed, &plain)
        );
    }
    taken
}

/// Where two traces first differ, for the failure message.
fn first_difference(a: &crate::Trace, b: &crate::Trace) -> String {
    if a.stdout() != b.stdout() || a.stderr() != b.stderr() {
        return format!(
            "output\n{}{}\n--- instead of ---\n{}{}",
            a.stdout(),
            a.stderr(),
            b.stdout(),
            b.stderr()
        );
    }
    let fields = [
        (
            "slices",
            format!("{:?}", a.slices),
            format!("{:?}", b.slices),
        ),
        ("gil", format!("{:?}", a.gil), format!("{:?}", b.gil)),
        (
            "samples",
            format!("{:?}", a.primitive_samples),
            format!("{:?}", b.primitive_samples),
        ),
        ("tasks", format!("{:?}", a.tasks), format!("{:?}", b.tasks)),
        (
            "task steps",
            format!("{:?}", a.task_steps),
            format!("{:?}", b.task_steps),
        ),
        (
            "wakes",
            format!("{:?}", a.task_wakes),
            format!("{:?}", b.task_wakes),
        ),
        (
            "outcome",
            format!("{:?}", a.outcome),
            format!("{:?}", b.outcome),
        ),
    ];
    for (field, x, y) in fields {
        if x != y {
            let at = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
            let from = at.saturating_sub(200);
            return format!(
                "{field} differ at byte {at}: ...{} vs ...{}",
                &x[from..(at + 200).min(x.len())],
                &y[from..(at + 200).min(y.len())]
            );
        }
    }
    "elsewhere".into()
}

#[test]
fn checkpoints_change_no_run_and_resume_exactly() {
    let mut with_checkpoints = 0;
    for (name, source) in conformance_programs() {
        let options = RunOptions {
            filename: name.clone(),
            ..RunOptions::default()
        };
        if check_program(&name, &source, &options) > 0 {
            with_checkpoints += 1;
        }
    }
    assert!(
        with_checkpoints > 150,
        "only {with_checkpoints} programs took checkpoints"
    );
}

#[test]
fn checkpoints_resume_exactly_in_parallel_modes() {
    for (name, source) in conformance_programs() {
        if !["threads/", "processes/", "futures/"]
            .iter()
            .any(|d| name.starts_with(d))
        {
            continue;
        }
        for (gil, cores) in [(false, 2), (true, 3)] {
            let options = RunOptions {
                filename: name.clone(),
                gil,
                cores,
                ..RunOptions::default()
            };
            check_program(
                &format!("{name} (gil {gil}, {cores} cores)"),
                &source,
                &options,
            );
        }
    }
}

/// The state at moments reached through checkpoints (in any order) is the state `inspect`
/// reaches from the start.
#[test]
fn moments_from_checkpoints_are_moments_from_the_start() {
    for (name, source) in conformance_programs() {
        if !["threads/", "asyncio/", "processes/"]
            .iter()
            .any(|d| name.starts_with(d))
        {
            continue;
        }
        let options = RunOptions {
            filename: name.clone(),
            ..RunOptions::default()
        };
        let Ok(code) = compile(&source, &name) else {
            continue;
        };
        let plain = crate::run(&source, &options);
        if plain.steps > MAX_STEPS {
            continue;
        }
        let mut replay = Replay::new(code, &source, &options);
        replay.checkpoints = Checkpoints::every((plain.steps / 10).max(200));
        replay.run(&mut RunHooks::none(), false);
        let end = plain.end_ns;
        for at_ns in [end * 3 / 4, end / 4, end / 2, end * 9 / 10, end / 3] {
            assert!(
                replay.at(at_ns) == crate::inspect(&source, &options, at_ns),
                "{name}: the state at {at_ns} ns from a checkpoint differs"
            );
        }
    }
}
