//! Scheduling once several processes exist: each process has its own GIL (with CPython's
//! switch rules, [`super::threads`]), and the GIL holders of different processes run in
//! parallel on `cores`, each on its own clock, as threads do in free-threaded mode. The loop
//! always handles whatever is furthest behind — a GIL hand-over in some process, a due
//! timer, or the running thread with the smallest clock — and lets a thread run at most a
//! quantum ahead of the others, so instruction streams of different processes interleave
//! finely (unsynchronised updates of shared memory race). More GIL holders than cores
//! share them in OS time slices.

use super::interp::Stop;
use super::Vm;
use crate::cost;
use crate::trace::{ThreadId, ThreadState};

use super::free_threading::QUANTUM_NS;

impl Vm {
    pub(super) fn run_loop_procs(&mut self, hooks: &mut super::RunHooks) {
        if self.finish_cut_quantum(hooks) == Some(Stop::Halt) {
            return;
        }
        while self.outcome.is_none() {
            if self.sched.clock > self.options.max_time_ns {
                self.budget_exceeded("time");
                break;
            }
            let slowest = self.slowest_running();
            let t_run = slowest
                .map(|t| self.sched.threads[t as usize].clock)
                .unwrap_or(u64::MAX);
            let grant = self.next_gil_grant();
            let t_grant = grant.map(|(at, _)| at).unwrap_or(u64::MAX);
            let t_timer = self.sched.next_timer_at();
            let t_next = t_run.min(t_grant).min(t_timer);
            if t_next != u64::MAX && hooks.stop_here(t_next) {
                break;
            }
            if let Some((at, p)) = grant {
                if at <= t_timer && at <= t_run {
                    self.sched.clock = at;
                    if let Some(w) = self.sched.gils[p].waiters.pop_front() {
                        self.take_gil(w);
                    }
                    continue;
                }
            }
            if t_timer != u64::MAX && t_timer <= t_run {
                self.sched.clock = t_timer;
                while let Some(timer) = self.sched.pop_due_timer() {
                    self.on_timer(timer);
                }
                continue;
            }
            let Some(t) = slowest else {
                self.sched.prune_stale_timers();
                if !self.sched.has_timers() {
                    self.deadlock();
                    break;
                }
                continue;
            };
            self.switch_to(t);
            self.sched.clock = t_run;
            self.time_slice(t);
            if !self.sched.running.contains(&t) {
                continue;
            }
            if !self.apply_resume() {
                continue;
            }
            let others = self.others_min_clock(t).unwrap_or(u64::MAX).min(t_grant);
            let until = match others {
                u64::MAX => u64::MAX,
                o => o.max(t_run) + QUANTUM_NS,
            };
            let stop = self.run_quantum(t, until, others, hooks);
            if stop == Stop::Halt {
                break;
            }
        }
    }

    /// The earliest moment a process whose GIL nobody holds hands it to its first waiter.
    fn next_gil_grant(&self) -> Option<(u64, usize)> {
        let mut best: Option<(u64, usize)> = None;
        for (p, gil) in self.sched.gils.iter().enumerate() {
            if gil.holder.is_some() {
                continue;
            }
            let Some(&w) = gil.waiters.front() else {
                continue;
            };
            let at =
                (gil.released_at + cost::GIL_HANDOFF_NS).max(self.sched.threads[w as usize].since);
            if best.is_none_or(|(b, _)| at < b) {
                best = Some((at, p));
            }
        }
        best
    }

    /// A thread that just took its process's GIL needs a core to run on.
    pub(super) fn gil_taken_wants_core(&mut self, tid: ThreadId) {
        if self.sched.running.contains(&tid) {
            return;
        }
        if self.sched.running.len() < self.sched.cores as usize {
            let now = self.sched.clock;
            self.sched.running.push(tid);
            let t = &mut self.sched.threads[tid as usize];
            t.clock = now;
            t.core_since = now;
        } else {
            self.set_state(tid, ThreadState::WaitingForGil);
            self.sched.run_queue.push_back(tid);
        }
    }
}
