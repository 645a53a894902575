//! Parse, compile and run arbitrary text with small budgets: the engine must end with a
//! located error, a budget stop or a normal exit, never a panic or a hang.

#![no_main]

use interleave_engine::{run, RunOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    let options = RunOptions {
        filename: "fuzz.py".into(),
        max_steps: 20_000,
        max_time_ns: 10_000_000_000,
        ..RunOptions::default()
    };
    let trace = run(source, &options);
    let code = trace.outcome.exit_code();
    assert!((0..=4).contains(&code) || matches!(trace.outcome, interleave_engine::Outcome::Exit(_)));
});
