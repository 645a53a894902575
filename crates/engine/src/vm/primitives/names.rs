//! The program's names for its primitives: read at creation from the instructions that store
//! the new object (`sem = …`, `self.lock = …`), and at the end from the objects reachable
//! from `__main__`'s globals (`account.lock`, `forks[2]`).

use super::*;

impl Vm {
    /// The name the value being created is about to be stored under, read from the
    /// instructions that follow the call in the current frame (`sem = …`, `self.lock = …`).
    pub(super) fn creation_site_name(&self) -> Option<String> {
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

    /// In the trace at the end of the run (or so far): the primitives' names, and which primitive shows each lock.
    /// `lock_names` are the names the trace's locks and the deadlock report use.
    pub(in crate::vm) fn finish_primitives(
        &self,
        trace: &mut crate::trace::Trace,
        locks: &mut [LockInfo],
        lock_names: &HashMap<u32, String>,
    ) {
        let names = self.global_object_names();
        for (i, prim) in self.prims.list.iter().enumerate() {
            if let Some(orig) = prim.copy_of {
                let name = trace.primitives[orig as usize].name.clone();
                trace.primitives[i].name = name;
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
            let info = &mut trace.primitives[i];
            // Unnamed locks are `lock #N` by their lock id, as in `Trace::locks` and the
            // deadlock report.
            let fallback = match (info.kind, info.lock) {
                (PrimitiveKind::Lock | PrimitiveKind::RLock, Some(id)) => format!("lock #{id}"),
                _ => format!("{} #{i}", info.class_name),
            };
            info.name = global.or_else(|| prim.hint.clone()).unwrap_or(fallback);
        }
        for l in locks.iter_mut() {
            let shown = trace.primitives.iter().position(|p| {
                matches!(p.kind, PrimitiveKind::Lock | PrimitiveKind::RLock)
                    && p.family == PrimitiveFamily::Threading
                    && p.lock == Some(l.id)
            });
            l.primitive = shown.map(|p| p as u32);
            if let Some(p) = shown {
                if l.name == format!("lock #{}", l.id) {
                    l.name = trace.primitives[p].name.clone();
                }
            }
        }
        trace.primitive_samples.sort_by_key(|s| s.t_ns);
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
