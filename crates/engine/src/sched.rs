//! The scheduler's state: the virtual clock, timers, the GIL, locks, per-thread scheduling
//! state, and the trace being recorded. The behaviour that moves threads between states
//! lives in [`crate::vm::threads`].

use crate::trace::*;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimerKind {
    /// A sleep ended or a timed wait ran out.
    Wake { tid: ThreadId, token: u64 },
    /// A GIL waiter's switch interval ran out.
    GilInterval {
        tid: ThreadId,
        token: u64,
        switch_number: u64,
    },
    /// A thread woken by a lock release or a new thread is ready to want the GIL.
    Ready { tid: ThreadId, token: u64 },
    /// A message sent to another process arrives: its semaphore is released.
    SemPost { lock: u32 },
}

#[derive(Clone, Default)]
pub struct Gil {
    pub holder: Option<ThreadId>,
    pub drop_request: bool,
    /// Incremented every time a thread takes the GIL.
    pub switch_number: u64,
    /// Threads waiting for the GIL, first come first served.
    pub waiters: VecDeque<ThreadId>,
    pub released_at: u64,
    pub held_since: u64,
}

/// What a lock is for, so the trace can say "joining Thread-2" instead of "lock 7".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockRole {
    Plain,
    /// Held by a thread while it lives; `join()` waits on it.
    ThreadDone(ThreadId),
}

#[derive(Clone)]
pub struct Lock {
    pub reentrant: bool,
    pub owner: Option<ThreadId>,
    pub count: u32,
    pub waiters: VecDeque<ThreadId>,
    pub role: LockRole,
    /// Created by the program itself (not inside `threading`, `queue` …).
    pub user_visible: bool,
    /// A `multiprocessing` lock or semaphore: one object for every process (a fork keeps
    /// it, where it copies a `threading` lock).
    pub shared: bool,
    /// A counting semaphore's value (`multiprocessing.Semaphore`, `Lock`): acquiring takes
    /// one unit, releasing gives one back, up to `sem_max`; `None` for a plain mutex.
    pub sem: Option<i64>,
    pub sem_max: i64,
    /// The trace's primitives whose state changes with this lock (indices into
    /// [`Trace::primitives`]): re-read after every change of it.
    pub primitives: Vec<u32>,
}

#[derive(Clone)]
pub struct ThreadSched {
    /// Free-threaded mode: this thread's own clock while it is on a core.
    pub clock: u64,
    /// Free-threaded mode: when it got its core (for the OS's time slice).
    pub core_since: u64,
    pub state: ThreadState,
    pub since: u64,
    pub line: u32,
    /// Invalidates timers set for an earlier wait.
    pub token: u64,
    /// After a forced GIL drop: wait until the switch number moves past this.
    pub forced_switch: Option<u64>,
    pub finished: bool,
    /// The simulated process the thread belongs to (index into [`Scheduler::gils`]).
    pub proc: u32,
}

#[derive(Clone)]
pub struct Scheduler {
    pub clock: u64,
    pub steps: u64,
    /// One GIL per simulated process, indexed by process.
    pub gils: Vec<Gil>,
    /// More than one process exists: GIL holders of different processes run in parallel
    /// on `cores`, each on its own clock ([`crate::vm::processes`]).
    pub multi_process: bool,
    pub switch_interval_ns: u64,
    timers: BinaryHeap<Reverse<(u64, u64, TimerKind)>>,
    timer_seq: u64,
    pub locks: Vec<Lock>,
    pub threads: Vec<ThreadSched>,
    /// The trace's short lists and fields, filled in as the run goes.
    pub trace: Trace,
    /// The trace's long lists, recorded as the run goes.
    pub log: crate::recording::Recording,
    /// `--gil off`: no GIL; up to `cores` threads run at once, each on its own clock.
    pub free_threading: bool,
    pub cores: u32,
    /// Free-threaded mode: threads on a core, and runnable threads waiting for one.
    pub running: Vec<ThreadId>,
    pub run_queue: VecDeque<ThreadId>,
    /// Free-threaded mode: the current thread runs until its clock reaches this.
    pub run_until: u64,
    /// `stop_at()` as of the last refresh, lowered by every new timer: the interpreter loop
    /// compares against it instead of peeking at the timer heap each instruction.
    pub stop_at_cache: u64,
    pub stdout_buffer: String,
    pub stderr_buffer: String,
    /// A directed run's decisions ([`crate::director`]); `None` for a run the GIL decides.
    pub director: Option<crate::director::DirectorState>,
}

impl Scheduler {
    pub fn new(filename: &str, switch_interval_ns: u64) -> Scheduler {
        Scheduler {
            clock: 0,
            steps: 0,
            gils: vec![Gil::default()],
            multi_process: false,
            switch_interval_ns,
            timers: BinaryHeap::new(),
            timer_seq: 0,
            locks: Vec::new(),
            threads: Vec::new(),
            free_threading: false,
            cores: 4,
            running: Vec::new(),
            run_queue: VecDeque::new(),
            run_until: u64::MAX,
            stop_at_cache: u64::MAX,
            trace: Trace {
                filename: filename.to_string(),
                ..Default::default()
            },
            log: Default::default(),
            stdout_buffer: String::new(),
            stderr_buffer: String::new(),
            director: None,
        }
    }

    pub fn add_timer(&mut self, at: u64, kind: TimerKind) {
        self.timer_seq += 1;
        self.stop_at_cache = self.stop_at_cache.min(at);
        self.timers.push(Reverse((at, self.timer_seq, kind)));
    }

    /// When the running thread must return to the scheduler.
    pub fn stop_at(&self) -> u64 {
        self.next_timer_at().min(self.run_until)
    }

    /// Recomputes the cached [`Scheduler::stop_at`]; adding a timer only ever lowers it.
    pub fn refresh_stop_at(&mut self) -> u64 {
        self.stop_at_cache = self.stop_at();
        self.stop_at_cache
    }

    pub fn next_timer_at(&self) -> u64 {
        self.timers
            .peek()
            .map(|Reverse((t, _, _))| *t)
            .unwrap_or(u64::MAX)
    }

    pub fn pop_due_timer(&mut self) -> Option<TimerKind> {
        if self.next_timer_at() <= self.clock {
            self.timers.pop().map(|Reverse((_, _, k))| k)
        } else {
            None
        }
    }

    pub fn has_timers(&self) -> bool {
        !self.timers.is_empty()
    }

    /// Drops timers whose thread has moved on (stale tokens), so deadlock detection sees
    /// only live ones.
    pub fn prune_stale_timers(&mut self) {
        let threads = &self.threads;
        let live: Vec<_> = self
            .timers
            .drain()
            .filter(|Reverse((_, _, k))| {
                let (tid, token) = match k {
                    TimerKind::Wake { tid, token }
                    | TimerKind::Ready { tid, token }
                    | TimerKind::GilInterval { tid, token, .. } => (tid, token),
                    TimerKind::SemPost { .. } => return true,
                };
                threads
                    .get(*tid as usize)
                    .map(|t| t.token == *token && !t.finished)
                    .unwrap_or(false)
            })
            .collect();
        self.timers = live.into_iter().collect();
    }

    pub fn new_lock(&mut self, reentrant: bool, role: LockRole) -> u32 {
        self.locks.push(Lock {
            reentrant,
            owner: None,
            count: 0,
            waiters: VecDeque::new(),
            role,
            user_visible: false,
            shared: false,
            sem: None,
            sem_max: 0,
            primitives: Vec::new(),
        });
        (self.locks.len() - 1) as u32
    }

    /// The GIL of the process `tid` belongs to.
    #[inline]
    pub fn gil(&mut self, tid: ThreadId) -> &mut Gil {
        let p = self.threads[tid as usize].proc as usize;
        &mut self.gils[p]
    }

    pub fn add_thread(&mut self, info: ThreadInfo, state: ThreadState) -> ThreadId {
        let since = self.clock;
        let proc = info.process;
        self.trace.threads.push(info);
        self.threads.push(ThreadSched {
            clock: since,
            core_since: since,
            state,
            since,
            line: 0,
            token: 0,
            forced_switch: None,
            finished: false,
            proc,
        });
        (self.threads.len() - 1) as ThreadId
    }

    /// Closes the thread's current slice and starts one in `state`.
    pub fn set_state(&mut self, tid: ThreadId, state: ThreadState, line: u32) {
        let now = self.clock;
        let t = &mut self.threads[tid as usize];
        if t.state == state {
            return;
        }
        if now > t.since {
            self.log.slices.push(Slice {
                thread: tid,
                state: t.state,
                start_ns: t.since,
                end_ns: now,
                line: t.line,
                end_line: line,
            });
        }
        t.state = state;
        t.since = now;
        t.line = line;
        t.token += 1;
    }

    /// Closes the thread's last slice.
    pub fn end_thread(&mut self, tid: ThreadId, line: u32) {
        let now = self.clock;
        let t = &mut self.threads[tid as usize];
        if now > t.since {
            self.log.slices.push(Slice {
                thread: tid,
                state: t.state,
                start_ns: t.since,
                end_ns: now,
                line: t.line,
                end_line: line,
            });
        }
        t.since = now;
        t.finished = true;
        t.token += 1;
        self.trace.threads[tid as usize].end_ns = Some(now);
    }

    /// A new asyncio task run by `thread`'s loop; returns its index in `trace.tasks`.
    pub fn register_task(&mut self, name: &str, thread: ThreadId) -> u32 {
        self.trace.tasks.push(crate::trace::TaskInfo {
            name: name.to_string(),
            thread,
        });
        self.trace.tasks.len() as u32 - 1
    }

    pub fn record_frozen_loop(
        &mut self,
        thread: ThreadId,
        start_ns: u64,
        end_ns: u64,
        what: String,
    ) {
        self.log.loop_freezes.push(crate::trace::LoopFreeze {
            thread,
            start_ns,
            end_ns,
            what,
        });
    }

    pub fn record_gil_hold(&mut self, holder: ThreadId, start: u64, end: u64) {
        if end > start {
            let process = self.threads[holder as usize].proc;
            self.log.gil.push(GilHold {
                process,
                holder,
                start_ns: start,
                end_ns: end,
            });
        }
    }

    pub fn output_buffer(&mut self, stream: Stream) -> &mut String {
        match stream {
            Stream::Stdout => &mut self.stdout_buffer,
            Stream::Stderr => &mut self.stderr_buffer,
        }
    }

    pub fn record_output(&mut self, t_ns: u64, thread: ThreadId, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        // Everything buffered on stdout is written before stderr output, as CPython flushes
        // stdout before printing a traceback.
        self.log.outputs.push(Output {
            t_ns,
            thread,
            stream,
            text: text.to_string(),
        });
    }

    /// Flushes partial lines left in the buffers at exit.
    pub fn flush_buffers(&mut self, thread: ThreadId) {
        for stream in [Stream::Stdout, Stream::Stderr] {
            let text = std::mem::take(self.output_buffer(stream));
            let t = self.clock;
            self.record_output(t, thread, stream, &text);
        }
    }
}
