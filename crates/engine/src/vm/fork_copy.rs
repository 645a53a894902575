//! Copying object graphs between simulated processes, with a memo so shared references and
//! cycles survive:
//! - **fork**: the child gets a copy of everything reachable from the parent's modules and
//!   the process's target — functions point at the copied globals, user classes are
//!   copied, `threading` locks become new locks in the same state; `multiprocessing`'s
//!   shared objects (locks, shared memory, queues' buffers) stay one object;
//! - **pickle**: a value sent through a queue or a pipe is copied as pickle would: functions
//!   and classes go by reference (looked up by module and qualified name in the receiving
//!   process), lambdas, local functions, modules, generators and `threading` locks cannot
//!   be sent, and `multiprocessing` objects only travel by inheritance;
//! - **exact** ([`super::checkpoint`]): everything is copied as it is — generators with their
//!   suspended frames, every thread's `threading.local` attributes, `multiprocessing`'s
//!   shared objects — and locks keep their number (the scheduler is copied whole), so the
//!   copy runs on exactly as the original would.

use super::{Flow, Vm};
use crate::trace::ThreadId;
use crate::value::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

enum Mode {
    Fork {
        parent: ThreadId,
        child: ThreadId,
    },
    /// `dumps` (checks that functions and classes are found under their names) or
    /// `loads` (looks them up in the receiving process).
    Pickle {
        dumps: bool,
    },
    Exact,
}

pub struct Copier {
    mode: Mode,
    memo: rustc_hash::FxHashMap<usize, Value>,
    /// Values met one by one so far, numbers included (what a copy's time goes with).
    visited: usize,
    /// Numbers copied in bulk (lists holding only numbers): cheaper to copy one by one, but
    /// as heavy to keep.
    numbers: usize,
    /// Exact copies of `multiprocessing`'s shared objects, by identity.
    pub(super) shared: HashMap<usize, Rc<Shared>>,
    /// The first reason the value cannot be pickled: (exception type, message).
    pub error: Option<(&'static str, String)>,
}

impl Copier {
    pub fn fork(parent: ThreadId, child: ThreadId) -> Copier {
        Copier {
            mode: Mode::Fork { parent, child },
            memo: Default::default(),
            visited: 0,
            numbers: 0,
            shared: HashMap::new(),
            error: None,
        }
    }

    pub fn pickle(dumps: bool) -> Copier {
        Copier {
            mode: Mode::Pickle { dumps },
            memo: Default::default(),
            visited: 0,
            numbers: 0,
            shared: HashMap::new(),
            error: None,
        }
    }

    pub fn exact() -> Copier {
        Copier {
            mode: Mode::Exact,
            memo: Default::default(),
            visited: 0,
            numbers: 0,
            shared: HashMap::new(),
            error: None,
        }
    }

    /// How many objects were copied, and how many values were met (numbers included).
    pub fn counts(&self) -> (usize, usize) {
        (self.memo.len(), self.visited + self.numbers)
    }

    /// The copy made of the object with this identity, if it was copied.
    pub fn copied(&self, identity: usize) -> Option<&Value> {
        self.memo.get(&identity)
    }

    fn pickling(&self) -> bool {
        matches!(self.mode, Mode::Pickle { .. })
    }

    pub(super) fn exact_mode(&self) -> bool {
        matches!(self.mode, Mode::Exact)
    }

    /// Objects that refer to themselves only through their parts (a tuple holding a list
    /// holding the tuple) may have been copied while their parts were: that copy wins.
    fn memo_once(&mut self, v: &Value, copy: Value) -> Value {
        match self.memo.get(&v.identity()) {
            Some(done) => done.clone(),
            None => self.memo(v, copy),
        }
    }

    fn fail(&mut self, kind: &'static str, msg: String) -> Value {
        if self.error.is_none() {
            self.error = Some((kind, msg));
        }
        Value::None
    }

    pub(super) fn memo(&mut self, v: &Value, copy: Value) -> Value {
        self.memo.insert(v.identity(), copy.clone());
        copy
    }

    pub(super) fn copy_dict(&mut self, vm: &mut Vm, d: &Rc<RefCell<Dict>>) -> Rc<RefCell<Dict>> {
        let key = Rc::as_ptr(d) as usize;
        if let Some(Value::Dict(done)) = self.memo.get(&key) {
            return done.clone();
        }
        let items: Vec<(Key, Value)> = d
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let new = Rc::new(RefCell::new(Dict::with_capacity_and_hasher(
            items.len(),
            Default::default(),
        )));
        self.memo.insert(key, Value::Dict(new.clone()));
        for (k, v) in items {
            let k = Key(self.copy(vm, &k.0));
            let v = self.copy(vm, &v);
            new.borrow_mut().insert(k, v);
        }
        new
    }

    /// A dict held inline by another object (an instance's or a class's attributes).
    fn copy_dict_contents(&mut self, vm: &mut Vm, d: &Dict) -> Dict {
        let items: Vec<(Key, Value)> = d.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let mut out = Dict::with_capacity_and_hasher(items.len(), Default::default());
        for (k, v) in items {
            let k = Key(self.copy(vm, &k.0));
            let v = self.copy(vm, &v);
            out.insert(k, v);
        }
        out
    }

    pub(super) fn copy_all(&mut self, vm: &mut Vm, items: &[Value]) -> Vec<Value> {
        // Lists of numbers (a drained generator's million results) are copied as they are.
        if items.iter().all(Value::is_scalar) {
            self.numbers += items.len();
            return items.to_vec();
        }
        items.iter().map(|v| self.copy(vm, v)).collect()
    }

    /// The copy of `v` (for pickling: the value the receiving process gets, or `None`
    /// with [`Copier::error`] set).
    pub fn copy(&mut self, vm: &mut Vm, v: &Value) -> Value {
        self.visited += 1;
        if self.error.is_some() {
            return Value::None;
        }
        if v.is_scalar() {
            return v.clone();
        }
        match v {
            Value::BigInt(_)
            | Value::Str(_)
            | Value::Range(_)
            | Value::Slice(_)
            | Value::Code(_) => return v.clone(),
            _ => {}
        }
        if let Some(done) = self.memo.get(&v.identity()) {
            return done.clone();
        }
        match v {
            Value::List(items) => {
                let new = Rc::new(RefCell::new(Vec::new()));
                self.memo(v, Value::List(new.clone()));
                let old: Vec<Value> = items.borrow().clone();
                *new.borrow_mut() = self.copy_all(vm, &old);
                Value::List(new)
            }
            Value::Tuple(items) => {
                let new = Value::tuple(self.copy_all(vm, items));
                self.memo_once(v, new)
            }
            Value::Dict(d) => Value::Dict(self.copy_dict(vm, d)),
            Value::Set(s) => {
                let new = Rc::new(RefCell::new(SetMap::default()));
                self.memo(v, Value::Set(new.clone()));
                let keys: Vec<Value> = s.borrow().keys().map(|k| k.0.clone()).collect();
                for k in keys {
                    let k = self.copy(vm, &k);
                    new.borrow_mut().insert(Key(k), ());
                }
                Value::Set(new)
            }
            Value::Function(f) => self.copy_function(vm, v, f),
            Value::Builtin(b) => match &b.receiver {
                Some(r) => {
                    let receiver = Some(self.copy(vm, r));
                    let new = Value::Builtin(Rc::new(Builtin {
                        name: b.name,
                        func: b.func,
                        receiver,
                    }));
                    self.memo_once(v, new)
                }
                None => v.clone(),
            },
            Value::BoundMethod(m) => {
                let receiver = self.copy(vm, &m.receiver);
                let func = self.copy(vm, &m.func);
                let new = Value::BoundMethod(Rc::new(BoundMethod { receiver, func }));
                self.memo_once(v, new)
            }
            Value::Class(c) => self.copy_class(vm, v, c),
            Value::Instance(i) => self.copy_instance(vm, v, i),
            Value::Module(m) => {
                if self.pickling() {
                    return self.fail("TypeError", "cannot pickle 'module' object".into());
                }
                let dict = self.copy_dict(vm, &m.dict);
                let new = Value::Module(Rc::new(Module {
                    name: m.name.clone(),
                    dict,
                }));
                self.memo_once(v, new)
            }
            Value::Iterator(it) => {
                let state = match &*it.borrow() {
                    NativeIter::Seq { seq, index } => NativeIter::Seq {
                        seq: seq.clone(),
                        index: *index,
                    },
                    NativeIter::Range { next, stop, step } => NativeIter::Range {
                        next: *next,
                        stop: *stop,
                        step: *step,
                    },
                    NativeIter::Values(rest) => NativeIter::Values(rest.clone()),
                    NativeIter::Exhausted => NativeIter::Exhausted,
                };
                let new = Rc::new(RefCell::new(NativeIter::Exhausted));
                self.memo(v, Value::Iterator(new.clone()));
                let state = match state {
                    NativeIter::Seq { seq, index } => NativeIter::Seq {
                        seq: self.copy(vm, &seq),
                        index,
                    },
                    NativeIter::Values(rest) => {
                        let items: Vec<Value> = rest.as_slice().to_vec();
                        NativeIter::Values(self.copy_all(vm, &items).into_iter())
                    }
                    other => other,
                };
                *new.borrow_mut() = state;
                Value::Iterator(new)
            }
            Value::Generator(g) => {
                if self.pickling() {
                    return self.fail("TypeError", "cannot pickle 'generator' object".into());
                }
                if self.exact_mode() {
                    return Value::Generator(self.copy_generator(vm, g));
                }
                // A suspended frame is not copied: both processes see one generator.
                v.clone()
            }
            Value::DictView(view) => {
                let dict = self.copy_dict(vm, &view.dict);
                let new = Value::DictView(Rc::new(DictView {
                    dict,
                    kind: view.kind,
                }));
                self.memo_once(v, new)
            }
            Value::Cell(c) => {
                let new = Rc::new(RefCell::new(None));
                self.memo(v, Value::Cell(new.clone()));
                let inner = c.borrow().clone();
                *new.borrow_mut() = inner.map(|x| self.copy(vm, &x));
                Value::Cell(new)
            }
            _ => v.clone(),
        }
    }

    fn copy_function(&mut self, vm: &mut Vm, v: &Value, f: &Rc<Function>) -> Value {
        if self.pickling() {
            let qualname = f.qualname.borrow().clone();
            return self.by_reference(vm, v, &f.module, &qualname);
        }
        let globals = self.copy_dict(vm, &f.globals);
        let defaults = self.copy_all(vm, &f.defaults);
        let kwdefaults = self.copy_dict_contents(vm, &f.kwdefaults);
        let closure = f
            .closure
            .iter()
            .map(|c| match self.copy(vm, &Value::Cell(c.clone())) {
                Value::Cell(n) => n,
                _ => c.clone(),
            })
            .collect();
        let dict = self.copy_dict_contents(vm, &f.dict.borrow());
        let new = Value::Function(Rc::new(Function {
            code: f.code.clone(),
            globals,
            defaults,
            kwdefaults,
            closure,
            name: RefCell::new(f.name.borrow().clone()),
            qualname: RefCell::new(f.qualname.borrow().clone()),
            module: f.module.clone(),
            dict: RefCell::new(dict),
        }));
        self.memo_once(v, new)
    }

    fn copy_class(&mut self, vm: &mut Vm, v: &Value, c: &Rc<Class>) -> Value {
        if c.kind != ClassKind::User {
            return v.clone();
        }
        if self.pickling() {
            return self.by_reference(vm, v, &c.module, &c.qualname);
        }
        let bases: Vec<Rc<Class>> = c
            .bases
            .iter()
            .map(|b| match self.copy(vm, &Value::Class(b.clone())) {
                Value::Class(n) => n,
                _ => b.clone(),
            })
            .collect();
        let metaclass =
            c.metaclass
                .as_ref()
                .map(|m| match self.copy(vm, &Value::Class(m.clone())) {
                    Value::Class(n) => n,
                    _ => m.clone(),
                });
        if let Some(done) = self.memo.get(&v.identity()) {
            return done.clone();
        }
        let new = Rc::new(Class {
            name: c.name.clone(),
            qualname: c.qualname.clone(),
            module: c.module.clone(),
            bases,
            mro: RefCell::new(Vec::new()),
            dict: RefCell::new(Dict::default()),
            kind: c.kind,
            metaclass,
        });
        self.memo(v, Value::Class(new.clone()));
        let mro: Vec<Rc<Class>> = c.mro.borrow().iter().skip(1).cloned().collect();
        let mut new_mro = vec![new.clone()];
        for m in mro {
            new_mro.push(match self.copy(vm, &Value::Class(m.clone())) {
                Value::Class(n) => n,
                _ => m,
            });
        }
        *new.mro.borrow_mut() = new_mro;
        let dict = self.copy_dict_contents(vm, &c.dict.borrow());
        *new.dict.borrow_mut() = dict;
        Value::Class(new)
    }

    fn copy_instance(&mut self, vm: &mut Vm, v: &Value, i: &Rc<Instance>) -> Value {
        if self.pickling() {
            if let Some(err) = self.unpicklable_instance(vm, i) {
                return self.fail(err.0, err.1);
            }
        }
        if !self.exact_mode() {
            if let Native::Shared(_) = &*i.native.borrow() {
                return v.clone();
            }
            if let Native::Lock(id) = &*i.native.borrow() {
                if vm.sched.locks[*id as usize].shared {
                    return v.clone();
                }
            }
        }
        let class = match self.copy(vm, &Value::Class(i.class.clone())) {
            Value::Class(c) => c,
            _ => i.class.clone(),
        };
        if let Some(done) = self.memo.get(&v.identity()) {
            return done.clone();
        }
        let new = Rc::new(Instance {
            class,
            dict: RefCell::new(Dict::default()),
            native: RefCell::new(Native::None),
        });
        self.memo(v, Value::Instance(new.clone()));
        let dict = self.copy_dict_contents(vm, &i.dict.borrow());
        *new.dict.borrow_mut() = dict;
        let native = self.copy_native(vm, &i.native.borrow());
        *new.native.borrow_mut() = native;
        Value::Instance(new)
    }

    /// Why pickle refuses this instance, if it does.
    fn unpicklable_instance(&self, vm: &Vm, i: &Rc<Instance>) -> Option<(&'static str, String)> {
        if let Some(Value::Bool(true)) = i.class.lookup("_mp_inherit_only") {
            return Some((
                "RuntimeError",
                format!(
                    "{} objects should only be shared between processes through inheritance",
                    i.class.name
                ),
            ));
        }
        match &*i.native.borrow() {
            Native::Lock(id) if !vm.sched.locks[*id as usize].shared => Some((
                "TypeError",
                format!(
                    "cannot pickle '_thread.{}' object",
                    if i.class.kind == ClassKind::RLock {
                        "RLock"
                    } else {
                        "lock"
                    }
                ),
            )),
            Native::Local(_) => Some(("TypeError", "cannot pickle '_thread._local' object".into())),
            _ => None,
        }
    }

    fn copy_native(&mut self, vm: &mut Vm, n: &Native) -> Native {
        match n {
            Native::None => Native::None,
            Native::Exception(data) => {
                let args = self.copy_all(vm, &data.args);
                let keep = !self.pickling();
                Native::Exception(Box::new(ExceptionData {
                    args,
                    traceback: if keep {
                        data.traceback.clone()
                    } else {
                        Vec::new()
                    },
                    cause: data.cause.as_ref().map(|c| self.copy(vm, c)),
                    context: data.context.as_ref().map(|c| self.copy(vm, c)),
                    suppress_context: data.suppress_context,
                }))
            }
            Native::Lock(id) => Native::Lock(self.copy_lock(vm, *id)),
            Native::Property { fget, fset } => Native::Property {
                fget: fget.as_ref().map(|f| self.copy(vm, f)),
                fset: fset.as_ref().map(|f| self.copy(vm, f)),
            },
            Native::StaticMethod(f) => Native::StaticMethod(self.copy(vm, f)),
            Native::Base(contents) => Native::Base(self.copy(vm, contents)),
            Native::ClassMethod(f) => Native::ClassMethod(self.copy(vm, f)),
            Native::Super { class, obj } => Native::Super {
                class: match self.copy(vm, &Value::Class(class.clone())) {
                    Value::Class(c) => c,
                    _ => class.clone(),
                },
                obj: self.copy(vm, obj),
            },
            Native::Local(per_thread) => {
                let mut out = std::collections::HashMap::new();
                match self.mode {
                    Mode::Fork { parent, child } => {
                        if let Some(d) = per_thread.get(&parent) {
                            out.insert(child, self.copy_dict_contents(vm, d));
                        }
                    }
                    Mode::Exact => {
                        let mut threads: Vec<_> = per_thread.iter().collect();
                        threads.sort_by_key(|(t, _)| **t);
                        for (t, d) in threads {
                            out.insert(*t, self.copy_dict_contents(vm, d));
                        }
                    }
                    Mode::Pickle { .. } => {}
                }
                Native::Local(out)
            }
            Native::Shared(s) if self.exact_mode() => Native::Shared(self.copy_shared(vm, s)),
            Native::Shared(s) => Native::Shared(s.clone()),
        }
    }

    /// A `threading` lock in the child: a new lock in the same state; one the forking
    /// thread held is held by the child's main thread.
    fn copy_lock(&mut self, vm: &mut Vm, id: u32) -> u32 {
        let (parent, child) = match self.mode {
            Mode::Fork { parent, child } => (parent, child),
            Mode::Pickle { .. } | Mode::Exact => return id,
        };
        let (reentrant, role, owner, count, user_visible) = {
            let l = &vm.sched.locks[id as usize];
            (l.reentrant, l.role, l.owner, l.count, l.user_visible)
        };
        let new = vm.sched.new_lock(reentrant, role);
        let l = &mut vm.sched.locks[new as usize];
        l.owner = owner.map(|o| if o == parent { child } else { o });
        l.count = count;
        l.user_visible = user_visible;
        new
    }

    /// Pickle stores a function or class as its module and qualified name; the receiving
    /// process looks that up in its own modules.
    fn by_reference(&mut self, vm: &mut Vm, v: &Value, module: &str, qualname: &str) -> Value {
        if qualname.contains("<locals>") {
            return self.fail(
                "AttributeError",
                format!("Can't pickle local object '{qualname}'"),
            );
        }
        let dumps = matches!(self.mode, Mode::Pickle { dumps: true });
        match vm.lookup_qualified(module, qualname) {
            Some(f) if !dumps || f.is(v) => f,
            Some(_) => {
                let repr = vm.repr(v).unwrap_or_default();
                self.fail(
                    "PicklingError",
                    format!("Can't pickle {repr}: it's not the same object as {module}.{qualname}"),
                )
            }
            None if dumps => {
                let repr = vm.repr(v).unwrap_or_default();
                let leaf = qualname.rsplit('.').next().unwrap_or(qualname);
                self.fail(
                    "PicklingError",
                    format!("Can't pickle {repr}: attribute lookup {leaf} on {module} failed"),
                )
            }
            None => {
                let file = vm.options.filename.clone();
                self.fail(
                    "AttributeError",
                    format!(
                        "Can't get attribute '{qualname}' on <module '{module}' from '{file}'>"
                    ),
                )
            }
        }
    }
}

impl Vm {
    /// `module.qual.name` in the current process, as unpickling looks it up.
    pub fn lookup_qualified(&self, module: &str, qualname: &str) -> Option<Value> {
        let globals = if module == "__main__" {
            self.main_globals.clone()
        } else {
            match self.modules.get(module) {
                Some(Value::Module(m)) => m.dict.clone(),
                _ => return None,
            }
        };
        let mut parts = qualname.split('.');
        let first = parts.next()?;
        let mut cur = globals.borrow().get(&Key::str(first)).cloned()?;
        for part in parts {
            cur = match &cur {
                Value::Class(c) => c.dict.borrow().get(&Key::str(part)).cloned()?,
                Value::Module(m) => m.dict.borrow().get(&Key::str(part)).cloned()?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// Copies `v` as `pickle.dumps` (`dumps`) or `pickle.loads` in the current process
    /// would see it: sending a message is a `dumps` copy, receiving it a `loads` copy.
    pub fn pickle_copy(&mut self, v: &Value, dumps: bool) -> Result<Value, Flow> {
        let mut copier = Copier::pickle(dumps);
        let out = copier.copy(self, v);
        match copier.error {
            None => Ok(out),
            Some(("PicklingError", msg)) => {
                let class = self.pickling_error_class();
                Err(Flow::Exc(
                    self.new_exception(&class, vec![Value::str(&msg)]),
                ))
            }
            Some((kind, msg)) => Err(self.exc(kind, msg)),
        }
    }

    /// `_pickle.PicklingError`, created on first use.
    fn pickling_error_class(&mut self) -> Rc<Class> {
        if let Some(c) = self.types.exceptions.get("PicklingError") {
            return c.clone();
        }
        let base = self.types.exception("Exception");
        let pickle_error =
            super::types::new_class("PickleError", "_pickle", vec![base], ClassKind::Exception);
        let c = super::types::new_class(
            "PicklingError",
            "_pickle",
            vec![pickle_error],
            ClassKind::Exception,
        );
        self.types.exceptions.insert("PicklingError", c.clone());
        c
    }
}
