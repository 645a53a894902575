//! Hearing a run while it goes: [`Progress`] reports every so many instructions and, when the
//! listener asks for it, the trace so far ([`crate::trace::Outcome::Running`]) — what the page
//! draws while a long program is still running. Neither changes the run.

use crate::trace::Trace;
use serde::{Deserialize, Serialize};

/// How far a run has got, reported while it runs ([`crate::run_with_progress`], [`RunWatcher::progress`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Bytecode instructions executed so far, over all threads.
    pub steps: u64,
    /// The virtual clock, in nanoseconds.
    pub t_ns: u64,
}

/// Listens to a run ([`crate::run_watched`]).
pub trait RunWatcher {
    /// Another `every_steps` instructions have run; and once at the end, with the trace's own
    /// `steps` and `end_ns`.
    fn progress(&mut self, progress: Progress);

    /// Asked right after each report made during the run: whether to hand the trace so far to
    /// [`RunWatcher::trace_so_far`] now (building it costs a copy of the trace).
    fn wants_trace_so_far(&mut self) -> bool {
        false
    }

    /// The trace up to the last report: what has happened so far, each live thread's state
    /// drawn up to now, outcome [`crate::trace::Outcome::Running`].
    fn trace_so_far(&mut self, _trace: Trace) {}
}

/// A plain progress callback as a watcher.
pub(crate) struct ProgressOnly<'a>(pub &'a mut dyn FnMut(Progress));

impl RunWatcher for ProgressOnly<'_> {
    fn progress(&mut self, progress: Progress) {
        (self.0)(progress)
    }
}
