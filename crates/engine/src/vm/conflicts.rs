//! Lost-update detection for the race explorer: every read and write of a shared variable (a
//! module global, an instance attribute, a list or dict item) is noted with the thread, time
//! and line; a write by a thread that read the variable before another thread wrote it is a
//! lost update, recorded in the trace ([`crate::trace::Conflict`]) with the three accesses.
//! Only runs that ask for it pay (`RunOptions::watch_conflicts`).

use super::Vm;
use crate::trace::{Access, Conflict, ThreadId, MAX_CONFLICTS};
use crate::value::{Key, Value};
use std::collections::HashMap;
use std::rc::Rc;

/// A shared variable: the address of its namespace or container (stable while the run
/// lives) and its name or key.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Place {
    Global(usize, Rc<str>),
    Attr(usize, Rc<str>),
    Item(usize, Key),
}

#[derive(Default)]
pub struct ConflictWatch {
    /// Per place: how many writes it has had, and the last one.
    writes: HashMap<Place, (u64, Access)>,
    /// Per thread and place: its last read, and how many writes the place had then.
    reads: HashMap<(ThreadId, Place), (Access, u64)>,
}

impl ConflictWatch {
    fn read(&mut self, place: Place, at: Access) {
        let seen = self.writes.get(&place).map_or(0, |w| w.0);
        self.reads.insert((at.thread, place), (at, seen));
    }

    /// A write: the lost write and the read it came from, if it loses another thread's write.
    fn write(&mut self, place: Place, at: Access) -> Option<(Access, Access)> {
        let read = self.reads.remove(&(at.thread, place.clone()));
        let entry = self.writes.entry(place).or_insert((0, at));
        let lost = match read {
            Some((read, seen)) if entry.0 > seen && entry.1.thread != at.thread => {
                Some((read, entry.1))
            }
            _ => None,
        };
        *entry = (entry.0 + 1, at);
        lost
    }
}

impl Vm {
    fn access_now(&self) -> Access {
        Access {
            thread: self.cur,
            t_ns: self.sched.clock,
            line: self.program_line(self.cur),
        }
    }

    /// The current frame read global `name`.
    #[inline]
    pub(super) fn watch_global(&mut self, name: &Rc<str>, write: bool) {
        if self.watch.is_none() {
            return;
        }
        let globals = Rc::as_ptr(&self.frame().globals) as *const u8 as usize;
        self.watch_place(Place::Global(globals, name.clone()), write, |_| {
            name.to_string()
        });
    }

    /// An attribute of an instance was read or written.
    #[inline]
    pub(super) fn watch_attr(&mut self, obj: &Value, name: &Rc<str>, write: bool) {
        if self.watch.is_none() {
            return;
        }
        if let Value::Instance(inst) = obj {
            let class = inst.class.name.clone();
            let place = Place::Attr(Rc::as_ptr(inst) as *const u8 as usize, name.clone());
            self.watch_place(place, write, |_| format!("{class}.{name}"));
        }
    }

    /// An item of a list or dict was read or written.
    #[inline]
    pub(super) fn watch_item(&mut self, container: &Value, key: &Value, write: bool) {
        if self.watch.is_none() {
            return;
        }
        let address = match container {
            Value::List(l) => Rc::as_ptr(l) as *const u8 as usize,
            Value::Dict(d) => Rc::as_ptr(d) as *const u8 as usize,
            _ => return,
        };
        let kind = if matches!(container, Value::List(_)) {
            "list"
        } else {
            "dict"
        };
        let place = Place::Item(address, Key(key.clone()));
        self.watch_place(place, write, |vm| {
            let shown = vm.safe_repr(key, &mut Default::default(), 40, "…");
            format!("{kind}[{shown}]")
        });
    }

    fn watch_place(&mut self, place: Place, write: bool, name: impl FnOnce(&Vm) -> String) {
        let at = self.access_now();
        let Some(watch) = self.watch.as_mut() else {
            return;
        };
        if !write {
            watch.read(place, at);
            return;
        }
        if let Some((read, lost)) = watch.write(place, at) {
            self.sched.trace.conflict_count += 1;
            if self.sched.trace.conflicts.len() < MAX_CONFLICTS {
                let name = name(self);
                self.sched.trace.conflicts.push(Conflict {
                    name,
                    read,
                    lost,
                    write: at,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(thread: ThreadId, t_ns: u64) -> Access {
        Access {
            thread,
            t_ns,
            line: 1,
        }
    }

    fn place() -> Place {
        Place::Global(1, Rc::from("counter"))
    }

    #[test]
    fn a_write_after_another_threads_write_since_the_read_loses_it() {
        let mut w = ConflictWatch::default();
        w.read(place(), at(1, 10));
        w.read(place(), at(2, 20));
        assert_eq!(w.write(place(), at(2, 30)), None);
        assert_eq!(w.write(place(), at(1, 40)), Some((at(1, 10), at(2, 30))));
    }

    #[test]
    fn reading_again_after_the_other_write_is_no_conflict() {
        let mut w = ConflictWatch::default();
        w.read(place(), at(1, 10));
        w.write(place(), at(2, 20));
        w.read(place(), at(1, 30));
        assert_eq!(w.write(place(), at(1, 40)), None);
    }

    #[test]
    fn a_blind_write_is_no_conflict() {
        let mut w = ConflictWatch::default();
        w.write(place(), at(2, 20));
        assert_eq!(w.write(place(), at(1, 40)), None);
    }
}
