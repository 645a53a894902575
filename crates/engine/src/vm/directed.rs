//! Directed runs in the interpreter: where CPython could switch threads (a switch point of the
//! GIL holder, or a free GIL wanted by several threads) the [`crate::director`] picks who runs
//! instead of the switch interval and the OS. Only one process with a GIL is directed; the
//! switch interval's drop requests are off, so nothing else preempts the running thread.

use super::interp::Stop;
use super::Vm;
use crate::director::Verdict;
use crate::trace::{Decision, Directed, Outcome, PendingDecision, ThreadId};

impl Vm {
    /// Whether the director decides who runs (one process with a GIL).
    pub(super) fn directed(&self) -> bool {
        self.sched.director.is_some() && !self.sched.multi_process && !self.sched.free_threading
    }

    /// The GIL is free and wanted: the thread a switch chose, the only waiter, or the
    /// director's pick among several. Removes it from the waiters; `None` when the run
    /// paused for a pick.
    pub(super) fn directed_grant(&mut self) -> Option<ThreadId> {
        let waiters = &mut self.sched.gils[0].waiters;
        let pending = self
            .sched
            .director
            .as_mut()
            .and_then(|d| d.pending_grant.take());
        if let Some(pos) = pending.and_then(|p| waiters.iter().position(|w| *w == p)) {
            return waiters.remove(pos);
        }
        if waiters.len() == 1 {
            let only = waiters.pop_front();
            if let Some(t) = only {
                self.directed_seen(t);
            }
            return only;
        }
        let mut options: Vec<ThreadId> = waiters.iter().copied().collect();
        options.sort_unstable();
        let last = self.sched.director.as_ref().and_then(|d| d.last_runner);
        match self.directed_decide(options, last, None) {
            Verdict::Run(t) => {
                let waiters = &mut self.sched.gils[0].waiters;
                let pos = waiters.iter().position(|w| *w == t)?;
                waiters.remove(pos)
            }
            Verdict::Pause => None,
        }
    }

    /// At a switch point of the running thread (`loop_iteration`: it just jumped back to a
    /// loop's head): the director may hand the GIL to a waiting thread. Returns how the
    /// interpreter loop goes on (`None`: the running thread goes on).
    pub(super) fn directed_switch_point(&mut self, loop_iteration: bool) -> Option<Stop> {
        let cur = self.cur;
        if self.sched.gils[0].waiters.is_empty() {
            return None;
        }
        let line = self.program_line(cur);
        if line == 0 {
            // Still starting (in `threading`'s bootstrap): its first step is its target's.
            return None;
        }
        let director = self.sched.director.as_ref()?;
        if !director.offers_at(cur, line, loop_iteration) {
            return None;
        }
        let mut options: Vec<ThreadId> = self.sched.gils[0].waiters.iter().copied().collect();
        options.push(cur);
        options.sort_unstable();
        match self.directed_decide(options, Some(cur), Some(cur)) {
            Verdict::Pause => Some(Stop::Halt),
            Verdict::Run(t) if t == cur => None,
            Verdict::Run(t) => {
                if let Some(d) = self.sched.director.as_mut() {
                    d.pending_grant = Some(t);
                }
                self.release_gil();
                self.want_gil(cur);
                Some(Stop::Switched)
            }
        }
    }

    /// Asks the director; records the decision, or the pause and who could have run.
    fn directed_decide(
        &mut self,
        options: Vec<ThreadId>,
        lowered: Option<ThreadId>,
        running: Option<ThreadId>,
    ) -> Verdict {
        let lines: Vec<(ThreadId, u32)> =
            options.iter().map(|&t| (t, self.program_line(t))).collect();
        let Some(director) = self.sched.director.as_mut() else {
            return Verdict::Run(options[0]);
        };
        let verdict = director.decide(&options, lowered);
        let keep_each = director.granularity() == crate::director::Granularity::Line;
        for &(t, line) in &lines {
            if Some(t) == running {
                director.seen_at(t, line);
            }
        }
        let t_ns = self.sched.clock;
        let directed = self
            .sched
            .trace
            .directed
            .get_or_insert_with(Directed::default);
        match verdict {
            Verdict::Run(chosen) => {
                directed.decision_count += 1;
                if keep_each {
                    directed.decisions.push(Decision {
                        t_ns,
                        chosen,
                        options,
                    });
                }
                if let Some(&(_, line)) = lines.iter().find(|(t, _)| *t == chosen) {
                    if let Some(d) = self.sched.director.as_mut() {
                        d.seen_at(chosen, line);
                    }
                }
            }
            Verdict::Pause => {
                directed.pending = Some(PendingDecision {
                    t_ns,
                    options: lines,
                    running,
                });
                self.outcome = Some(Outcome::Running);
            }
        }
        verdict
    }

    /// A thread got the GIL without a decision: its next decision comes on a new line.
    fn directed_seen(&mut self, thread: ThreadId) {
        let line = self.program_line(thread);
        if let Some(d) = self.sched.director.as_mut() {
            d.seen_at(thread, line);
        }
    }
}
