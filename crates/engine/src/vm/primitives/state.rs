//! A primitive's state read natively from its Python object and the scheduler: owner,
//! value, waiting threads or tasks, a queue's first items in `get()` order.

use super::*;
use crate::vm::safe_repr::Addresses;

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

impl Vm {
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

    pub(super) fn primitive_state(&self, p: u32) -> Option<State> {
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
}
