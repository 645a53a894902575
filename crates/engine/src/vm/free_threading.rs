//! `--gil off`: a free-threaded interpreter (PEP 703). There is no GIL; up to `cores`
//! threads run at the same time, each on its own clock. The scheduler always advances the
//! thread that is furthest behind, a couple of microseconds at a time, so threads interleave
//! finely (races show) and CPU-bound work on N cores takes about 1/N of the time. Runnable
//! threads beyond the core count wait in a queue and get time slices, as an OS scheduler
//! would give them.

use super::interp::Stop;
use super::Vm;
use crate::trace::{ThreadId, ThreadState};

/// How far ahead of the slowest running thread the current one may run.
pub(super) const QUANTUM_NS: u64 = 2_000;
/// The OS's time slice when more threads want to run than there are cores.
const OS_SLICE_NS: u64 = 4_000_000;

impl Vm {
    pub(super) fn run_loop_free(&mut self, hooks: &mut super::RunHooks) {
        if self.finish_cut_quantum(hooks) == Some(Stop::Halt) {
            return;
        }
        while self.outcome.is_none() {
            if self.sched.clock > self.options.max_time_ns {
                self.budget_exceeded("time");
                break;
            }
            let slowest = self.slowest_running();
            let now = match slowest {
                Some(t) => self.sched.threads[t as usize].clock,
                None => {
                    self.sched.prune_stale_timers();
                    if !self.sched.has_timers() {
                        self.deadlock();
                        break;
                    }
                    self.sched.next_timer_at()
                }
            };
            if hooks.stop_here(now) {
                break;
            }
            if self.sched.next_timer_at() <= now {
                self.sched.clock = self.sched.next_timer_at();
                while let Some(timer) = self.sched.pop_due_timer() {
                    self.on_timer(timer);
                }
                continue;
            }
            let Some(t) = slowest else { continue };
            self.switch_to(t);
            self.sched.clock = now;
            self.time_slice(t);
            if !self.sched.running.contains(&t) {
                continue;
            }
            if !self.apply_resume() {
                continue;
            }
            let others = self.others_min_clock(t);
            let until = others.unwrap_or(now).max(now) + QUANTUM_NS;
            let stop = self.run_quantum(t, until, others.unwrap_or(u64::MAX), hooks);
            if stop == Stop::Halt {
                break;
            }
        }
    }

    /// Runs thread `t`, on a core, until its clock reaches `until` (or it blocks, or a timer
    /// is due); `others` is when anything else would next happen. When the run is to stop
    /// (`hooks`) before `until` and nothing else happens before the stop, the thread comes
    /// back at the stop: that changes nothing before it, and resuming finishes the quantum
    /// ([`Vm::finish_cut_quantum`]) exactly as an uninterrupted run would have.
    pub(super) fn run_quantum(
        &mut self,
        t: ThreadId,
        until: u64,
        others: u64,
        hooks: &mut super::RunHooks,
    ) -> Stop {
        self.sched.run_until = if others >= hooks.stop_at_ns() {
            until.min(hooks.stop_at_ns())
        } else {
            until
        };
        let stop = self.run_current(false, hooks);
        self.sched.run_until = u64::MAX;
        if self.sched.running.contains(&t) {
            let clock = self.sched.clock;
            self.sched.threads[t as usize].clock = clock;
            if stop == Stop::Timer
                && clock >= hooks.stop_at_ns()
                && clock < until
                && clock < self.sched.next_timer_at()
            {
                hooks.cut_quantum = Some((t, until, others));
            }
        }
        stop
    }

    /// Resuming a run stopped in the middle of a thread's quantum: the thread goes on first.
    pub(super) fn finish_cut_quantum(&mut self, hooks: &mut super::RunHooks) -> Option<Stop> {
        let (t, until, others) = hooks.cut_quantum.take()?;
        self.switch_to(t);
        self.sched.clock = self.sched.threads[t as usize].clock;
        Some(self.run_quantum(t, until, others, hooks))
    }

    /// The thread on a core whose clock is furthest behind (it runs next).
    pub(super) fn slowest_running(&self) -> Option<ThreadId> {
        self.sched
            .running
            .iter()
            .copied()
            .min_by_key(|t| (self.sched.threads[*t as usize].clock, *t))
    }

    /// The earliest clock among the other threads on a core.
    pub(super) fn others_min_clock(&self, t: ThreadId) -> Option<u64> {
        self.sched
            .running
            .iter()
            .filter(|o| **o != t)
            .map(|o| self.sched.threads[*o as usize].clock)
            .min()
    }

    /// With more runnable threads than cores, a thread that used up its slice goes to the
    /// back of the queue.
    pub(super) fn time_slice(&mut self, t: ThreadId) {
        let since = self.sched.threads[t as usize].core_since;
        if self.sched.run_queue.is_empty() || self.sched.clock < since + OS_SLICE_NS {
            return;
        }
        self.release_core();
        self.sched.run_queue.push_back(t);
        self.set_state(t, ThreadState::WaitingForGil);
    }

    /// A runnable thread gets a core if one is free, else it queues.
    pub(super) fn want_core(&mut self, tid: ThreadId) {
        if self.sched.running.len() < self.sched.cores as usize {
            self.give_core(tid);
        } else {
            self.set_state(tid, ThreadState::WaitingForGil);
            self.sched.run_queue.push_back(tid);
        }
    }

    fn give_core(&mut self, tid: ThreadId) {
        let now = self.sched.clock;
        self.sched.running.push(tid);
        let t = &mut self.sched.threads[tid as usize];
        t.clock = now;
        t.core_since = now;
        self.set_state(tid, ThreadState::Running);
    }

    /// The current thread leaves its core (it blocked, slept or finished); the next queued
    /// thread takes the core at this moment.
    pub(super) fn release_core(&mut self) {
        let me = self.cur;
        self.sched.running.retain(|t| *t != me);
        self.sched.threads[me as usize].clock = self.sched.clock;
        if let Some(next) = self.sched.run_queue.pop_front() {
            self.give_core(next);
        }
    }
}
