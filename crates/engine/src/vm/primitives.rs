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
//! [`Trace::primitives`]: crate::trace::Trace::primitives
//! [`Trace::primitive_samples`]: crate::trace::Trace::primitive_samples

use super::safe_repr::Addresses;
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

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        Value::BigInt(b) => Some(num_traits::ToPrimitive::to_f64(&**b).unwrap_or(f64::NAN)),
        _ => None,
    }
}

/// `a == b` for values whose equality needs no Python code; `None` when it would.
fn native_eq(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::BigInt(x), Value::BigInt(y)) => Some(x == y),
        (Value::Str(x), Value::Str(y)) => Some(x == y),
        (Value::None, Value::None) => Some(true),
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(x, y),
        (Value::Instance(x), _) if user_defines(&x.class, "__eq__") => None,
        (_, Value::Instance(y)) if user_defines(&y.class, "__eq__") => None,
        (Value::Instance(_), _) | (_, Value::Instance(_)) => Some(a.is(b)),
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => Some(x == y),
            _ => Some(a.is(b)),
        },
    }
}

fn seq_eq(x: &[Value], y: &[Value]) -> Option<bool> {
    if x.len() != y.len() {
        return Some(false);
    }
    for (a, b) in x.iter().zip(y) {
        if !a.is(b) && !native_eq(a, b)? {
            return Some(false);
        }
    }
    Some(true)
}

/// `a < b` for numbers, strings and tuples of them; `None` when Python code would decide.
fn native_lt(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x < y),
        (Value::Str(x), Value::Str(y)) => Some(x < y),
        (Value::BigInt(x), Value::BigInt(y)) => Some(x < y),
        (Value::Tuple(x), Value::Tuple(y)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                if p.is(q) || native_eq(p, q)? {
                    continue;
                }
                return native_lt(p, q);
            }
            Some(x.len() < y.len())
        }
        _ => {
            let (x, y) = (num(a)?, num(b)?);
            Some(x < y)
        }
    }
}

/// The first `n` items `heappop` would return from `heap`, by a best-first walk of the
/// heap's tree; `None` if comparing them needs Python code.
fn heap_head(heap: &[Value], n: usize) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    let mut frontier: Vec<usize> = if heap.is_empty() { vec![] } else { vec![0] };
    while out.len() < n && !frontier.is_empty() {
        let mut best = 0;
        for i in 1..frontier.len() {
            if native_lt(&heap[frontier[i]], &heap[frontier[best]])? {
                best = i;
            }
        }
        let at = frontier.swap_remove(best);
        out.push(heap[at].clone());
        for child in [2 * at + 1, 2 * at + 2] {
            if child < heap.len() {
                frontier.push(child);
            }
        }
    }
    Some(out)
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

impl Vm {
    /// Whether the current thread's innermost frame is the program's own code.
    fn in_program_code(&self) -> bool {
        self.threads
            .get(self.cur as usize)
            .and_then(|t| t.frames.last())
            .is_some_and(|f| *f.code.filename == *self.options.filename)
    }

    /// The name the value being created is about to be stored under, read from the
    /// instructions that follow the call in the current frame (`sem = …`, `self.lock = …`).
    fn creation_site_name(&self) -> Option<String> {
        let f = self.threads.get(self.cur as usize)?.frames.last()?;
        let code = &f.code;
        let name = |i: u32| code.names.get(i as usize).map(|n| n.to_string());
        let deref = |i: u32| {
            let i = i as usize;
            let cells = code.cellvars.len();
            match i.checked_sub(cells) {
                None => code.cellvars.get(i),
                Some(free) => code.freevars.get(free),
            }
            .map(|n| n.to_string())
        };
        let store_attr = |base: String| match code.instrs.get(f.pc + 1)? {
            Instr::StoreAttr(a) => Some(format!("{base}.{}", name(*a)?)),
            _ => None,
        };
        match *code.instrs.get(f.pc)? {
            Instr::StoreFast(i) => code.varnames.get(i as usize).map(|n| n.to_string()),
            // In a class body: a class attribute (`Account.lock`).
            Instr::StoreName(i) if code.flags.namespace && &*code.name != "<module>" => {
                Some(format!("{}.{}", code.qualname, name(i)?))
            }
            Instr::StoreName(i) | Instr::StoreGlobal(i) => name(i),
            Instr::StoreDeref(i) => deref(i),
            Instr::LoadFast(i) => {
                let var = code.varnames.get(i as usize)?.to_string();
                // `self.lock = Lock()` in a method: name it by the class (`Account.lock`).
                let base = match f.locals.get(i as usize) {
                    Some(Some(Value::Instance(obj))) if var == "self" => obj.class.name.to_string(),
                    _ => var,
                };
                store_attr(base)
            }
            Instr::LoadName(i) | Instr::LoadGlobal(i) => store_attr(name(i)?),
            Instr::LoadDeref(i) => store_attr(deref(i)?),
            _ => None,
        }
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
        let samples = &mut self.sched.trace.primitive_samples;
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

    fn lock_waiters(&self, id: u32) -> impl Iterator<Item = ThreadId> + '_ {
        self.sched.locks[id as usize].waiters.iter().copied()
    }

    /// Threads in `cond.wait()` of a `threading.Condition`: each waits on a lock of its own
    /// that it acquired first, listed in `_waiters` until notified.
    fn condition_waiters(&self, cond: &Instance, out: &mut Vec<ThreadId>) {
        let Some(Value::List(waiters)) = attr(cond, "_waiters") else {
            return;
        };
        let Ok(waiters) = waiters.try_borrow() else {
            return;
        };
        for w in waiters.iter() {
            if let Some(owner) = lock_id(w).and_then(|id| self.sched.locks[id as usize].owner) {
                push_unique(out, owner);
            }
        }
    }

    fn primitive_state(&self, p: u32) -> Option<State> {
        let prim = &self.prims.list[p as usize];
        let mut st = State {
            owner: None,
            value: 0,
            waiters: Vec::new(),
            waiting_tasks: Vec::new(),
            items: Vec::new(),
        };
        match &prim.source {
            Source::SchedLock(id) => self.sched_lock_state(prim.kind, *id, &mut st),
            Source::MpQueue {
                items,
                slots,
                buffer,
            } => {
                st.value = self.sched.locks[*items as usize].sem.unwrap_or(0);
                for t in self.lock_waiters(*items).chain(self.lock_waiters(*slots)) {
                    push_unique(&mut st.waiters, t);
                }
                if let Shared::Buffer(b) = &**buffer {
                    if let Ok(b) = b.try_borrow() {
                        st.items = b
                            .iter()
                            .take(MAX_ITEMS)
                            .map(|(v, _)| self.item_repr(v))
                            .collect();
                    }
                }
            }
            Source::MpEvent { flag, wait, lock } => {
                st.value = (self.sched.locks[*flag as usize].sem.unwrap_or(0) > 0) as i64;
                for t in self.lock_waiters(*wait).chain(self.lock_waiters(*lock)) {
                    push_unique(&mut st.waiters, t);
                }
            }
            Source::Object => {
                let obj = prim.obj.upgrade()?;
                match (prim.family, prim.kind) {
                    (PrimitiveFamily::Asyncio, _) => self.asyncio_state(prim, &obj, &mut st),
                    (_, PrimitiveKind::Lock | PrimitiveKind::RLock) => {
                        let id = lock_id(&Value::Instance(obj))?;
                        self.sched_lock_state(prim.kind, id, &mut st);
                    }
                    _ => self.threading_state(prim, &obj, &mut st),
                }
            }
        }
        Some(st)
    }

    /// A lock or semaphore whose state is all in the scheduler.
    fn sched_lock_state(&self, kind: PrimitiveKind, id: u32, st: &mut State) {
        let l = &self.sched.locks[id as usize];
        st.value = match (l.sem, kind) {
            (Some(v), PrimitiveKind::Lock) => (v <= 0) as i64,
            (Some(v), _) => v,
            (None, PrimitiveKind::RLock) => l.count as i64,
            (None, _) => l.owner.is_some() as i64,
        };
        st.owner = match kind {
            PrimitiveKind::Lock | PrimitiveKind::RLock => l.owner,
            _ => None,
        };
        st.waiters = l.waiters.iter().copied().collect();
    }

    fn threading_state(&self, prim: &Prim, obj: &Instance, st: &mut State) {
        use PrimitiveKind as K;
        // The conditions whose waiters count, and the lock they share.
        let (conds, lock): (Vec<Rc<Instance>>, Option<u32>) = match (prim.kind, prim.order) {
            (K::Condition, _) => (Vec::new(), attr_lock(obj, "_lock")),
            (K::Queue, Order::Simple) => {
                let cond = attr_instance(obj, "_count").and_then(|s| attr_instance(&s, "_cond"));
                let lock = cond.as_ref().and_then(|c| attr_lock(c, "_lock"));
                (cond.into_iter().collect(), lock)
            }
            (K::Queue, _) => (
                ["not_empty", "not_full", "all_tasks_done"]
                    .iter()
                    .filter_map(|n| attr_instance(obj, n))
                    .collect(),
                attr_lock(obj, "mutex"),
            ),
            _ => {
                let cond = attr_instance(obj, "_cond");
                let lock = cond.as_ref().and_then(|c| attr_lock(c, "_lock"));
                (cond.into_iter().collect(), lock)
            }
        };
        if prim.kind == K::Condition {
            self.condition_waiters(obj, &mut st.waiters);
        }
        for c in &conds {
            self.condition_waiters(c, &mut st.waiters);
        }
        let in_wait = st.waiters.len();
        if let Some(l) = lock {
            for t in self.lock_waiters(l) {
                push_unique(&mut st.waiters, t);
            }
        }
        match prim.kind {
            K::Condition => {
                st.owner = lock.and_then(|l| self.sched.locks[l as usize].owner);
                st.value = in_wait as i64;
            }
            K::Semaphore | K::BoundedSemaphore => st.value = attr_int(obj, "_value").unwrap_or(0),
            K::Event => st.value = truthy_attr(obj, "_flag") as i64,
            K::Barrier => {
                st.value = match attr_int(obj, "_state") {
                    Some(0) => attr_int(obj, "_count").unwrap_or(0),
                    _ => 0,
                }
            }
            K::Queue if prim.order == Order::Simple => {
                let count = attr_instance(obj, "_count")
                    .and_then(|s| attr_int(&s, "_value"))
                    .unwrap_or(0)
                    .max(0);
                st.value = count;
                // Items already claimed by a `get()` (its semaphore acquired) but not yet
                // popped are at the front.
                let shown = attr(obj, "_queue").and_then(|q| {
                    with_sequence(&q, |items| {
                        let skip = items.len().saturating_sub(count as usize);
                        items[skip..]
                            .iter()
                            .take(MAX_ITEMS)
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                });
                st.items = shown
                    .unwrap_or_default()
                    .iter()
                    .map(|v| self.item_repr(v))
                    .collect();
            }
            K::Queue => self.queue_contents(prim.order, attr(obj, "queue"), st),
            K::Lock | K::RLock => {}
        }
    }

    /// A queue's depth and first items in `get()` order.
    fn queue_contents(&self, order: Order, container: Option<Value>, st: &mut State) {
        let Some(container) = container else {
            return;
        };
        let shown = with_sequence(&container, |seq| {
            let head: Vec<Value> = match order {
                Order::Priority => heap_head(seq, MAX_ITEMS)
                    .unwrap_or_else(|| seq.iter().take(MAX_ITEMS).cloned().collect()),
                Order::Lifo => seq.iter().rev().take(MAX_ITEMS).cloned().collect(),
                _ => seq.iter().take(MAX_ITEMS).cloned().collect(),
            };
            (seq.len(), head)
        });
        let Some((len, head)) = shown else {
            return;
        };
        st.value = len as i64;
        st.items = head.iter().map(|v| self.item_repr(v)).collect();
    }

    fn asyncio_state(&self, prim: &Prim, obj: &Instance, st: &mut State) {
        use PrimitiveKind as K;
        let mut tasks = Vec::new();
        match prim.kind {
            K::Lock => {
                st.value = truthy_attr(obj, "_locked") as i64;
                self.waiting_tasks(attr(obj, "_waiters"), &mut tasks);
            }
            K::Event => {
                st.value = truthy_attr(obj, "_value") as i64;
                self.waiting_tasks(attr(obj, "_waiters"), &mut tasks);
            }
            K::Semaphore | K::BoundedSemaphore => {
                st.value = attr_int(obj, "_value").unwrap_or(0);
                self.waiting_tasks(attr(obj, "_waiters"), &mut tasks);
            }
            K::Condition => {
                self.waiting_tasks(attr(obj, "_waiters"), &mut tasks);
                st.value = tasks.len() as i64;
                if let Some(lock) = attr_instance(obj, "_lock") {
                    self.waiting_tasks(attr(&lock, "_waiters"), &mut tasks);
                }
            }
            K::Barrier => {
                st.value = match attr(obj, "_state") {
                    Some(Value::Str(s)) if &*s == "filling" => attr_int(obj, "_count").unwrap_or(0),
                    _ => 0,
                };
                if let Some(cond) = attr_instance(obj, "_cond") {
                    self.waiting_tasks(attr(&cond, "_waiters"), &mut tasks);
                    if let Some(lock) = attr_instance(&cond, "_lock") {
                        self.waiting_tasks(attr(&lock, "_waiters"), &mut tasks);
                    }
                }
            }
            K::Queue => {
                self.waiting_tasks(attr(obj, "_getters"), &mut tasks);
                self.waiting_tasks(attr(obj, "_putters"), &mut tasks);
                self.queue_contents(prim.order, attr(obj, "_queue"), st);
            }
            K::RLock => {}
        }
        st.waiting_tasks = tasks;
    }

    /// The tasks waiting on the futures in an asyncio waiter deque: a pending future's
    /// done-callbacks hold the bound `Task.__wakeup` of the task that awaits it.
    fn waiting_tasks(&self, waiters: Option<Value>, out: &mut Vec<u32>) {
        let Some(Value::Instance(deque)) = waiters else {
            return;
        };
        let Some(Value::List(futures)) = attr(&deque, "_items") else {
            return;
        };
        let head = attr_int(&deque, "_head").unwrap_or(0).max(0) as usize;
        let Ok(futures) = futures.try_borrow() else {
            return;
        };
        for fut in futures.iter().skip(head) {
            if out.len() >= MAX_WAITING_TASKS {
                return;
            }
            let Some(Value::List(callbacks)) = instance(fut).and_then(|f| attr(f, "_callbacks"))
            else {
                continue;
            };
            let Ok(callbacks) = callbacks.try_borrow() else {
                continue;
            };
            let task = callbacks.iter().find_map(|cb| match cb {
                Value::BoundMethod(m) => instance(&m.receiver)
                    .and_then(|t| attr_int(t, "_trace_index"))
                    .map(|i| i as u32),
                _ => None,
            });
            if let Some(t) = task {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
    }

    /// A queue item's repr: [`Vm::safe_repr`] with the addresses the program would print,
    /// cut at [`MAX_REPR_CHARS`].
    fn item_repr(&self, v: &Value) -> String {
        self.safe_repr(v, &mut Addresses::Real, MAX_REPR_CHARS, "...")
    }

    /// At the end of the run: the primitives' names, and which primitive shows each lock.
    /// `lock_names` are the names the trace's locks and the deadlock report use.
    pub(super) fn finish_primitives(
        &mut self,
        locks: &mut [LockInfo],
        lock_names: &HashMap<u32, String>,
    ) {
        let names = self.global_object_names();
        for (i, prim) in self.prims.list.iter().enumerate() {
            if let Some(orig) = prim.copy_of {
                let name = self.sched.trace.primitives[orig as usize].name.clone();
                self.sched.trace.primitives[i].name = name;
                continue;
            }
            let obj = prim.obj.upgrade();
            let by_lock = match (prim.family, prim.kind, &obj) {
                (
                    PrimitiveFamily::Threading,
                    PrimitiveKind::Lock | PrimitiveKind::RLock,
                    Some(o),
                ) => lock_id(&Value::Instance(o.clone()))
                    .and_then(|id| lock_names.get(&id).or_else(|| names.locks.get(&id)))
                    .cloned(),
                _ => None,
            };
            let global = by_lock.or_else(|| {
                obj.and_then(|o| names.objects.get(&(Rc::as_ptr(&o) as usize)).cloned())
            });
            let info = &mut self.sched.trace.primitives[i];
            // Unnamed locks are `lock #N` by their lock id, as in `Trace::locks` and the
            // deadlock report.
            let fallback = match (info.kind, info.lock) {
                (PrimitiveKind::Lock | PrimitiveKind::RLock, Some(id)) => format!("lock #{id}"),
                _ => format!("{} #{i}", info.class_name),
            };
            info.name = global.or_else(|| prim.hint.clone()).unwrap_or(fallback);
        }
        for l in locks.iter_mut() {
            let shown = self.sched.trace.primitives.iter().position(|p| {
                matches!(p.kind, PrimitiveKind::Lock | PrimitiveKind::RLock)
                    && p.family == PrimitiveFamily::Threading
                    && p.lock == Some(l.id)
            });
            l.primitive = shown.map(|p| p as u32);
            if let Some(p) = shown {
                if l.name == format!("lock #{}", l.id) {
                    l.name = self.sched.trace.primitives[p].name.clone();
                }
            }
        }
        self.sched.trace.primitive_samples.sort_by_key(|s| s.t_ns);
    }

    /// Names of objects as the program's globals reach them: `name`, `name.attr` for
    /// attributes of global objects, `name[i]` for items of global lists and tuples.
    fn global_object_names(&self) -> GlobalNames {
        let mut names = GlobalNames::default();
        let mut add = |v: &Value, name: &dyn Fn() -> String| {
            if let Value::Instance(i) = v {
                let ptr = Rc::as_ptr(i) as usize;
                names.objects.entry(ptr).or_insert_with(name);
                if let Some(id) = lock_id(v) {
                    names.locks.entry(id).or_insert_with(name);
                }
            }
        };
        let globals = self.main_globals.borrow();
        for (k, v) in globals.iter() {
            let Value::Str(name) = &k.0 else { continue };
            add(v, &|| name.to_string());
        }
        for (k, v) in globals.iter() {
            let Value::Str(name) = &k.0 else { continue };
            match v {
                Value::Instance(obj) => {
                    if let Ok(d) = obj.dict.try_borrow() {
                        for (a, av) in d.iter() {
                            if let Value::Str(a) = &a.0 {
                                add(av, &|| format!("{name}.{a}"));
                            }
                        }
                    }
                }
                Value::List(l) => {
                    if let Ok(items) = l.try_borrow() {
                        for (i, x) in items.iter().enumerate() {
                            add(x, &|| format!("{name}[{i}]"));
                        }
                    }
                }
                Value::Tuple(t) => {
                    for (i, x) in t.iter().enumerate() {
                        add(x, &|| format!("{name}[{i}]"));
                    }
                }
                Value::Class(c) => {
                    if let Ok(d) = c.dict.try_borrow() {
                        for (a, av) in d.iter() {
                            if let Value::Str(a) = &a.0 {
                                add(av, &|| format!("{name}.{a}"));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        names
    }
}

#[derive(Default)]
struct GlobalNames {
    /// By `Rc` pointer of the instance.
    objects: HashMap<usize, String>,
    /// By scheduler lock id (a lock may have several Python objects).
    locks: HashMap<u32, String>,
}

fn push_unique(out: &mut Vec<ThreadId>, t: ThreadId) {
    if !out.contains(&t) {
        out.push(t);
    }
}
