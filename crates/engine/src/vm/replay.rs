//! Replaying a run to any moment: a paused replay that moves forward, and checkpoints (copies
//! of the paused interpreter, [`Vm::checkpoint`]) taken every so many instructions while a
//! run or a replay goes, so that an earlier moment is reached from the nearest checkpoint
//! before it rather than from the start.
//!
//! Stopping at a scheduling point and resuming changes nothing (see [`Vm::run_loop`]), so a
//! run that stops for checkpoints makes the same trace as one that does not, and a replay
//! resumed from a checkpoint reaches every later moment in the same state.

use super::{RunHooks, Vm};
use crate::bytecode::Code;
use crate::{RunOptions, Snapshot, Trace};
use std::rc::Rc;

/// Instructions between checkpoints at first (a few milliseconds of the interpreter's work).
pub const CHECKPOINT_EVERY_STEPS: u64 = 100_000;
/// At most this many checkpoints are kept: past it, every other one goes and the spacing
/// doubles.
const MAX_CHECKPOINTS: usize = 256;
/// Nor more than about this many bytes of them.
const MAX_CHECKPOINT_BYTES: usize = 256 << 20;
/// What one copied object costs, roughly, for [`MAX_CHECKPOINT_BYTES`]. The resident
/// memory of a long process-pool run grows by more (320–440 MiB for 100–170 checkpoints of
/// 5,000 objects) as the allocator keeps what thinning freed; counting 500 bytes kept fewer
/// checkpoints, twice as slow to answer from, without lowering that peak.
const BYTES_PER_OBJECT: usize = 300;
/// Checkpoints are at least this many instructions apart per object in the last copy, and
/// per value (numbers included), so that copying costs at most about a third of the run
/// however large its heap: copying an object takes about as long as 80 instructions, a value
/// in a list 4 (measured: a 4,900-object interpreter is copied in 4.5 ms, a list of a
/// million ints in 50 ms).
const GAP_STEPS_PER_COPIED_OBJECT: u64 = 240;
const GAP_STEPS_PER_COPIED_VALUE: u64 = 12;

/// A run paused at a scheduling point: resuming it does what the uninterrupted run does.
struct Paused {
    /// Always `Some` (taken only when dropped).
    vm: Option<Vm>,
    hooks: RunHooks<'static>,
    /// The stop time asked for: any later one may be reached by resuming.
    stop_ns: u64,
}

impl Paused {
    fn vm(&mut self) -> &mut Vm {
        self.vm
            .as_mut()
            .expect("a paused run has its interpreter until dropped")
    }

    /// A copy that runs on as this one would.
    fn copy(&mut self) -> Paused {
        let hooks = self.hooks.paused_copy();
        let (vm, _) = self.vm().checkpoint();
        Paused {
            vm: Some(vm),
            hooks,
            stop_ns: self.stop_ns,
        }
    }

    fn steps(&self) -> u64 {
        self.vm.as_ref().map_or(0, |vm| vm.sched.steps)
    }
}

impl Drop for Paused {
    /// A paused copy's coroutines are not the running program's: destroying them must not
    /// make the running one print "never awaited".
    fn drop(&mut self) {
        if let Some(vm) = self.vm.take() {
            crate::value::without_never_awaited_reports(move || drop(vm));
        }
    }
}

struct Checkpoint {
    paused: Paused,
    steps: u64,
    bytes: usize,
}

/// Checkpoints of one run, in order, about `every_steps` instructions apart.
pub struct Checkpoints {
    every_steps: u64,
    /// Spacing for the size of the last copy ([`GAP_STEPS_PER_COPIED_OBJECT`]).
    copy_gap_steps: u64,
    list: Vec<Checkpoint>,
    bytes: usize,
}

impl Checkpoints {
    pub fn every(every_steps: u64) -> Checkpoints {
        Checkpoints {
            every_steps,
            copy_gap_steps: 0,
            list: Vec::new(),
            bytes: 0,
        }
    }

    /// None are taken.
    pub fn never() -> Checkpoints {
        Checkpoints::every(u64::MAX)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many instructions apart checkpoints are now.
    fn gap_steps(&self) -> u64 {
        self.every_steps.max(self.copy_gap_steps)
    }

    /// The step count at which the next checkpoint is due for a run at `steps` (none nearer
    /// than `every_steps` to another; `u64::MAX` when none are taken).
    fn due_at_steps(&self, steps: u64) -> u64 {
        if self.every_steps == u64::MAX {
            return u64::MAX;
        }
        let after = self.list.partition_point(|c| c.steps <= steps);
        let previous = after.checked_sub(1).map_or(0, |i| self.list[i].steps);
        let gap = self.gap_steps();
        let due = previous.saturating_add(gap);
        match self.list.get(after) {
            // The next one is near enough: nothing is due before passing it.
            Some(next) if next.steps < due.saturating_add(gap / 2) => {
                next.steps.saturating_add(gap)
            }
            _ => due,
        }
    }

    /// Keeps a copy of the run paused at `stop_ns`, if one is due.
    fn offer(&mut self, vm: &mut Vm, hooks: &RunHooks, stop_ns: u64) {
        let steps = vm.sched.steps;
        if steps.saturating_add(self.gap_steps() / 4) < self.due_at_steps(steps) {
            return;
        }
        let (copy, (objects, values)) = vm.checkpoint();
        self.copy_gap_steps = objects as u64 * GAP_STEPS_PER_COPIED_OBJECT
            + values as u64 * GAP_STEPS_PER_COPIED_VALUE;
        let bytes = objects * BYTES_PER_OBJECT
            + values * std::mem::size_of::<crate::value::Value>()
            + copy.sched.log.unshared_bytes();
        let at = self.list.partition_point(|c| c.steps <= steps);
        self.list.insert(
            at,
            Checkpoint {
                paused: Paused {
                    vm: Some(copy),
                    hooks: hooks.paused_copy(),
                    stop_ns,
                },
                steps,
                bytes,
            },
        );
        self.bytes += bytes;
        while self.list.len() > MAX_CHECKPOINTS || self.bytes > MAX_CHECKPOINT_BYTES {
            self.thin();
        }
    }

    /// Every other checkpoint goes (the first stays); the spacing doubles.
    fn thin(&mut self) {
        let mut index = 0;
        self.list.retain(|_| {
            index += 1;
            index % 2 == 1
        });
        self.bytes = self.list.iter().map(|c| c.bytes).sum();
        self.every_steps = self.every_steps.saturating_mul(2);
    }

    /// A copy of checkpoint `index` (in run order), paused where it was taken.
    #[cfg(test)]
    fn copy_of(&mut self, index: usize) -> Paused {
        self.list[index].paused.copy()
    }

    /// A copy of the latest checkpoint from which `at_ns` can be reached, unless `paused`
    /// is at least as far on.
    fn latest_for(&mut self, at_ns: u64, paused: Option<&Paused>) -> Option<Paused> {
        let best = self
            .list
            .iter_mut()
            .rev()
            .find(|c| c.paused.stop_ns <= at_ns)?;
        if paused.is_some_and(|p| p.stop_ns <= at_ns && p.steps() >= best.steps) {
            return None;
        }
        Some(best.paused.copy())
    }
}

/// Runs `vm` on to the first scheduling point at or after `at_ns` (or to its end), offering
/// `checkpoints` a copy whenever one is due. Checkpoints are due every so many instructions
/// but a run can only stop at a virtual time: the time to stop at is estimated from the
/// virtual time the latest instructions took.
fn advance(vm: &mut Vm, hooks: &mut RunHooks, at_ns: u64, checkpoints: &mut Checkpoints) {
    // The latest scheduling point's time: in parallel modes the scheduler's clock is one
    // core's and may lag behind it.
    let mut now = vm.sched.clock.max(hooks.stopped_at().unwrap_or(0));
    let mut ns_per_step = (now as f64 / vm.sched.steps.max(1) as f64).max(1.0);
    // How far the last stretch reached: the next may go at most four times as far, since
    // the rate can change by orders of magnitude (a start-up that sleeps, then a hot loop)
    // and overshooting a due checkpoint leaves a long stretch without one, while stopping
    // early only costs a stop.
    let mut last_reach = now;
    while vm.outcome.is_none() {
        let steps = vm.sched.steps;
        let due = checkpoints.due_at_steps(steps);
        let stop_ns = if due == u64::MAX {
            at_ns
        } else {
            let ahead = (due.saturating_sub(steps) as f64 * ns_per_step)
                .min(last_reach as f64 * 4.0)
                .max(1_000.0);
            at_ns.min(now.saturating_add(ahead as u64))
        };
        hooks.set_stop(stop_ns);
        vm.run_loop(hooks);
        let Some(t_ns) = hooks.stopped_at() else {
            return;
        };
        if t_ns >= at_ns || vm.outcome.is_some() {
            return;
        }
        let ran = vm.sched.steps - steps;
        let took = t_ns.saturating_sub(now);
        // Few instructions in a long time (sleeps) or many in a short one: follow the rate;
        // none at all: look four times as far next time.
        ns_per_step = if ran > 0 {
            (took as f64 / ran as f64).max(0.01)
        } else {
            ns_per_step * 4.0
        };
        last_reach = took;
        now = t_ns.max(now + 1);
        checkpoints.offer(vm, hooks, stop_ns);
    }
}

/// Runs the main module to the end (taking `checkpoints`) and returns the trace; `hooks`
/// hears progress. With `end_snapshot`, also the program's state at the end (as
/// [`Replay::at`] would show it for any time after the end), captured before the trace closes
/// the threads still alive.
pub fn run_main(
    code: Rc<Code>,
    source: &str,
    options: &RunOptions,
    hooks: &mut RunHooks,
    checkpoints: &mut Checkpoints,
    end_snapshot: bool,
) -> (Trace, Option<Snapshot>) {
    let mut vm = Vm::start(code, source, options);
    advance(&mut vm, hooks, u64::MAX, checkpoints);
    let snapshot = end_snapshot.then(|| vm.snapshot(vm.sched.clock, true));
    (vm.into_trace(), snapshot)
}

/// A replay of a run that answers "what was the state at this moment" for any moments, in
/// any order: from a paused replay when the moment is after it, else from the nearest
/// checkpoint before the moment, else from the start.
pub struct Replay {
    code: Rc<Code>,
    source: String,
    options: RunOptions,
    paused: Option<Paused>,
    checkpoints: Checkpoints,
}

impl Replay {
    pub fn new(code: Rc<Code>, source: &str, options: &RunOptions) -> Replay {
        Replay {
            code,
            source: source.to_string(),
            options: options.clone(),
            paused: None,
            checkpoints: Checkpoints::every(CHECKPOINT_EVERY_STEPS),
        }
    }

    /// Runs the whole program (see [`run_main`]), keeping its checkpoints for later moments.
    pub fn run(&mut self, hooks: &mut RunHooks, end_snapshot: bool) -> (Trace, Option<Snapshot>) {
        run_main(
            self.code.clone(),
            &self.source,
            &self.options,
            hooks,
            &mut self.checkpoints,
            end_snapshot,
        )
    }

    /// How many checkpoints are kept now.
    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }

    /// The program's state at the first scheduling point at or after `at_ns` (or at the end).
    pub fn at(&mut self, at_ns: u64) -> Snapshot {
        let resumable = self.paused.as_ref().is_some_and(|p| p.stop_ns <= at_ns);
        if let Some(from_checkpoint) = self.checkpoints.latest_for(at_ns, self.paused.as_ref()) {
            self.paused = Some(from_checkpoint);
        } else if !resumable {
            self.paused = Some(Paused {
                vm: Some(Vm::start(self.code.clone(), &self.source, &self.options)),
                hooks: RunHooks::none(),
                stop_ns: 0,
            });
        }
        let Some(p) = self.paused.as_mut() else {
            unreachable!("a paused replay was just made");
        };
        let ended = p.vm().outcome.is_some();
        if !ended {
            let vm = p.vm.as_mut().expect("a paused run has its interpreter");
            advance(vm, &mut p.hooks, at_ns, &mut self.checkpoints);
            p.stop_ns = at_ns;
        }
        match p.hooks.stopped_at() {
            Some(t_ns) if !ended && p.vm().outcome.is_none() => p.vm().snapshot(t_ns, false),
            _ => {
                let vm = p.vm();
                vm.snapshot(vm.sched.clock, true)
            }
        }
    }
}

#[cfg(test)]
#[path = "replay_tests.rs"]
mod tests;
