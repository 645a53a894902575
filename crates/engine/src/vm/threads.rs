//! Scheduling behaviour, following CPython 3.11's `ceval_gil.h`: the main loop, taking and
//! dropping the GIL (switch interval, drop request, FORCE_SWITCHING), sleeping, blocking I/O,
//! locks with barging, thread start and exit, deadlock detection and budgets.

use super::interp::Stop;
use super::{Flow, Frame, NResult, Resume, ReturnMode, Thread, Vm};
use crate::cost;
use crate::sched::{LockRole, TimerKind};

use crate::trace::*;
use crate::value::*;
use std::rc::Rc;

impl Vm {
    /// Runs threads until the program ends, deadlocks or exhausts a budget, or until the
    /// first scheduling point at or after `hooks`' stop time. Stopping there never changes
    /// what ran before it: the running thread comes back to the scheduler at the stop time
    /// (`run_until`) and the loop ends at once.
    pub fn run_loop(&mut self, hooks: &mut super::RunHooks) {
        if self.sched.free_threading {
            return self.run_loop_free(hooks);
        }
        while self.outcome.is_none() {
            if self.sched.multi_process {
                return self.run_loop_procs(hooks);
            }
            if hooks.stop_here(self.sched.clock) {
                break;
            }
            if !std::mem::take(&mut hooks.skip_budget_check)
                && self.sched.clock > self.options.max_time_ns
            {
                self.budget_exceeded("time");
                break;
            }
            while let Some(timer) = self.sched.pop_due_timer() {
                self.on_timer(timer);
            }
            if self.outcome.is_some() {
                break;
            }
            if let Some(holder) = self.sched.gils[0].holder {
                self.switch_to(holder);
                if !self.apply_resume() {
                    continue;
                }
                self.sched.run_until = hooks.stop_at_ns();
                let stop = self.run_current(false, hooks);
                self.sched.run_until = u64::MAX;
                if stop == Stop::Halt {
                    break;
                }
                // Came back only for the stop: resuming re-enters this loop's top, where an
                // uninterrupted run would not have checked the time budget.
                hooks.skip_budget_check = stop == Stop::Timer
                    && !self.sched.multi_process
                    && self.sched.clock >= hooks.stop_at_ns()
                    && self.sched.clock < self.sched.next_timer_at();
            } else if let Some(&waiter) = self.sched.gils[0].waiters.front() {
                let grant_at = self
                    .sched
                    .clock
                    .max(self.sched.gils[0].released_at + cost::GIL_HANDOFF_NS);
                let next = self.sched.next_timer_at();
                if next < grant_at {
                    self.sched.clock = next;
                    continue;
                }
                self.sched.clock = grant_at;
                let waiter = if self.directed() {
                    match self.directed_grant() {
                        Some(t) => t,
                        None => break,
                    }
                } else {
                    self.sched.gils[0].waiters.pop_front();
                    waiter
                };
                self.take_gil(waiter);
            } else {
                self.sched.prune_stale_timers();
                if self.sched.has_timers() {
                    let next = self.sched.next_timer_at();
                    self.sched.clock = self.sched.clock.max(next);
                } else {
                    self.deadlock();
                }
            }
        }
    }

    /// What a thread that was blocked does first when it runs again. Returns false if it
    /// blocked again.
    pub(super) fn apply_resume(&mut self) -> bool {
        match std::mem::replace(&mut self.thread().resume, Resume::Nothing) {
            Resume::Nothing => true,
            Resume::Push(v) => {
                self.push(v);
                true
            }
            Resume::RetryAcquire { lock, deadline } => match self.try_acquire(lock) {
                true => {
                    self.push(Value::Bool(true));
                    true
                }
                false if deadline.is_some_and(|d| d <= self.sched.clock) => {
                    self.push(Value::Bool(false));
                    true
                }
                false => {
                    let _ = self.block_on_lock(lock, deadline);
                    false
                }
            },
        }
    }

    pub(super) fn on_timer(&mut self, timer: TimerKind) {
        match timer {
            TimerKind::Wake { tid, token } => {
                if self.sched.threads[tid as usize].token != token {
                    return;
                }
                if let ThreadState::Blocked(_) = self.sched.threads[tid as usize].state {
                    // A timed lock wait ran out.
                    if let Resume::RetryAcquire { lock, .. } = self.threads[tid as usize].resume {
                        self.sched.locks[lock as usize]
                            .waiters
                            .retain(|w| *w != tid);
                        self.threads[tid as usize].resume = Resume::Push(Value::Bool(false));
                        self.lock_changed(lock, false);
                    }
                }
                self.want_gil(tid);
            }
            TimerKind::Ready { tid, token } => {
                if self.sched.threads[tid as usize].token == token {
                    self.want_gil(tid);
                }
            }
            TimerKind::SemPost { lock } => self.sem_post(lock),
            TimerKind::GilInterval {
                tid,
                token,
                switch_number,
            } => {
                let t = &self.sched.threads[tid as usize];
                if t.token != token || t.state != ThreadState::WaitingForGil {
                    return;
                }
                let gil = self.sched.gil(tid);
                if let Some(holder) = gil.holder {
                    if switch_number == gil.switch_number && !gil.drop_request {
                        gil.drop_request = true;
                        let t_ns = self.sched.clock;
                        self.sched.log.gil_drop_requests.push(GilDropRequest {
                            t_ns,
                            requester: tid,
                            holder,
                        });
                    }
                }
                let at = self.sched.clock + self.sched.switch_interval_ns;
                let sn = self.sched.gil(tid).switch_number;
                self.sched.add_timer(
                    at,
                    TimerKind::GilInterval {
                        tid,
                        token,
                        switch_number: sn,
                    },
                );
            }
        }
    }

    fn line_of(&self, tid: ThreadId) -> u32 {
        self.program_line(tid)
    }

    pub(super) fn set_state(&mut self, tid: ThreadId, state: ThreadState) {
        let line = self.line_of(tid);
        self.sched.set_state(tid, state, line);
    }

    /// A thread is ready to run and wants the GIL.
    pub fn want_gil(&mut self, tid: ThreadId) {
        if self.sched.free_threading {
            return self.want_core(tid);
        }
        self.set_state(tid, ThreadState::WaitingForGil);
        let gil = self.sched.gil(tid);
        if gil.holder.is_none() && gil.waiters.is_empty() {
            self.take_gil(tid);
            return;
        }
        self.sched.gil(tid).waiters.push_back(tid);
        if self.directed() {
            // Only the director switches threads: no drop request after an interval.
            return;
        }
        let token = self.sched.threads[tid as usize].token;
        let at = self.sched.clock + self.sched.switch_interval_ns;
        let sn = self.sched.gil(tid).switch_number;
        self.sched.add_timer(
            at,
            TimerKind::GilInterval {
                tid,
                token,
                switch_number: sn,
            },
        );
    }

    pub(super) fn take_gil(&mut self, tid: ThreadId) {
        let now = self.sched.clock;
        let gil = self.sched.gil(tid);
        gil.holder = Some(tid);
        gil.switch_number += 1;
        gil.drop_request = false;
        gil.held_since = now;
        self.set_state(tid, ThreadState::Running);
        if let Some(d) = self.sched.director.as_mut() {
            d.last_runner = Some(tid);
        }
        if self.sched.multi_process {
            self.gil_taken_wants_core(tid);
        }
        // Threads that dropped the GIL on request queue up again once someone else took it.
        let sn = self.sched.gil(tid).switch_number;
        let proc = self.sched.threads[tid as usize].proc;
        let forced: Vec<ThreadId> = (0..self.sched.threads.len() as ThreadId)
            .filter(|t| {
                let th = &self.sched.threads[*t as usize];
                th.proc == proc && matches!(th.forced_switch, Some(n) if n < sn)
            })
            .collect();
        for t in forced {
            self.sched.threads[t as usize].forced_switch = None;
            self.want_gil(t);
        }
    }

    pub(super) fn release_gil(&mut self) {
        if self.sched.free_threading {
            return self.release_core();
        }
        let me = self.cur;
        if let Some(holder) = self.sched.gil(me).holder.take() {
            let (start, end) = (self.sched.gil(me).held_since, self.sched.clock);
            self.sched.record_gil_hold(holder, start, end);
            self.sched.gil(me).released_at = end;
        }
        if self.sched.multi_process {
            self.release_core();
        }
    }

    /// At an eval-breaker point with the drop request set: drop the GIL and wait until
    /// another thread has taken it (FORCE_SWITCHING).
    pub fn sched_drop_gil_on_request(&mut self) -> bool {
        let tid = self.cur;
        if self.sched.gil(tid).waiters.is_empty() {
            self.sched.gil(tid).drop_request = false;
            return false;
        }
        self.release_gil();
        self.set_state(tid, ThreadState::WaitingForGil);
        self.sched.threads[tid as usize].forced_switch = Some(self.sched.gil(tid).switch_number);
        true
    }

    /// The current thread blocks in `state`, releasing the GIL.
    pub fn block_current(&mut self, state: ThreadState) -> Flow {
        let tid = self.cur;
        self.set_state(tid, state);
        self.release_gil();
        Flow::Blocked
    }

    fn refuse_nested_block(&self) -> Result<(), Flow> {
        if self.nested > 0 {
            return Err(self.exc(
                "RuntimeError",
                "interleave: blocking inside __repr__, __eq__ or a key function is not supported",
            ));
        }
        Ok(())
    }

    /// `time.sleep(seconds)`.
    pub fn sleep(&mut self, ns: u64) -> NResult {
        self.refuse_nested_block()?;
        let wake = self.sched.clock
            + if ns == 0 {
                self.wake_latency(cost::SLEEP_ZERO_NS)
            } else {
                ns + self.jitter(cost::SLEEP_OVERSHOOT_NS)
            };
        self.thread().resume = Resume::Push(Value::None);
        let flow = self.block_current(ThreadState::Sleeping);
        let tid = self.cur;
        let token = self.sched.threads[tid as usize].token;
        self.sched.add_timer(wake, TimerKind::Wake { tid, token });
        Err(flow)
    }

    /// A system call taking `ns` that releases the GIL (a `write` to the terminal). It only
    /// costs time unless another thread is waiting for the GIL, which then gets it.
    pub fn io_syscall(&mut self, ns: u64) -> NResult {
        if self.sched.gil(self.cur).waiters.is_empty() || self.nested > 0 {
            self.sched.clock += ns;
            return Ok(Value::None);
        }
        self.thread().resume = Resume::Push(Value::None);
        let flow = self.block_current(ThreadState::Blocked(BlockedOn::Io));
        let tid = self.cur;
        let token = self.sched.threads[tid as usize].token;
        let at = self.sched.clock + ns;
        self.sched.add_timer(at, TimerKind::Wake { tid, token });
        Err(flow)
    }

    fn lock_event(&mut self, lock: u32, thread: ThreadId, kind: LockEventKind) {
        if self.sched.locks[lock as usize].user_visible {
            let t_ns = self.sched.clock;
            self.sched.log.lock_events.push(LockEvent {
                t_ns,
                lock,
                thread,
                kind,
            });
        }
    }

    fn try_acquire(&mut self, lock: u32) -> bool {
        let me = self.cur;
        let l = &mut self.sched.locks[lock as usize];
        if let Some(v) = l.sem {
            if v <= 0 {
                return false;
            }
            l.sem = Some(v - 1);
            if l.sem_max == 1 {
                l.owner = Some(me);
            }
            self.lock_event(lock, me, LockEventKind::Acquire);
            self.lock_changed(lock, true);
            return true;
        }
        match l.owner {
            None => {
                l.owner = Some(me);
                l.count = 1;
                self.lock_event(lock, me, LockEventKind::Acquire);
                self.lock_changed(lock, true);
                true
            }
            Some(o) if o == me && l.reentrant => {
                l.count += 1;
                self.lock_changed(lock, true);
                true
            }
            Some(_) => false,
        }
    }

    /// `lock.acquire(blocking, timeout)`; `timeout_ns` is `None` for no timeout.
    pub fn lock_acquire(&mut self, lock: u32, blocking: bool, timeout_ns: Option<u64>) -> NResult {
        if self.try_acquire(lock) {
            return Ok(Value::Bool(true));
        }
        if !blocking || timeout_ns == Some(0) {
            return Ok(Value::Bool(false));
        }
        self.refuse_nested_block()?;
        let deadline = timeout_ns.map(|t| self.sched.clock + t + cost::SLEEP_OVERSHOOT_NS);
        Err(self.block_on_lock(lock, deadline))
    }

    fn block_on_lock(&mut self, lock: u32, deadline: Option<u64>) -> Flow {
        let tid = self.cur;
        self.lock_event(lock, tid, LockEventKind::Wait);
        self.sched.locks[lock as usize].waiters.push_back(tid);
        self.lock_changed(lock, false);
        self.thread().resume = Resume::RetryAcquire { lock, deadline };
        let on = match self.sched.locks[lock as usize].role {
            LockRole::ThreadDone(t) => BlockedOn::Join(t),
            LockRole::Plain => BlockedOn::Lock(lock),
        };
        let flow = self.block_current(ThreadState::Blocked(on));
        if let Some(d) = deadline {
            let token = self.sched.threads[tid as usize].token;
            self.sched.add_timer(d, TimerKind::Wake { tid, token });
        }
        flow
    }

    /// `lock.release()`: frees the lock and wakes its first waiter, which must then race
    /// for the lock like everyone else (CPython's locks do not hand over).
    pub fn lock_release(&mut self, lock: u32) -> Result<(), Flow> {
        let me = self.cur;
        let l = &mut self.sched.locks[lock as usize];
        if let Some(v) = l.sem {
            if v >= l.sem_max {
                return Err(self.exc("ValueError", "semaphore or lock released too many times"));
            }
            self.sem_post(lock);
            return Ok(());
        }
        if l.reentrant {
            if l.owner != Some(me) {
                return Err(self.exc("RuntimeError", "cannot release un-acquired lock"));
            }
            l.count -= 1;
            if l.count > 0 {
                self.lock_changed(lock, false);
                return Ok(());
            }
        } else if l.owner.is_none() {
            return Err(self.exc("RuntimeError", "release unlocked lock"));
        }
        l.owner = None;
        l.count = 0;
        self.released_wake_first(lock, me);
        Ok(())
    }

    /// After a release: the lock's first waiter wakes and must race for it again.
    fn released_wake_first(&mut self, lock: u32, me: ThreadId) {
        let woken = self.sched.locks[lock as usize].waiters.pop_front();
        self.lock_event(lock, me, LockEventKind::Release);
        if let Some(w) = woken {
            self.lock_event(lock, w, LockEventKind::Wake);
            let token = self.sched.threads[w as usize].token;
            let at = self.sched.clock + self.wake_latency(cost::WAKEUP_NS);
            self.sched.add_timer(at, TimerKind::Ready { tid: w, token });
        }
        self.lock_changed(lock, false);
    }

    /// A semaphore's release: one more unit, and its first waiter wakes to race for it.
    pub fn sem_post(&mut self, lock: u32) {
        let me = self.cur;
        let l = &mut self.sched.locks[lock as usize];
        let v = l.sem.unwrap_or(0);
        l.sem = Some((v + 1).min(l.sem_max));
        if l.sem_max == 1 {
            l.owner = None;
        }
        self.released_wake_first(lock, me);
    }

    /// `_thread.start_new_thread`: a new thread whose bottom frame calls `func(*args)`.
    /// Returns its id and the lock it holds while alive.
    pub fn start_thread(
        &mut self,
        func: Value,
        args: Vec<Value>,
        name: String,
        daemon: bool,
    ) -> Result<(ThreadId, u32), Flow> {
        let mut frame = self.frame_for(func, args)?;
        frame.mode = ReturnMode::ThreadRoot;
        let parent = self.cur;
        let info = ThreadInfo {
            name,
            process: self.cur_proc,
            daemon,
            parent: Some(parent),
            start_ns: self.sched.clock,
            end_ns: None,
        };
        let tid = self.sched.add_thread(info, ThreadState::WaitingForGil);
        let done = self.sched.new_lock(false, LockRole::ThreadDone(tid));
        self.sched.locks[done as usize].owner = Some(tid);
        self.sched.locks[done as usize].count = 1;
        self.threads.push(Thread {
            frames: vec![frame],
            resume: Resume::Nothing,
            handled: None,
            done_lock: Some(done),
            finished: false,
        });
        let token = self.sched.threads[tid as usize].token;
        let at = self.sched.clock + self.wake_latency(cost::THREAD_CREATE_NS);
        self.sched.add_timer(at, TimerKind::Ready { tid, token });
        Ok((tid, done))
    }

    /// A frame that calls a Python function or bound method with `args`.
    pub(super) fn frame_for(&mut self, func: Value, args: Vec<Value>) -> Result<Frame, Flow> {
        match func {
            Value::Function(f) => self.new_frame(&f, args, Vec::new()),
            Value::BoundMethod(m) => {
                let mut full = vec![m.receiver.clone()];
                full.extend(args);
                self.frame_for(m.func.clone(), full)
            }
            other => {
                let tn = self.type_name(&other);
                Err(self.exc("TypeError", format!("first arg must be callable, not {tn}")))
            }
        }
    }

    /// The current thread's bottom frame returned.
    pub fn finish_thread(&mut self) {
        let tid = self.cur;
        self.threads[tid as usize].finished = true;
        let line = self.line_of(tid);
        if let Some(done) = self.threads[tid as usize].done_lock.take() {
            let _ = self.lock_release(done);
        }
        self.release_gil();
        self.sched.end_thread(tid, line);
    }

    /// The main module finished, normally or with an exception: report it, then wait for
    /// non-daemon threads (`threading._shutdown`) before the interpreter exits.
    pub fn main_module_done(&mut self, exc: Option<Value>) {
        if let Some(e) = exc {
            let class = self.types.type_of(&e);
            if class.is_subclass_of(&self.types.exception("SystemExit")) {
                let arg = Vm::with_exc_data(&e, |d| d.args.first().cloned())
                    .flatten()
                    .unwrap_or(Value::None);
                self.exit_code = match arg {
                    Value::None => 0,
                    Value::Int(i) => i as i32,
                    Value::Bool(b) => b as i32,
                    other => {
                        let text = self.str_of(&other).unwrap_or_default();
                        self.write(Stream::Stderr, &format!("{text}\n"));
                        1
                    }
                };
            } else {
                let text = self.format_exception(&e);
                self.flush_stdout();
                self.write(Stream::Stderr, &text);
                self.exit_code = 1;
                self.uncaught = Some(class.name.to_string());
            }
        }
        self.thread().handled = None;
        let shutdown = self.modules.get("threading").and_then(|m| {
            if let Value::Module(m) = m {
                m.dict.borrow().get(&Key::str("_shutdown")).cloned()
            } else {
                None
            }
        });
        match shutdown {
            Some(f) => match self.call_value(f, vec![], vec![]) {
                Err(Flow::Pushed) => self.frame().mode = ReturnMode::Shutdown,
                _ => self.after_shutdown(),
            },
            None => self.after_shutdown(),
        }
    }

    /// After `threading._shutdown()`: `multiprocessing`'s exit hook (terminate daemonic
    /// children, join the others), then the interpreter exits.
    pub fn after_shutdown(&mut self) {
        let hook = if self.procs[self.cur_proc as usize].atexit_ran {
            None
        } else {
            self.lookup_qualified("multiprocessing", "_exit_function")
        };
        self.procs[self.cur_proc as usize].atexit_ran = true;
        match hook.map(|f| self.call_value(f, vec![], vec![])) {
            Some(Err(Flow::Pushed)) => self.frame().mode = ReturnMode::Shutdown,
            _ => self.finish_main(),
        }
    }

    fn flush_stdout(&mut self) {
        let text = std::mem::take(self.sched.output_buffer(Stream::Stdout));
        self.write(Stream::Stdout, &text);
    }

    /// The interpreter exits: daemon threads are abandoned.
    pub fn finish_main(&mut self) {
        self.switch_to(0);
        self.sched.flush_buffers(0);
        self.warn_never_awaited_at_exit();
        let line = self.line_of(0);
        self.threads[0].finished = true;
        self.release_gil();
        self.sched.end_thread(0, line);
        self.outcome = Some(match (&self.uncaught, self.exit_code) {
            (Some(name), _) => Outcome::UncaughtException(name.clone()),
            (None, 0) => Outcome::Finished,
            (None, code) => Outcome::Exit(code),
        });
    }

    pub fn budget_exceeded(&mut self, which: &str) {
        self.sched.flush_buffers(self.cur);
        let report = match which {
            "step" => format!(
                "interleave: stopped after {} instructions: the step budget ran out (raise it with --max-steps)",
                self.sched.steps
            ),
            _ => format!(
                "interleave: stopped at {:.3} s of virtual time: the time budget ran out (raise it with --max-time)",
                self.sched.clock as f64 / 1e9
            ),
        };
        self.write(Stream::Stderr, &format!("{report}\n"));
        self.outcome = Some(Outcome::BudgetExceeded { report });
    }

    /// How long the OS takes to make a woken, new or yielding thread runnable: none in a
    /// directed run, where the director decides who runs as soon as a thread could.
    fn wake_latency(&mut self, ns: u64) -> u64 {
        if self.directed() {
            return 0;
        }
        self.jitter(ns)
    }

    /// An OS latency: exact with seed 0 (CPython's usual behaviour); other seeds vary it by up
    /// to ±50% so ties between threads resolve differently, exploring other schedules.
    fn jitter(&mut self, ns: u64) -> u64 {
        if self.options.seed == 0 {
            return ns;
        }
        let spread = ns.max(2);
        ns - spread / 2 + self.rng.next_u64() % spread
    }

    /// `_thread.get_ident()` of a thread: a stable fake of a pthread id.
    pub fn ident_of(&self, tid: ThreadId) -> i64 {
        140_245_000_000_000 + tid as i64 * 8_392_704
    }

    pub fn new_lock_object(&mut self, reentrant: bool) -> Value {
        let id = self.sched.new_lock(reentrant, LockRole::Plain);
        let user = self
            .threads
            .get(self.cur as usize)
            .and_then(|t| t.frames.last())
            .map(|f| *f.code.filename == *self.options.filename);
        self.sched.locks[id as usize].user_visible = user.unwrap_or(false);
        let lock = self.lock_object(id, reentrant);
        if user == Some(true) {
            self.lock_primitive_created(&lock);
        }
        lock
    }

    pub fn lock_object(&self, id: u32, reentrant: bool) -> Value {
        let class = self.types.get(if reentrant { "RLock" } else { "lock" });
        Value::Instance(Rc::new(Instance {
            class,
            dict: Default::default(),
            native: std::cell::RefCell::new(Native::Lock(id)),
        }))
    }
}
