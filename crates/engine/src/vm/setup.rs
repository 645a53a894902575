//! Starting a run: the interpreter state, the main thread and its module, and the trace
//! handed back at the end.

use super::{Frame, Resume, ReturnMode, Thread, Vm};
use crate::bytecode::Code;
use crate::sched::Scheduler;
use crate::trace::{GilHold, LockInfo, Outcome, Slice, ThreadInfo, ThreadState, Trace};
use crate::value::*;
use crate::RunOptions;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

impl Vm {
    /// The interpreter with the main module's frame on the main thread, ready to run.
    pub(super) fn start(code: Rc<Code>, source: &str, options: &RunOptions) -> Vm {
        // Reports left by the objects of an earlier run belong to no program.
        crate::value::take_never_awaited();
        let mut vm = Vm::new(options);
        vm.sources.insert(
            Rc::from(options.filename.as_str()),
            Rc::new(source.lines().map(String::from).collect()),
        );
        let globals = vm.main_globals.clone();
        {
            let mut g = globals.borrow_mut();
            g.insert(Key::str("__name__"), Value::str("__main__"));
            g.insert(Key::str("__file__"), Value::str(&options.filename));
            g.insert(
                Key::str("__doc__"),
                code.doc.clone().map(Value::Str).unwrap_or(Value::None),
            );
        }
        vm.sched
            .trace
            .processes
            .push(super::process::main_process_info());
        let info = ThreadInfo {
            name: "MainThread".into(),
            process: 0,
            daemon: false,
            parent: None,
            start_ns: 0,
            end_ns: None,
        };
        let main = vm.sched.add_thread(info, ThreadState::WaitingForGil);
        let frame = Frame::module(code, globals, ReturnMode::MainModule);
        vm.threads.push(Thread {
            frames: vec![frame],
            resume: Resume::Nothing,
            handled: None,
            done_lock: None,
            finished: false,
        });
        vm.want_gil(main);
        vm
    }

    pub fn new(options: &RunOptions) -> Vm {
        let mut vm = Vm {
            options: options.clone(),
            threads: Vec::new(),
            cur: 0,
            sched: Scheduler::new(&options.filename, options.switch_interval_ns),
            builtins: Rc::new(RefCell::new(Dict::default())),
            types: super::types::Types::new(),
            modules: HashMap::new(),
            sources: HashMap::new(),
            line_aliases: HashMap::new(),
            loop_idle_waits: HashMap::new(),
            live_coroutines: Vec::new(),
            live_coroutines_pruned_at: 0,
            ids: Default::default(),
            task_step_started: HashMap::new(),
            lazy_iter_globals: None,
            warned: Default::default(),
            main_globals: Rc::new(RefCell::new(Dict::default())),
            outcome: None,
            captured: None,
            rng: crate::rng::Rng::new(options.seed),
            mt: crate::mt::Mt::from_key(&[options.seed as u32, (options.seed >> 32) as u32]),
            nested: 0,
            exit_code: 0,
            uncaught: None,
            procs: vec![super::process::Proc::main()],
            cur_proc: 0,
            prims: Default::default(),
            watch: options
                .watch_conflicts
                .then(|| Box::new(super::conflicts::ConflictWatch::default())),
        };
        vm.sched.director = options
            .director
            .as_ref()
            .map(crate::director::DirectorState::new);
        vm.sched.free_threading = !options.gil;
        vm.sched.cores = options.cores.max(1);
        super::builtins::install(&mut vm);
        vm.install_lock_methods();
        vm
    }

    pub(super) fn into_trace(mut self) -> Trace {
        let now = self.sched.clock;
        // Threads still alive at exit (daemons, or all of them after a deadlock or budget stop).
        for tid in 0..self.sched.threads.len() {
            if !self.sched.threads[tid].finished {
                let line = self.program_line(tid as u32);
                self.sched.end_thread(tid as u32, line);
                self.sched.trace.threads[tid].end_ns = None;
            }
        }
        for g in 0..self.sched.gils.len() {
            if let Some(holder) = self.sched.gils[g].holder.take() {
                let start = self.sched.gils[g].held_since;
                self.sched.record_gil_hold(holder, start, now);
            }
        }
        let mut trace = std::mem::take(&mut self.sched.trace);
        std::mem::take(&mut self.sched.log).write_into(&mut trace);
        self.complete_trace(&mut trace, now);
        trace.outcome = self.outcome.take().unwrap_or_default();
        trace
    }

    /// The trace up to now, leaving the run untouched: each live thread's current state and
    /// each GIL's current hold drawn up to now, outcome [`Outcome::Running`]. In parallel
    /// modes "now" is the earliest clock of the threads on a core: one running behind may
    /// still change what others were doing after it, but never before.
    pub(super) fn trace_so_far(&self) -> Trace {
        let now = self
            .others_min_clock(self.cur)
            .map_or(self.sched.clock, |c| c.min(self.sched.clock));
        let mut trace = self.sched.trace.clone();
        self.sched.log.write_into(&mut trace);
        for (tid, t) in self.sched.threads.iter().enumerate() {
            if !t.finished && now > t.since {
                trace.slices.push(Slice {
                    thread: tid as u32,
                    state: t.state,
                    start_ns: t.since,
                    end_ns: now,
                    line: t.line,
                    end_line: self.program_line(tid as u32),
                });
            }
        }
        for gil in &self.sched.gils {
            if let Some(holder) = gil.holder {
                if now > gil.held_since {
                    trace.gil.push(GilHold {
                        process: self.sched.threads[holder as usize].proc,
                        holder,
                        start_ns: gil.held_since,
                        end_ns: now,
                    });
                }
            }
        }
        self.complete_trace(&mut trace, now);
        trace.outcome = Outcome::Running;
        trace
    }

    /// What the trace learns only at the end: the locks and primitives with their names,
    /// the order of slices, the end time and the step count.
    fn complete_trace(&self, trace: &mut Trace, now: u64) {
        let names = self.lock_names();
        let mut locks: Vec<LockInfo> = (0..self.sched.locks.len() as u32)
            .filter(|id| self.sched.locks[*id as usize].user_visible)
            .map(|id| LockInfo {
                id,
                name: names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("lock #{id}")),
                reentrant: self.sched.locks[id as usize].reentrant,
                primitive: None,
            })
            .collect();
        self.finish_primitives(trace, &mut locks, &names);
        trace.locks = locks;
        trace.slices.sort_by_key(|s| (s.start_ns, s.thread));
        trace.end_ns = now;
        trace.steps = self.sched.steps;
    }
}
