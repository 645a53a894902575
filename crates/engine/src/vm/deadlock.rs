//! Deadlock detection's report: when no thread can run and no timer is pending, name who
//! holds what and waits for what (locks by the program's own variable names), find the
//! wait-for cycle, and record it all in the trace.

use super::Vm;
use crate::sched::LockRole;
use crate::trace::*;
use crate::value::{Native, Value};
use std::collections::HashMap;

impl Vm {
    /// Names of lock objects as the program knows them: globals, and attributes of global
    /// objects (`account.lock`).
    pub(super) fn lock_names(&self) -> HashMap<u32, String> {
        let mut names = HashMap::new();
        let lock_id = |v: &Value| match v {
            Value::Instance(i) => match &*i.native.borrow() {
                Native::Lock(id) => Some(*id),
                _ => None,
            },
            _ => None,
        };
        for (k, v) in self.main_globals.borrow().iter() {
            let Value::Str(name) = &k.0 else { continue };
            if let Some(id) = lock_id(v) {
                names.entry(id).or_insert_with(|| name.to_string());
            } else if let Value::Instance(obj) = v {
                for (attr, av) in obj.dict.borrow().iter() {
                    if let (Value::Str(a), Some(id)) = (&attr.0, lock_id(av)) {
                        names.entry(id).or_insert_with(|| format!("{name}.{a}"));
                    }
                }
            }
        }
        names
    }

    /// The line the thread is on in the program's own file, and the library call it is in.
    fn user_position(&self, tid: ThreadId) -> (u32, Option<String>) {
        let frames = &self.threads[tid as usize].frames;
        let user = frames
            .iter()
            .rposition(|f| *f.code.filename == *self.options.filename);
        match user {
            Some(i) => {
                let api = frames.get(i + 1).map(|f| {
                    let module = f
                        .code
                        .filename
                        .rsplit('/')
                        .next()
                        .unwrap_or("")
                        .trim_end_matches(".py")
                        .to_string();
                    format!("{module}.{}", f.code.qualname)
                });
                (frames[i].line(), api)
            }
            None => (self.current_line(tid), None),
        }
    }

    pub(super) fn deadlock(&mut self) {
        self.sched.flush_buffers(self.cur);
        let names = self.lock_names();
        let lock_name = |id: u32| {
            names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("lock #{id}"))
        };
        let mut waits = Vec::new();
        for tid in 0..self.sched.threads.len() as ThreadId {
            let t = &self.sched.threads[tid as usize];
            if t.finished {
                continue;
            }
            let (line, api) = self.user_position(tid);
            let holds: Vec<String> = self
                .sched
                .locks
                .iter()
                .enumerate()
                .filter(|(_, k)| {
                    k.owner == Some(tid) && k.role == LockRole::Plain && k.user_visible
                })
                .map(|(i, _)| lock_name(i as u32))
                .collect();
            let on = match t.state {
                ThreadState::Blocked(BlockedOn::Join(other)) => WaitTarget::Join(other),
                ThreadState::Blocked(BlockedOn::Lock(l))
                    if self.sched.locks[l as usize].user_visible =>
                {
                    WaitTarget::Lock {
                        name: lock_name(l),
                        holder: self.sched.locks[l as usize].owner,
                    }
                }
                _ => match self.loop_idle_waits.get(&tid) {
                    Some(tasks) if !tasks.is_empty() => WaitTarget::Call(format!(
                        "the asyncio event loop, which has no callback ready and no timer \
                         pending: {}",
                        tasks.join("; ")
                    )),
                    _ => WaitTarget::Call(api.unwrap_or_else(|| "a blocking call".into())),
                },
            };
            waits.push(Wait {
                thread: tid,
                line,
                holds,
                on,
            });
        }
        let cycle = find_cycle(&waits);
        let thread_name = |t: ThreadId| self.sched.trace.threads[t as usize].name.clone();
        let describe = |w: &Wait| {
            let holds = if w.holds.is_empty() {
                String::new()
            } else {
                format!("holds {} and ", w.holds.join(", "))
            };
            let what = match &w.on {
                WaitTarget::Lock {
                    name,
                    holder: Some(h),
                } => format!("waits for {name} (held by {})", thread_name(*h)),
                WaitTarget::Lock { name, holder: None } => format!("waits for {name}"),
                WaitTarget::Join(t) => format!("waits to join {}", thread_name(*t)),
                WaitTarget::Call(api) => format!("waits in {api}"),
            };
            format!("{} {holds}{what} (line {})", thread_name(w.thread), w.line)
        };
        let mut ordered: Vec<&Wait> = cycle
            .iter()
            .filter_map(|t| waits.iter().find(|w| w.thread == *t))
            .collect();
        ordered.extend(waits.iter().filter(|w| !cycle.contains(&w.thread)));
        let parts: Vec<String> = ordered.iter().map(|w| describe(w)).collect();
        let report = format!("Deadlock: {}", parts.join("; "));
        self.write(Stream::Stderr, &format!("{report}\n"));
        self.sched.trace.deadlock = Some(Deadlock {
            t_ns: self.sched.clock,
            waits,
            cycle,
        });
        self.outcome = Some(Outcome::Deadlock { report });
    }
}

/// Follows "waits for a lock held by" and "joins" edges from each thread; returns the first
/// cycle found, starting at its lowest thread id.
fn find_cycle(waits: &[Wait]) -> Vec<ThreadId> {
    let next = |t: ThreadId| -> Option<ThreadId> {
        match &waits.iter().find(|w| w.thread == t)?.on {
            WaitTarget::Lock { holder, .. } => *holder,
            WaitTarget::Join(other) => Some(*other),
            WaitTarget::Call(_) => None,
        }
    };
    for w in waits {
        let mut path = vec![w.thread];
        let mut cur = w.thread;
        while let Some(n) = next(cur) {
            if let Some(pos) = path.iter().position(|p| *p == n) {
                let mut cycle = path[pos..].to_vec();
                let min_at = cycle
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, t)| **t)
                    .map(|(i, _)| i)
                    .unwrap_or(0);
                cycle.rotate_left(min_at);
                return cycle;
            }
            path.push(n);
            cur = n;
        }
    }
    Vec::new()
}
