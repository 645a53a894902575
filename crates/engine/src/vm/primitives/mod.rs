//! The trace's record of synchronisation primitives ([`Trace::primitives`] and
//! [`Trace::primitive_samples`]): which locks, semaphores, conditions, events, queues and
//! barriers the program created, and their state after every change.
//!
//! Everything here is read natively and costs no virtual time: the Python code of
//! `threading`, `queue`, `asyncio` and `multiprocessing` is left exactly as it runs, so
//! recording cannot change a program's output or schedule.
//!
//! - **Registration.** `threading.Lock()`/`RLock()` register when the program's own code
//!   allocates them ([`Vm::new_lock_object`]); the classes written in Python register when
//!   their `__init__` returns to the program's own code ([`Vm::primitive_constructed`]), so
//!   objects that library code creates for itself (a `Semaphore`'s inner lock, a
//!   `Thread`'s start event, asyncio and `concurrent.futures` internals) never appear. A
//!   fork's copies of `threading` and `asyncio` primitives are the child's own primitives
//!   ([`Vm::primitives_forked`]); `multiprocessing` ones are shared, so recorded once.
//! - **Sampling.** A `threading`/`queue` object's state only changes while its internal
//!   scheduler lock (its condition's lock, a queue's `mutex`) is held, so every change of
//!   that lock (acquire, release, a thread starting or ending a wait on it) re-reads the
//!   state ([`Vm::lock_changed`]); `multiprocessing` objects likewise follow their shared
//!   semaphores, and queues also every message sent or received. asyncio objects change
//!   only inside the event loop's callbacks, so they are re-read when a task step begins
//!   and ends (a change undone within one step is not seen). A sample is recorded only
//!   when the state differs from the primitive's previous one.
//!
//! Reading an object's state is in [`state`], naming the objects in [`names`].
//!
//! [`Trace::primitives`]: crate::trace::Trace::primitives
//! [`Trace::primitive_samples`]: crate::trace::Trace::primitive_samples

mod names;
mod state;

use super::Vm;
use crate::bytecode::Instr;
use crate::trace::{
    LockInfo, PrimitiveFamily, PrimitiveInfo, PrimitiveKind, PrimitiveSample, ThreadId,
};
use crate::value::*;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// At most this many queue items are shown per sample.
const MAX_ITEMS: usize = 8;
/// At most this many waiting asyncio tasks are listed per sample.
const MAX_WAITING_TASKS: usize = 32;
/// Longer item reprs are cut here and end in `...`.
const MAX_REPR_CHARS: usize = 100;

/// The order `get()` takes a queue's items in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    Fifo,
    Lifo,
    Priority,
    /// `queue.SimpleQueue`: a deque whose count lives in a semaphore.
    Simple,
}

/// Where a primitive's state is read from.
enum Source {
    /// A scheduler lock shared by every process holds all of it: `multiprocessing`'s
    /// `Lock`, `RLock`, `Semaphore` and `BoundedSemaphore`.
    SchedLock(u32),
    /// The Python object ([`Prim::obj`]): its attributes are read natively (a
    /// `threading.Lock`'s state is its scheduler lock's).
    Object,
    /// `multiprocessing.Queue`: the semaphore counting arrived messages, the one counting
    /// free slots, and the message buffer.
    MpQueue {
        items: u32,
        slots: u32,
        buffer: Rc<Shared>,
    },
    /// `multiprocessing.Event`: the flag semaphore, the condition's wait semaphore and lock.
    MpEvent { flag: u32, wait: u32, lock: u32 },
}

/// What a sample says, without its time.
struct State {
    owner: Option<ThreadId>,
    value: i64,
    waiters: Vec<ThreadId>,
    waiting_tasks: Vec<u32>,
    items: Vec<String>,
}

struct Prim {
    kind: PrimitiveKind,
    family: PrimitiveFamily,
    class_name: String,
    order: Order,
    /// The Python object, held weakly so that recording never keeps anything alive.
    obj: Weak<Instance>,
    source: Source,
    /// The variable or attribute the object was first stored in, seen at its creation.
    hint: Option<String>,
    /// A fork's copy of this primitive of the parent process (named as it is).
    copy_of: Option<u32>,
    /// The process it belongs to (`Object` sources are only readable there).
    process: u32,
    /// Its latest sample, as an index into the trace's samples (sorted only at the end).
    last: Option<usize>,
}

/// What [`Vm::describe`] found out about a primitive.
struct Described {
    hooks: Vec<u32>,
    source: Source,
    capacity: Option<i64>,
    lock: Option<u32>,
}

/// The primitives registered so far (indexed as [`crate::trace::Trace::primitives`]).
#[derive(Default)]
pub struct Primitives {
    list: Vec<Prim>,
    /// asyncio primitives, re-read around every task step.
    asyncio: Vec<u32>,
    /// `multiprocessing` queues, re-read when a message is sent or received.
    mp_queues: Vec<u32>,
}

/// An attribute from an instance's dict. The objects read here have a handful of
/// attributes, so a scan comparing names beats hashing one (sampling reads the same few
/// attributes again and again).
fn attr(inst: &Instance, name: &str) -> Option<Value> {
    let dict = inst.dict.try_borrow().ok()?;
    dict.iter().find_map(|(k, v)| match &k.0 {
        Value::Str(s) if **s == *name => Some(v.clone()),
        _ => None,
    })
}

fn instance(v: &Value) -> Option<&Rc<Instance>> {
    match v {
        Value::Instance(i) => Some(i),
        _ => None,
    }
}

fn attr_instance(inst: &Instance, name: &str) -> Option<Rc<Instance>> {
    match attr(inst, name)? {
        Value::Instance(i) => Some(i),
        _ => None,
    }
}

fn lock_id(v: &Value) -> Option<u32> {
    match &*instance(v)?.native.try_borrow().ok()? {
        Native::Lock(id) => Some(*id),
        _ => None,
    }
}

fn attr_lock(inst: &Instance, name: &str) -> Option<u32> {
    lock_id(&attr(inst, name)?)
}

/// `obj.a.b` as a scheduler lock id.
fn path_lock(inst: &Instance, path: &[&str]) -> Option<u32> {
    let (last, init) = path.split_last()?;
    let mut cur: Rc<Instance> = match init.first() {
        Some(first) => attr_instance(inst, first)?,
        None => return attr_lock(inst, last),
    };
    for name in &init[1..] {
        cur = attr_instance(&cur, name)?;
    }
    attr_lock(&cur, last)
}

fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn attr_int(inst: &Instance, name: &str) -> Option<i64> {
    int_of(&attr(inst, name)?)
}

fn truthy_attr(inst: &Instance, name: &str) -> bool {
    matches!(
        attr(inst, name),
        Some(Value::Bool(true) | Value::Int(1..) | Value::Int(..=-1))
    )
}

/// Calls `f` with the live items of a deque or list, without copying them.
fn with_sequence<R>(v: &Value, f: impl FnOnce(&[Value]) -> R) -> Option<R> {
    match v {
        Value::List(l) => Some(f(&l.try_borrow().ok()?)),
        Value::Instance(i) => {
            let Some(Value::List(items)) = attr(i, "_items") else {
                return None;
            };
            let head = attr_int(i, "_head").unwrap_or(0).max(0) as usize;
            let items = items.try_borrow().ok()?;
            Some(f(items.get(head..).unwrap_or_default()))
        }
        _ => None,
    }
}

/// Whether a user class in `class`'s MRO defines `name` (so only Python code could answer).
fn user_defines(class: &Rc<Class>, name: &str) -> bool {
    let key = Key::str(name);
    class
        .mro
        .borrow()
        .iter()
        .any(|c| c.kind == ClassKind::User && c.dict.borrow().contains_key(&key))
}

/// Classifies a class written in Python by the library class it derives from.
fn classify(class: &Rc<Class>) -> Option<(PrimitiveKind, PrimitiveFamily, Order)> {
    use PrimitiveFamily::*;
    use PrimitiveKind::*;
    for c in class.mro.borrow().iter() {
        let found = match (&*c.module, &*c.name) {
            ("threading", "Semaphore") => (Semaphore, Threading, Order::Fifo),
            ("threading", "BoundedSemaphore") => (BoundedSemaphore, Threading, Order::Fifo),
            ("threading", "Condition") => (Condition, Threading, Order::Fifo),
            ("threading", "Event") => (Event, Threading, Order::Fifo),
            ("threading", "Barrier") => (Barrier, Threading, Order::Fifo),
            ("queue", "Queue") => (Queue, Threading, Order::Fifo),
            ("queue", "LifoQueue") => (Queue, Threading, Order::Lifo),
            ("queue", "PriorityQueue") => (Queue, Threading, Order::Priority),
            ("queue", "SimpleQueue") => (Queue, Threading, Order::Simple),
            ("_asyncio_locks", "Lock") => (Lock, Asyncio, Order::Fifo),
            ("_asyncio_locks", "Semaphore") => (Semaphore, Asyncio, Order::Fifo),
            ("_asyncio_locks", "BoundedSemaphore") => (BoundedSemaphore, Asyncio, Order::Fifo),
            ("_asyncio_locks", "Condition") => (Condition, Asyncio, Order::Fifo),
            ("_asyncio_locks", "Event") => (Event, Asyncio, Order::Fifo),
            ("_asyncio_locks", "Barrier") => (Barrier, Asyncio, Order::Fifo),
            ("_asyncio_queues", "Queue") => (Queue, Asyncio, Order::Fifo),
            ("_asyncio_queues", "LifoQueue") => (Queue, Asyncio, Order::Lifo),
            ("_asyncio_queues", "PriorityQueue") => (Queue, Asyncio, Order::Priority),
            ("multiprocessing", "Lock") => (Lock, Multiprocessing, Order::Fifo),
            ("multiprocessing", "RLock") => (RLock, Multiprocessing, Order::Fifo),
            ("multiprocessing", "Semaphore") => (Semaphore, Multiprocessing, Order::Fifo),
            ("multiprocessing", "BoundedSemaphore") => {
                (BoundedSemaphore, Multiprocessing, Order::Fifo)
            }
            ("multiprocessing", "Event") => (Event, Multiprocessing, Order::Fifo),
            ("multiprocessing", "Queue") => (Queue, Multiprocessing, Order::Fifo),
            _ => continue,
        };
        return Some(found);
    }
    None
}

/// A primitive's object and its queue's shared buffer, as a checkpoint copied them.
pub(super) type CopiedSource = (Weak<Instance>, Option<Rc<Shared>>);

impl Primitives {
    /// A copy for a checkpoint: `copy` maps each object (and a queue's shared buffer) to its
    /// copy.
    pub(super) fn clone_with(
        &self,
        mut copy: impl FnMut(&Weak<Instance>, Option<&Rc<Shared>>) -> CopiedSource,
    ) -> Primitives {
        let list = self
            .list
            .iter()
            .map(|p| {
                let buffer = match &p.source {
                    Source::MpQueue { buffer, .. } => Some(buffer),
                    _ => None,
                };
                let (obj, buffer) = copy(&p.obj, buffer);
                let source = match (&p.source, buffer) {
                    (Source::SchedLock(l), _) => Source::SchedLock(*l),
                    (Source::Object, _) => Source::Object,
                    (Source::MpQueue { items, slots, .. }, Some(buffer)) => Source::MpQueue {
                        items: *items,
                        slots: *slots,
                        buffer,
                    },
                    (Source::MpQueue { .. }, None) => unreachable!("a queue's buffer is copied"),
                    (Source::MpEvent { flag, wait, lock }, _) => Source::MpEvent {
                        flag: *flag,
                        wait: *wait,
                        lock: *lock,
                    },
                };
                Prim {
                    kind: p.kind,
                    family: p.family,
                    class_name: p.class_name.clone(),
                    order: p.order,
                    obj,
                    source,
                    hint: p.hint.clone(),
                    copy_of: p.copy_of,
                    process: p.process,
                    last: p.last,
                }
            })
            .collect();
        Primitives {
            list,
            asyncio: self.asyncio.clone(),
            mp_queues: self.mp_queues.clone(),
        }
    }
}

impl Vm {
    /// Whether the current thread's innermost frame is the program's own code.
    fn in_program_code(&self) -> bool {
        self.threads
            .get(self.cur as usize)
            .and_then(|t| t.frames.last())
            .is_some_and(|f| *f.code.filename == *self.options.filename)
    }

    /// Records a new primitive, the scheduler locks whose changes re-read it, and its
    /// first sample.
    fn register_primitive(&mut self, prim: Prim, d: Described, process: u32, thread: ThreadId) {
        let index = self.prims.list.len() as u32;
        let asyncio = prim.family == PrimitiveFamily::Asyncio;
        let mp_queue = matches!(d.source, Source::MpQueue { .. });
        self.sched.trace.primitives.push(PrimitiveInfo {
            kind: prim.kind,
            family: prim.family,
            class_name: prim.class_name.clone(),
            name: String::new(),
            process,
            thread: asyncio.then_some(thread),
            capacity: d.capacity.map(|c| c.max(0) as u64),
            created_ns: self.sched.clock,
            lock: d.lock,
        });
        self.prims.list.push(Prim {
            source: d.source,
            process,
            ..prim
        });
        for &l in &d.hooks {
            let prims = &mut self.sched.locks[l as usize].primitives;
            if !prims.contains(&index) {
                prims.push(index);
            }
        }
        if asyncio {
            self.prims.asyncio.push(index);
        }
        if mp_queue {
            self.prims.mp_queues.push(index);
        }
        self.sample_primitive(index);
    }

    /// `threading.Lock()` / `RLock()` allocated by the program's own code.
    pub(super) fn lock_primitive_created(&mut self, lock: &Value) {
        let Some(obj) = instance(lock) else { return };
        let Some(id) = lock_id(lock) else { return };
        let reentrant = self.sched.locks[id as usize].reentrant;
        let prim = Prim {
            kind: if reentrant {
                PrimitiveKind::RLock
            } else {
                PrimitiveKind::Lock
            },
            family: PrimitiveFamily::Threading,
            class_name: obj.class.name.to_string(),
            order: Order::Fifo,
            obj: Rc::downgrade(obj),
            source: Source::Object,
            hint: self.creation_site_name(),
            copy_of: None,
            process: self.cur_proc,
            last: None,
        };
        let Some(d) = self.describe(&prim, obj) else {
            return;
        };
        self.register_primitive(prim, d, self.cur_proc, self.cur);
    }

    /// An `__init__` returned `value` to its caller: if that is the program's own code and
    /// the object is one of the synchronisation classes written in Python, record it.
    pub(super) fn primitive_constructed(&mut self, value: &Value) {
        let Value::Instance(inst) = value else {
            return;
        };
        if !self.in_program_code() {
            return;
        }
        let Some((kind, family, order)) = classify(&inst.class) else {
            return;
        };
        let prim = Prim {
            kind,
            family,
            class_name: inst.class.name.to_string(),
            order,
            obj: Rc::downgrade(inst),
            source: Source::Object,
            hint: self.creation_site_name(),
            copy_of: None,
            process: self.cur_proc,
            last: None,
        };
        let Some(d) = self.describe(&prim, inst) else {
            return;
        };
        self.register_primitive(prim, d, self.cur_proc, self.cur);
    }

    /// A fork copied the parent's memory: the copies of its `threading` and `asyncio`
    /// primitives are new objects of the child (`multiprocessing` ones are shared, not
    /// copied). They keep the original's name.
    pub(super) fn primitives_forked(
        &mut self,
        copier: &super::fork_copy::Copier,
        child: u32,
        child_thread: ThreadId,
    ) {
        let parent = self.cur_proc;
        for p in 0..self.prims.list.len() {
            let prim = &self.prims.list[p];
            if prim.process != parent || prim.family == PrimitiveFamily::Multiprocessing {
                continue;
            }
            let Some(orig) = prim.obj.upgrade() else {
                continue;
            };
            let Some(Value::Instance(copy)) = copier.copied(Rc::as_ptr(&orig) as usize) else {
                continue;
            };
            let copy = copy.clone();
            let prim = Prim {
                kind: prim.kind,
                family: prim.family,
                class_name: prim.class_name.clone(),
                order: prim.order,
                obj: Rc::downgrade(&copy),
                source: Source::Object,
                hint: prim.hint.clone(),
                copy_of: Some(prim.copy_of.unwrap_or(p as u32)),
                process: child,
                last: None,
            };
            let Some(d) = self.describe(&prim, &copy) else {
                continue;
            };
            self.register_primitive(prim, d, child, child_thread);
        }
    }

    /// Where a primitive's state lives: the scheduler locks to watch, how to read it, its
    /// capacity and the lock [`PrimitiveInfo::lock`] shows. `None` if the object lacks what
    /// its class should have made (a subclass that skipped `__init__`).
    fn describe(&self, prim: &Prim, inst: &Rc<Instance>) -> Option<Described> {
        use PrimitiveFamily as F;
        use PrimitiveKind as K;
        let user_lock = |id: u32| self.sched.locks[id as usize].user_visible.then_some(id);
        let object = |hooks: Vec<u32>, capacity: Option<i64>, lock: Option<u32>| Described {
            hooks,
            source: Source::Object,
            capacity,
            lock,
        };
        Some(match (prim.family, prim.kind) {
            (F::Threading, K::Lock | K::RLock) => {
                let id = lock_id(&Value::Instance(inst.clone()))?;
                object(vec![id], None, user_lock(id))
            }
            (F::Threading, K::Condition) => {
                let l = attr_lock(inst, "_lock")?;
                object(vec![l], None, user_lock(l))
            }
            (F::Threading, K::Queue) => {
                let mutex = match prim.order {
                    Order::Simple => path_lock(inst, &["_count", "_cond", "_lock"])?,
                    _ => attr_lock(inst, "mutex")?,
                };
                object(
                    vec![mutex],
                    attr_int(inst, "maxsize").filter(|m| *m > 0),
                    None,
                )
            }
            (F::Threading, _) => {
                let mutex = path_lock(inst, &["_cond", "_lock"])?;
                let cap = match prim.kind {
                    K::Semaphore => attr_int(inst, "_value"),
                    K::BoundedSemaphore => attr_int(inst, "_initial_value"),
                    K::Barrier => attr_int(inst, "_parties"),
                    _ => None,
                };
                object(vec![mutex], cap, None)
            }
            (F::Asyncio, _) => {
                let cap = match prim.kind {
                    K::Semaphore => attr_int(inst, "_value"),
                    K::BoundedSemaphore => attr_int(inst, "_bound_value"),
                    K::Barrier => attr_int(inst, "_parties"),
                    K::Queue => attr_int(inst, "_maxsize").filter(|m| *m > 0),
                    _ => None,
                };
                object(Vec::new(), cap, None)
            }
            (F::Multiprocessing, K::Queue) => {
                let items = attr_lock(inst, "_items")?;
                let slots = path_lock(inst, &["_sem", "_semlock"])?;
                let buffer = match &*attr_instance(inst, "_buffer")?.native.try_borrow().ok()? {
                    Native::Shared(s) => s.clone(),
                    _ => return None,
                };
                Described {
                    hooks: vec![items, slots],
                    source: Source::MpQueue {
                        items,
                        slots,
                        buffer,
                    },
                    capacity: attr_int(inst, "_maxsize").filter(|m| *m < 2_147_483_647),
                    lock: None,
                }
            }
            (F::Multiprocessing, K::Event) => {
                let flag = path_lock(inst, &["_flag", "_semlock"])?;
                let wait = path_lock(inst, &["_cond", "_wait_semaphore", "_semlock"])?;
                let lock = path_lock(inst, &["_cond", "_lock", "_semlock"])?;
                // The flag only changes while the condition's lock is held: its release
                // shows the new value (watching the flag would show `is_set()`'s
                // take-and-give-back as a flicker).
                Described {
                    hooks: vec![wait, lock],
                    source: Source::MpEvent { flag, wait, lock },
                    capacity: None,
                    lock: None,
                }
            }
            (F::Multiprocessing, _) => {
                let l = attr_lock(inst, "_semlock")?;
                let cap = match prim.kind {
                    K::Semaphore => self.sched.locks[l as usize].sem,
                    K::BoundedSemaphore => attr_int(inst, "_maxvalue"),
                    _ => None,
                };
                Described {
                    hooks: vec![l],
                    source: Source::SchedLock(l),
                    capacity: cap,
                    lock: None,
                }
            }
        })
    }

    /// A scheduler lock changed (`acquired` it, or released it, or a thread started or
    /// stopped waiting for it): re-read the primitives built on it.
    ///
    /// An object guarded by an internal lock (a `Semaphore`, a `Queue` …) changes only while
    /// that lock is held, so taking the lock shows nothing new; it may show a half-done
    /// change made before taking it (`SimpleQueue.put` appends, then counts), so such
    /// objects are not re-read on an acquire.
    #[inline]
    pub(super) fn lock_changed(&mut self, lock: u32, acquired: bool) {
        if self.sched.locks[lock as usize].primitives.is_empty() {
            return;
        }
        let prims = self.sched.locks[lock as usize].primitives.clone();
        for p in prims {
            let prim = &self.prims.list[p as usize];
            let guarded = match prim.source {
                Source::Object => {
                    prim.family == PrimitiveFamily::Threading
                        && !matches!(
                            prim.kind,
                            PrimitiveKind::Lock | PrimitiveKind::RLock | PrimitiveKind::Condition
                        )
                }
                Source::MpEvent { .. } => true,
                _ => false,
            };
            if acquired && guarded {
                continue;
            }
            self.sample_primitive(p);
        }
    }

    /// Around an asyncio task step: re-read this process's asyncio primitives.
    pub(super) fn sample_asyncio_primitives(&mut self) {
        for i in 0..self.prims.asyncio.len() {
            let p = self.prims.asyncio[i];
            if self.prims.list[p as usize].process == self.cur_proc {
                self.sample_primitive(p);
            }
        }
    }

    /// A `multiprocessing` message was sent or received: re-read the queues.
    pub(super) fn sample_mp_queues(&mut self) {
        for i in 0..self.prims.mp_queues.len() {
            let p = self.prims.mp_queues[i];
            self.sample_primitive(p);
        }
    }

    fn sample_primitive(&mut self, p: u32) {
        let Some(state) = self.primitive_state(p) else {
            return;
        };
        let samples = &mut self.sched.log.primitive_samples;
        let prim = &mut self.prims.list[p as usize];
        if let Some(last) = prim.last.and_then(|i| samples.get(i)) {
            if last.owner == state.owner
                && last.value == state.value
                && last.waiters == state.waiters
                && last.waiting_tasks == state.waiting_tasks
                && last.items == state.items
            {
                return;
            }
        }
        prim.last = Some(samples.len());
        samples.push(PrimitiveSample {
            t_ns: self.sched.clock,
            primitive: p,
            owner: state.owner,
            value: state.value,
            waiters: state.waiters,
            waiting_tasks: state.waiting_tasks,
            items: state.items,
        });
    }
}

fn push_unique(out: &mut Vec<ThreadId>, t: ThreadId) {
    if !out.contains(&t) {
        out.push(t);
    }
}
