//! The real pool of the comparison view: the kernels of `interleave-kernels` run three ways in
//! Web Workers, each run timed with the browser's clock and with every chunk's busy interval
//! on the worker that ran it, so the page draws the real pool as it draws simulated threads.
//!
//! - `sequential`: every chunk on the calling worker, one after another (the baseline);
//! - `global-lock`: the chunks spread over the rayon pool, but each chunk holds one global
//!   mutex while it works: real threads serialise, as Python threads do on the GIL;
//! - `free`: the chunks spread over the pool with nothing shared (`par_iter`).
//!
//! The page loads this module only when the comparison is opened, in a dedicated Worker
//! (`parallel-worker.js`): driving the pool from the page's main thread loses most of the
//! speedup, and the main thread must never block.

use interleave_kernels::{chunks, Kernel};
use rayon::prelude::*;
use std::sync::Mutex;
use wasm_bindgen::prelude::*;

pub use wasm_bindgen_rayon::init_thread_pool;

#[wasm_bindgen(inline_js = "export function now_ms() { return performance.timeOrigin + performance.now(); }")]
extern "C" {
    /// Milliseconds since the epoch with sub-millisecond precision, comparable across workers
    /// (each worker's `performance.now()` counts from its own start).
    fn now_ms() -> f64;
}

/// How the chunks are run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Sequential,
    GlobalLock,
    Free,
}

impl Mode {
    pub fn parse(name: &str) -> Option<Mode> {
        match name {
            "sequential" => Some(Mode::Sequential),
            "global-lock" => Some(Mode::GlobalLock),
            "free" => Some(Mode::Free),
            _ => None,
        }
    }
}

/// A chunk's busy interval: the worker (0 = the calling worker, k = rayon thread k - 1) and
/// its start and end in epoch milliseconds.
type Interval = (usize, f64, f64);

/// The one lock every chunk holds in `global-lock` mode.
static GLOBAL_LOCK: Mutex<()> = Mutex::new(());

fn worker_id() -> usize {
    rayon::current_thread_index().map_or(0, |i| i + 1)
}

/// Runs `kernel` over one chunk and notes who ran it when.
fn timed(kernel: Kernel, chunk: std::ops::Range<u64>, log: &Mutex<Vec<Interval>>) -> u128 {
    let start = now_ms();
    let result = kernel.run(chunk);
    let end = now_ms();
    if let Ok(mut log) = log.lock() {
        log.push((worker_id(), start, end));
    }
    result
}

/// Runs `kernel` over `0..n` in `pieces` chunks the way `mode` says. Returns JSON:
/// `{"result": "…", "start_ms": …, "end_ms": …, "intervals": [[worker, start, end], …]}`
/// (the result as a string: it is a u128), or an error for an unknown kernel or mode.
#[wasm_bindgen]
pub fn run(kernel: &str, mode: &str, n: f64, pieces: u32) -> Result<String, JsValue> {
    let kernel = Kernel::parse(kernel).ok_or_else(|| JsValue::from_str("unknown kernel"))?;
    let mode = Mode::parse(mode).ok_or_else(|| JsValue::from_str("unknown mode"))?;
    let parts = chunks(n.max(0.0) as u64, u64::from(pieces.max(1)));
    let log = Mutex::new(Vec::with_capacity(parts.len()));
    let start_ms = now_ms();
    let result: u128 = match mode {
        Mode::Sequential => parts.into_iter().map(|c| timed(kernel, c, &log)).sum(),
        Mode::GlobalLock => parts
            .into_par_iter()
            .map(|c| {
                let _held = GLOBAL_LOCK.lock().unwrap_or_else(|e| e.into_inner());
                timed(kernel, c, &log)
            })
            .sum(),
        Mode::Free => parts.into_par_iter().map(|c| timed(kernel, c, &log)).sum(),
    };
    let end_ms = now_ms();
    let intervals: Vec<String> = log
        .into_inner()
        .unwrap_or_default()
        .iter()
        .map(|(w, s, e)| format!("[{w},{s:.3},{e:.3}]"))
        .collect();
    Ok(format!(
        "{{\"result\":\"{result}\",\"start_ms\":{start_ms:.3},\"end_ms\":{end_ms:.3},\"intervals\":[{}]}}",
        intervals.join(",")
    ))
}

/// The threads rayon runs (after `initThreadPool`).
#[wasm_bindgen]
pub fn pool_threads() -> usize {
    rayon::current_num_threads()
}
