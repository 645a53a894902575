//! CPython conformance: every `tests/conformance/**/*.py` and every gallery scenario
//! (`scenarios/**/*.py`) must print, through `interleave run`,
//! exactly what `python3` prints, and end with the same exit code (and, for an uncaught
//! exception or a syntax error, the same last line of stderr).
//!
//! Adding a case is adding a file; the sidecar rules (`NAME.expect`, `NAME.stdout`) are
//! described in `tests/conformance/README.md`.
//!
//! Environment knobs (all optional):
//! - `CONFORMANCE_FILTER=text`  only cases whose path contains `text`;
//! - `CONFORMANCE_JOBS=N`       how many cases run at once (default 16: the python3 runs mostly sleep);
//! - `CONFORMANCE_ENGINE="cmd args"` the command under test instead of `interleave run`
//!   (the file name is appended), e.g. `python3` to check the harness itself.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[path = "conformance_harness/expect.rs"]
mod expect;
#[path = "conformance_harness/process.rs"]
mod process;
#[path = "conformance_harness/report.rs"]
mod report;
#[path = "conformance_harness/scenario.rs"]
mod scenario;

use expect::{read_expect, Expect};
use process::{run_program, Run, SiteDir};
use report::{clip, diff_view, diff_view_labels, sorted_lines, sorted_text};

/// The repository root; case names are paths relative to it.
const REPO_ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
/// Where the cases are, below the root.
const CASE_DIRS: [&str; 2] = ["tests/conformance", "scenarios"];
/// How long python3 may take by default (the programs sleep in real time).
const PYTHON_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one engine run may take (a debug build; virtual time costs nothing).
const ENGINE_TIMEOUT: Duration = Duration::from_secs(30);

#[test]
fn conformance() {
    let root = PathBuf::from(REPO_ROOT);
    let root = root
        .canonicalize()
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", root.display()));
    let filter = std::env::var("CONFORMANCE_FILTER").unwrap_or_default();
    let mut files = Vec::new();
    for dir in CASE_DIRS {
        collect_programs(&root.join(dir), &mut files);
    }
    files.retain(|f| f.to_string_lossy().contains(&filter));
    files.sort();
    assert!(
        !files.is_empty(),
        "no conformance programs under {CASE_DIRS:?} in {} (filter {filter:?})",
        root.display()
    );

    let site_dir = SiteDir::new();
    let python = python_executable();
    let engine = engine_command();
    let jobs = std::env::var("CONFORMANCE_JOBS")
        .ok()
        .and_then(|j| j.parse::<usize>().ok())
        .unwrap_or(16)
        .clamp(1, files.len());

    // A simple work queue: `jobs` threads take cases in order; results are keyed by index.
    let next = Mutex::new(0usize);
    let results: Mutex<BTreeMap<usize, CaseResult>> = Mutex::new(BTreeMap::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let index = {
                    let mut next = next.lock().unwrap();
                    let index = *next;
                    *next += 1;
                    index
                };
                let Some(file) = files.get(index) else { break };
                let result = run_case(file, &site_dir.path, &python, &engine);
                results.lock().unwrap().insert(index, result);
            });
        }
    });

    let results = results.into_inner().unwrap();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut report = String::new();
    for (index, result) in &results {
        let name = files[*index]
            .strip_prefix(&root)
            .unwrap_or(&files[*index])
            .display()
            .to_string();
        match result {
            CaseResult::Pass => {
                passed += 1;
                println!("ok      {name}");
            }
            CaseResult::Skip(reason) => {
                skipped += 1;
                println!("skipped {name}: {reason}");
            }
            CaseResult::Fail(details) => {
                failed += 1;
                println!("FAILED  {name}");
                let _ = writeln!(report, "\n======== {name} ========\n{details}");
            }
        }
    }
    let skipped_text = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    let summary = format!(
        "conformance: {passed} passed, {failed} failed{skipped_text} ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    // Straight to the process's stderr, past the test harness's output capture, so the count
    // shows in every `cargo test` log, passing or not.
    let _ = writeln!(std::io::stderr(), "{summary}");
    if failed > 0 {
        println!("{report}");
        panic!(
            "{summary}\nfailed: {}",
            failed_names(&results, &files, &root).join(", ")
        );
    }
}

fn failed_names(
    results: &BTreeMap<usize, CaseResult>,
    files: &[PathBuf],
    root: &Path,
) -> Vec<String> {
    results
        .iter()
        .filter(|(_, r)| matches!(r, CaseResult::Fail(_)))
        .map(|(i, _)| {
            files[*i]
                .strip_prefix(root)
                .unwrap_or(&files[*i])
                .display()
                .to_string()
        })
        .collect()
}

enum CaseResult {
    Pass,
    Skip(String),
    Fail(String),
}

/// Every `*.py` below `dir`, skipping `__pycache__` and hidden folders.
fn collect_programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if path.is_dir() {
            if name != "__pycache__" && !name.starts_with('.') {
                collect_programs(&path, out);
            }
        } else if name.ends_with(".py") {
            out.push(path);
        }
    }
}

/// The real python3 binary: `python3` on PATH may be a slow wrapper (a pyenv shim), and every
/// case starts it with a real-time timeout.
fn python_executable() -> String {
    let output = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .env_remove("PYTHONPATH")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 (CPython 3.11 is the reference): {e}"));
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if output.status.success() && !path.is_empty() {
        path
    } else {
        "python3".to_string()
    }
}

/// The command under test, as a program and its leading arguments.
fn engine_command() -> Vec<String> {
    match std::env::var("CONFORMANCE_ENGINE") {
        Ok(cmd) if !cmd.trim().is_empty() => cmd.split_whitespace().map(String::from).collect(),
        _ => vec![
            env!("CARGO_BIN_EXE_interleave").to_string(),
            "run".to_string(),
        ],
    }
}

/// What the engine must reproduce.
struct Reference {
    stdout: String,
    code: i32,
    /// Last line of stderr, checked when `code` is 1 or 2.
    stderr_last: Option<String>,
    /// All of python3's stderr, when it ran.
    stderr_full: Option<String>,
    /// Where the reference came from, for messages.
    source: &'static str,
}

fn python_reference(
    python: &str,
    file: &str,
    dir: &Path,
    site_dir: &Path,
    expect: &Expect,
) -> Result<Reference, String> {
    if let Some(stdout) = &expect.stdout {
        let code = expect.exit.unwrap_or(0);
        return Ok(Reference {
            stdout: stdout.clone(),
            code,
            stderr_last: expect.stderr.clone(),
            stderr_full: None,
            source: "sidecar",
        });
    }
    let timeout = expect.timeout.unwrap_or(PYTHON_TIMEOUT);
    let run = run_program(&[python.to_string()], file, dir, site_dir, timeout)?;
    let Some(mut code) = run.code else {
        return Err(format!(
            "python3 {file}: {} (a program that hangs in CPython needs NAME.stdout and `exit = N` in NAME.expect)\n\
             --- python3 stdout so far ---\n{}--- python3 stderr ---\n{}",
            run.describe_code(),
            run.stdout,
            run.stderr
        ));
    };
    let last = run.last_stderr_line().to_string();
    // CPython exits with 1 for a syntax error too; `interleave` uses 2 for errors found before
    // the program runs. A compile-time error has no traceback, only the `File ...` excerpt.
    let compile_error = ["SyntaxError:", "IndentationError:", "TabError:"]
        .iter()
        .any(|p| last.starts_with(p))
        && !run.stderr.contains("Traceback (most recent call last):");
    if code == 1 && compile_error {
        code = 2;
    }
    Ok(Reference {
        stdout: run.stdout,
        code: expect.exit.unwrap_or(code),
        stderr_last: expect.stderr.clone().or(Some(last)),
        stderr_full: Some(with_standard_stdlib_path(python, &run.stderr)),
        source: "python3",
    })
}

/// CPython's tracebacks name its own library files by where this machine installed them
/// (`/root/.pyenv/.../lib/python3.11/threading.py`); the engine names them as a Debian install
/// does (`/usr/lib/python3.11/threading.py`).
fn with_standard_stdlib_path(python: &str, stderr: &str) -> String {
    static STDLIB: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let stdlib = STDLIB.get_or_init(|| {
        let out = Command::new(python)
            .args([
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
            ])
            .output()
            .ok()?;
        Some(String::from_utf8_lossy(&out.stdout).trim().to_string()).filter(|s| !s.is_empty())
    });
    match stdlib {
        Some(dir) => stderr.replace(&format!("\"{dir}/"), "\"/usr/lib/python3.11/"),
        None => stderr.to_string(),
    }
}

fn run_case(program: &Path, site_dir: &Path, python: &str, engine: &[String]) -> CaseResult {
    match check_case(program, site_dir, python, engine) {
        Ok(None) => CaseResult::Pass,
        Ok(Some(reason)) => CaseResult::Skip(reason),
        Err(details) => CaseResult::Fail(details),
    }
}

/// Ok(None): pass; Ok(Some(reason)): skipped; Err(details): failure.
fn check_case(
    program: &Path,
    site_dir: &Path,
    python: &str,
    engine: &[String],
) -> Result<Option<String>, String> {
    let expect = read_expect(program)?;
    if let Some(reason) = expect.skip {
        return Ok(Some(reason));
    }
    let dir = program.parent().expect("a program has a folder");
    let file = program
        .file_name()
        .expect("a program has a name")
        .to_string_lossy()
        .to_string();

    // A scenario runs with its recommended settings (only `interleave` takes them).
    let mut engine = engine.to_vec();
    if std::env::var_os("CONFORMANCE_ENGINE").is_none() {
        engine.extend(scenario::settings_flags(program)?);
    }
    let engine = &engine[..];
    let reference = python_reference(python, &file, dir, site_dir, &expect)?;
    let first = run_program(engine, &file, dir, site_dir, ENGINE_TIMEOUT)?;
    let mut problems = compare(&reference, &first, &expect, &engine.join(" "));
    // CPython's own timing drifts on a loaded machine (other cases run beside it): before
    // calling a difference a failure, ask CPython again, alone, up to twice.
    if !problems.is_empty() && reference.source == "python3" {
        let _alone = RECHECK.lock().unwrap_or_else(|e| e.into_inner());
        for _ in 0..2 {
            let again = python_reference(python, &file, dir, site_dir, &expect)?;
            if compare(&again, &first, &expect, &engine.join(" ")).is_empty() {
                problems.clear();
                break;
            }
        }
    }

    // The engine is deterministic: a second run must print exactly the same.
    let second = if first.timed_out {
        None // a hang is already reported; do not wait for it twice
    } else {
        Some(run_program(engine, &file, dir, site_dir, ENGINE_TIMEOUT)?)
    };
    if let Some(second) = second.filter(|s| s.stdout != first.stdout || s.code != first.code) {
        problems.push(format!(
            "not deterministic: two engine runs differ ({} / {})\n{}",
            first.describe_code(),
            second.describe_code(),
            diff_view_labels(&first.stdout, &second.stdout, "run 1", "run 2")
        ));
    }

    if problems.is_empty() {
        Ok(None)
    } else {
        let mut details = problems.join("\n");
        if !first.stderr.trim().is_empty() {
            let _ = write!(
                details,
                "\n--- engine stderr ---\n{}",
                clip(&first.stderr, 30)
            );
        }
        Err(details)
    }
}

/// Serialises the re-checks of CPython's output, so each runs without company.
static RECHECK: Mutex<()> = Mutex::new(());

/// What differs between CPython's reference and one engine run.
fn compare(reference: &Reference, first: &Run, expect: &Expect, engine_name: &str) -> Vec<String> {
    let mut problems = Vec::new();

    if first.code != Some(reference.code) {
        problems.push(format!(
            "exit code: expected {} (from {}), got {} from `{engine_name}`",
            reference.code,
            reference.source,
            first.describe_code()
        ));
    }
    if reference.code == 1 || reference.code == 2 {
        if let Some(want) = &reference.stderr_last {
            let got = first.last_stderr_line();
            if got != want.trim_end() {
                problems.push(format!(
                    "last line of stderr:\n  {:<8} {want}\n  {:<8} {got}",
                    reference.source, "engine"
                ));
            }
        }
    }
    if expect.full_stderr {
        if let Some(want) = &reference.stderr_full {
            if &first.stderr != want {
                problems.push(format!(
                    "stderr differs:\n--- python3 ---\n{want}--- engine ---\n{}",
                    first.stderr
                ));
            }
        }
    }
    if expect.any_order {
        if sorted_lines(&first.stdout) != sorted_lines(&reference.stdout) {
            problems.push(format!(
                "stdout (order = any: comparing sorted lines)\n{}",
                diff_view(
                    &sorted_text(&reference.stdout),
                    &sorted_text(&first.stdout),
                    reference.source
                )
            ));
        }
    } else if first.stdout != reference.stdout {
        problems.push(format!(
            "stdout\n{}",
            diff_view(&reference.stdout, &first.stdout, reference.source)
        ));
    }

    problems
}
