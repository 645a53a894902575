//! Simulated processes (`multiprocessing` with the fork start method): each process has its
//! own interpreter state (modules, `__main__`'s globals, `random`'s generator, stdout
//! buffer, exit status) and its own GIL. The VM keeps the running process's state in its
//! own fields and parks the others' in [`Proc`]; [`Vm::switch_to`] swaps them when the
//! thread to run belongs to another process. A fork copies the parent's object graph
//! ([`super::fork_copy`]); exiting or being killed ends all of a process's threads.

use super::fork_copy::Copier;
use super::{Flow, Frame, Resume, ReturnMode, Thread, Vm};
use crate::cost;
use crate::sched::{Gil, LockRole, TimerKind};
use crate::trace::*;
use crate::value::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The first simulated pid; children count up from it.
const FIRST_PID: i64 = 4_242;

/// The interpreter state private to one process.
pub struct ProcState {
    pub modules: HashMap<Rc<str>, Value>,
    pub main_globals: Rc<RefCell<Dict>>,
    pub mt: crate::mt::Mt,
    pub exit_code: i32,
    pub uncaught: Option<String>,
    pub stdout_buffer: String,
    pub stderr_buffer: String,
}

impl ProcState {
    fn placeholder() -> ProcState {
        ProcState {
            modules: HashMap::new(),
            main_globals: Rc::new(RefCell::new(Dict::default())),
            mt: crate::mt::Mt::from_key(&[0]),
            exit_code: 0,
            uncaught: None,
            stdout_buffer: String::new(),
            stderr_buffer: String::new(),
        }
    }
}

pub struct Proc {
    pub pid: i64,
    pub parent: Option<ProcessId>,
    pub main_thread: ThreadId,
    /// Held by the process's main thread while the process lives; `waitpid` waits on it.
    pub done_lock: Option<u32>,
    pub exitcode: Option<i32>,
    /// `multiprocessing`'s exit hook already ran (main process only).
    pub atexit_ran: bool,
    /// This process's state while another one runs (stale while it runs itself).
    parked: ProcState,
}

impl Proc {
    /// This process's state while another one runs.
    pub fn parked(&self) -> &ProcState {
        &self.parked
    }

    /// This process with `parked` as its parked state (for checkpoints).
    pub fn with_parked(&self, parked: ProcState) -> Proc {
        Proc {
            pid: self.pid,
            parent: self.parent,
            main_thread: self.main_thread,
            done_lock: self.done_lock,
            exitcode: self.exitcode,
            atexit_ran: self.atexit_ran,
            parked,
        }
    }

    pub fn main() -> Proc {
        Proc {
            pid: FIRST_PID,
            parent: None,
            main_thread: 0,
            done_lock: None,
            exitcode: None,
            atexit_ran: false,
            parked: ProcState::placeholder(),
        }
    }
}

/// The state of the main process as the trace lists it.
pub fn main_process_info() -> ProcessInfo {
    ProcessInfo {
        name: "MainProcess".into(),
        pid: FIRST_PID,
        parent: None,
        start_ns: 0,
        end_ns: None,
        exitcode: None,
    }
}

impl Vm {
    fn swap_state(&mut self, p: ProcessId) {
        let parked = &mut self.procs[p as usize].parked;
        std::mem::swap(&mut self.modules, &mut parked.modules);
        std::mem::swap(&mut self.main_globals, &mut parked.main_globals);
        std::mem::swap(&mut self.mt, &mut parked.mt);
        std::mem::swap(&mut self.exit_code, &mut parked.exit_code);
        std::mem::swap(&mut self.uncaught, &mut parked.uncaught);
        std::mem::swap(&mut self.sched.stdout_buffer, &mut parked.stdout_buffer);
        std::mem::swap(&mut self.sched.stderr_buffer, &mut parked.stderr_buffer);
    }

    /// Makes `tid` the current thread, switching to its process's interpreter state.
    #[inline]
    pub fn switch_to(&mut self, tid: ThreadId) {
        self.cur = tid;
        let p = self.sched.threads[tid as usize].proc;
        if p != self.cur_proc {
            let old = self.cur_proc;
            self.swap_state(old);
            self.swap_state(p);
            self.cur_proc = p;
        }
    }

    /// Process `p`'s `__main__` globals (the running process's are the VM's own).
    pub fn process_globals(&self, p: ProcessId) -> Rc<RefCell<Dict>> {
        if p == self.cur_proc {
            self.main_globals.clone()
        } else {
            self.procs[p as usize].parked.main_globals.clone()
        }
    }

    pub fn pid_of(&self, p: ProcessId) -> i64 {
        self.procs[p as usize].pid
    }

    /// `os.fork()` as `multiprocessing.Process.start()` uses it: a new process whose main
    /// thread calls `func()` (a copy, in the child's copy of the parent's memory). Returns
    /// the child's index and the lock its main thread holds while the process lives.
    pub fn fork_process(&mut self, func: Value, name: &str) -> Result<(ProcessId, u32), Flow> {
        // multiprocessing flushes stdout and stderr before forking.
        let me = self.cur;
        self.sched.flush_buffers(me);
        self.sched.clock += cost::FORK_NS;
        let child = self.procs.len() as ProcessId;
        let child_tid = self.sched.threads.len() as ThreadId;
        let mut copier = Copier::fork(me, child_tid);
        let modules: HashMap<Rc<str>, Value> = {
            let mut names: Vec<Rc<str>> = self.modules.keys().cloned().collect();
            names.sort();
            names
                .into_iter()
                .map(|n| {
                    let m = self.modules[&n].clone();
                    (n, copier.copy(self, &m))
                })
                .collect()
        };
        let main_globals = match copier.copy(self, &Value::Dict(self.main_globals.clone())) {
            Value::Dict(d) => d,
            _ => Rc::new(RefCell::new(Dict::default())),
        };
        let func = copier.copy(self, &func);
        self.primitives_forked(&copier, child, child_tid);
        let pid = FIRST_PID + child as i64;
        self.procs.push(Proc {
            pid,
            parent: Some(self.cur_proc),
            main_thread: child_tid,
            done_lock: None,
            exitcode: None,
            atexit_ran: true,
            parked: ProcState {
                modules,
                main_globals,
                mt: self.mt.clone(),
                exit_code: 0,
                uncaught: None,
                stdout_buffer: String::new(),
                stderr_buffer: String::new(),
            },
        });
        self.sched.gils.push(Gil::default());
        self.sched.trace.processes.push(ProcessInfo {
            name: name.to_string(),
            pid,
            parent: Some(self.cur_proc),
            start_ns: self.sched.clock,
            end_ns: None,
            exitcode: None,
        });
        let mut frame: Frame = self.frame_for(func, Vec::new())?;
        frame.mode = ReturnMode::ProcessRoot;
        let info = ThreadInfo {
            name: self.sched.trace.threads[me as usize].name.clone(),
            process: child,
            daemon: false,
            parent: Some(me),
            start_ns: self.sched.clock,
            end_ns: None,
        };
        let tid = self.sched.add_thread(info, ThreadState::WaitingForGil);
        let done = self.sched.new_lock(false, LockRole::ThreadDone(tid));
        self.sched.locks[done as usize].owner = Some(tid);
        self.sched.locks[done as usize].count = 1;
        self.sched.locks[done as usize].shared = true;
        self.procs[child as usize].done_lock = Some(done);
        self.threads.push(Thread {
            frames: vec![frame],
            resume: Resume::Nothing,
            handled: None,
            done_lock: None,
            finished: false,
        });
        let token = self.sched.threads[tid as usize].token;
        let at = self.sched.clock + cost::PROCESS_BOOT_NS;
        self.sched.add_timer(at, TimerKind::Ready { tid, token });
        self.enter_multi_process();
        Ok((child, done))
    }

    /// From now on GIL holders of different processes run in parallel: the running
    /// thread gets a core and the interpreter loop hands over to [`Vm::run_loop_procs`].
    fn enter_multi_process(&mut self) {
        if self.sched.multi_process || self.sched.free_threading {
            return;
        }
        self.sched.multi_process = true;
        let now = self.sched.clock;
        for g in 0..self.sched.gils.len() {
            if let Some(h) = self.sched.gils[g].holder {
                self.sched.running.push(h);
                let t = &mut self.sched.threads[h as usize];
                t.clock = now;
                t.core_since = now;
            }
        }
        self.sched.stop_at_cache = 0;
    }

    /// The current process's bootstrap returned `code`: it exits.
    pub fn exit_current_process(&mut self, code: i32) {
        let p = self.cur_proc;
        let me = self.cur;
        let line = self.program_line(me);
        self.end_process(p, code);
        self.release_gil();
        self.sched.end_thread(me, line);
    }

    /// Ends process `p` with `exitcode` (its own exit, or `-signal` when killed): every
    /// thread of it stops where it is, and whoever waits for it wakes.
    pub fn end_process(&mut self, p: ProcessId, exitcode: i32) {
        if self.procs[p as usize].exitcode.is_some() {
            return;
        }
        if p == self.cur_proc {
            let me = self.cur;
            self.sched.flush_buffers(me);
        }
        self.procs[p as usize].exitcode = Some(exitcode);
        let now = self.sched.clock;
        let info = &mut self.sched.trace.processes[p as usize];
        info.end_ns = Some(now);
        info.exitcode = Some(exitcode);
        let me = self.cur;
        let mut left_waits = Vec::new();
        for tid in 0..self.sched.threads.len() as ThreadId {
            let t = &self.sched.threads[tid as usize];
            if t.proc != p || t.finished || tid == me {
                continue;
            }
            self.threads[tid as usize].finished = true;
            self.threads[tid as usize].frames.clear();
            for (id, l) in self.sched.locks.iter_mut().enumerate() {
                let before = l.waiters.len();
                l.waiters.retain(|w| *w != tid);
                if l.waiters.len() != before {
                    left_waits.push(id as u32);
                }
            }
            self.sched.run_queue.retain(|w| *w != tid);
            self.sched.running.retain(|w| *w != tid);
            let line = 0;
            self.sched.end_thread(tid, line);
        }
        for l in left_waits {
            self.lock_changed(l, false);
        }
        if p != self.cur_proc {
            let gil = &mut self.sched.gils[p as usize];
            gil.waiters.clear();
            if let Some(h) = gil.holder.take() {
                let start = gil.held_since;
                self.sched.record_gil_hold(h, start, now);
            }
        } else {
            self.threads[me as usize].finished = true;
            self.sched.gils[p as usize].waiters.clear();
        }
        if let Some(done) = self.procs[p as usize].done_lock.take() {
            let _ = self.lock_release(done);
        }
    }

    /// `os.kill(pid, signal)` on a child: it dies at once.
    pub fn kill_process(&mut self, p: ProcessId, signal: i32) {
        if p != self.cur_proc && self.procs.get(p as usize).is_some() {
            self.end_process(p, -signal);
        }
    }
}
