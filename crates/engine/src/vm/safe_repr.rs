//! Reprs computed natively, never running the program's code (a user `__repr__` could
//! print, block or change state): what the inspector's snapshots and the trace's queue
//! contents show. Built-in types, `deque`/`defaultdict`/`Counter`/`OrderedDict`, named
//! tuples, dataclasses, threads, locks and `multiprocessing` values look as CPython shows
//! them; other objects in the default `<__main__.C object at 0x…>` form.

use super::Vm;
use crate::value::*;
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;

/// Containers nested deeper than this show as `...`.
const MAX_DEPTH: usize = 6;

/// Cuts `s` to `limit` characters, ending in `ellipsis` when something was cut (the
/// ellipsis counts towards the limit when it is more than one character).
fn cut(mut s: String, limit: usize, ellipsis: &str) -> String {
    let keep = if ellipsis.chars().count() > 1 {
        limit.saturating_sub(ellipsis.chars().count())
    } else {
        limit
    };
    if s.chars().count() > limit {
        if let Some((i, _)) = s.char_indices().nth(keep) {
            s.truncate(i);
            s.push_str(ellipsis);
        }
    }
    s
}

/// What a repr shows for an object's address.
pub(super) enum Addresses {
    /// Stand-ins, one per object, numbered in the order a snapshot meets them, so the same
    /// object shows the same address and every replay shows the same ones.
    StandIn(HashMap<usize, usize>),
    /// The address the program's own `repr()` would print.
    Real,
}

impl Default for Addresses {
    fn default() -> Self {
        Addresses::StandIn(HashMap::new())
    }
}

impl Addresses {
    fn of(&mut self, vm: &Vm, v: &Value) -> String {
        match self {
            Addresses::StandIn(map) => {
                let n = map.len();
                let n = *map.entry(v.identity()).or_insert(n);
                format!("0x7f3a2c{:06x}", 0x1000 + n * 0x30)
            }
            Addresses::Real => vm.address_of(v),
        }
    }
}

impl Vm {
    /// `repr(v)` computed natively, never running the program's code (a user `__repr__`
    /// could print, block or change state): built-in and library types as CPython shows
    /// them, other objects in the default `<module.Class object at 0x…>` form; cut to
    /// `limit` characters, ending in `ellipsis` when cut.
    pub(super) fn safe_repr(
        &self,
        v: &Value,
        addresses: &mut Addresses,
        limit: usize,
        ellipsis: &str,
    ) -> String {
        let mut r = Repr {
            vm: self,
            out: String::new(),
            addresses,
            open: Vec::new(),
            limit,
        };
        r.value(v);
        cut(r.out, limit, ellipsis)
    }
}

/// Builds one repr, stopping early once it is longer than the cut keeps.
struct Repr<'a> {
    vm: &'a Vm,
    out: String,
    addresses: &'a mut Addresses,
    /// Containers being shown (for `[...]` on a cycle).
    open: Vec<usize>,
    /// The cut the result will get: building stops well past it.
    limit: usize,
}

impl Repr<'_> {
    fn full(&self) -> bool {
        self.out.len() > self.limit * 4
    }

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn addr(&mut self, v: &Value) -> String {
        self.addresses.of(self.vm, v)
    }

    /// `items` between `open` and `close`, separated by commas; `...` for a cycle.
    fn seq<'v>(
        &mut self,
        v: &Value,
        open: &str,
        close: &str,
        items: impl IntoIterator<Item = &'v Value>,
    ) {
        let id = v.identity();
        if self.open.contains(&id) || self.open.len() >= MAX_DEPTH {
            self.push(open);
            self.push("...");
            self.push(close);
            return;
        }
        self.open.push(id);
        self.push(open);
        for (i, item) in items.into_iter().enumerate() {
            if self.full() {
                break;
            }
            if i > 0 {
                self.push(", ");
            }
            self.value(item);
        }
        self.push(close);
        self.open.pop();
    }

    fn dict(&mut self, v: &Value, d: &Dict) {
        let id = v.identity();
        if self.open.contains(&id) || self.open.len() >= MAX_DEPTH {
            self.push("{...}");
            return;
        }
        self.open.push(id);
        self.push("{");
        for (i, (k, item)) in d.iter().enumerate() {
            if self.full() {
                break;
            }
            if i > 0 {
                self.push(", ");
            }
            self.value(&k.0);
            self.push(": ");
            self.value(item);
        }
        self.push("}");
        self.open.pop();
    }

    fn value(&mut self, v: &Value) {
        if self.full() {
            return;
        }
        match v {
            Value::None => self.push("None"),
            Value::NotImplemented => self.push("NotImplemented"),
            Value::Ellipsis => self.push("Ellipsis"),
            Value::Bool(b) => self.push(if *b { "True" } else { "False" }),
            Value::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            Value::BigInt(b) => {
                let text = crate::format::int_str(b);
                self.push(&text);
            }
            Value::Float(f) => self.push(&crate::format::float_repr(*f)),
            Value::Str(s) => {
                // Only what the cut keeps needs escaping.
                let head: String = s.chars().take(self.limit + 1).collect();
                self.push(&super::repr::str_repr(&head));
            }
            Value::List(l) => self.seq(v, "[", "]", l.borrow().iter()),
            Value::Tuple(t) => {
                if t.len() == 1 {
                    self.seq(v, "(", ",)", t.iter());
                } else {
                    self.seq(v, "(", ")", t.iter());
                }
            }
            Value::Dict(d) => self.dict(v, &d.borrow()),
            Value::Set(s) => {
                let items = super::set_order::ordered(&s.borrow());
                if items.is_empty() {
                    self.push("set()");
                } else {
                    self.seq(v, "{", "}", items.iter());
                }
            }
            Value::Range(r) => {
                let _ = if r.step == 1 {
                    write!(self.out, "range({}, {})", r.start, r.stop)
                } else {
                    write!(self.out, "range({}, {}, {})", r.start, r.stop, r.step)
                };
            }
            Value::Slice(s) => {
                self.push("slice(");
                self.value(&s.start);
                self.push(", ");
                self.value(&s.stop);
                self.push(", ");
                self.value(&s.step);
                self.push(")");
            }
            Value::Function(f) => {
                let text = format!("<function {} at {}>", f.qualname.borrow(), self.addr(v));
                self.push(&text);
            }
            Value::Builtin(b) => match &b.receiver {
                Some(r) => {
                    let text = format!(
                        "<built-in method {} of {} object at {}>",
                        b.name,
                        self.vm.type_name(r),
                        self.addr(r)
                    );
                    self.push(&text);
                }
                None => {
                    let text = format!("<built-in function {}>", b.name);
                    self.push(&text);
                }
            },
            Value::BoundMethod(m) => {
                let name = match &m.func {
                    Value::Function(f) => f.qualname.borrow().to_string(),
                    Value::Builtin(b) => b.name.to_string(),
                    _ => "?".into(),
                };
                self.push(&format!("<bound method {name} of "));
                self.value(&m.receiver);
                self.push(">");
            }
            Value::Class(c) => {
                let text = if &*c.module == "builtins" {
                    format!("<class '{}'>", c.qualname)
                } else {
                    format!("<class '{}.{}'>", c.module, c.qualname)
                };
                self.push(&text);
            }
            Value::Instance(inst) => self.instance(v, inst),
            Value::Module(m) => {
                let text = format!("<module '{}'>", m.name);
                self.push(&text);
            }
            Value::Iterator(_) => {
                let text = format!("<iterator object at {}>", self.addr(v));
                self.push(&text);
            }
            Value::DictView(view) => {
                let items = view.items();
                let open = format!("{}([", view.type_name());
                self.seq(v, &open, "])", items.iter());
            }
            Value::Generator(g) => {
                let (kind, qualname) = {
                    let g = g.borrow();
                    (g.kind.type_name(), g.qualname.clone())
                };
                let text = format!("<{kind} object {qualname} at {}>", self.addr(v));
                self.push(&text);
            }
            Value::Cell(_) => self.push("<cell>"),
            Value::Code(c) => {
                let text = format!("<code object {}>", c.name);
                self.push(&text);
            }
        }
    }

    /// An attribute from the instance's own `__dict__`.
    fn attr(inst: &Instance, name: &str) -> Option<Value> {
        inst.dict.borrow().get(&Key::str(name)).cloned()
    }

    fn instance(&mut self, v: &Value, inst: &Rc<Instance>) {
        let class = &inst.class;
        // The library's classes whose reprs are Python code: shown as that code would.
        if let Some(lib) = library_class(class) {
            if self.library_instance(v, inst, lib) {
                return;
            }
        }
        let native = inst.native.borrow();
        match &*native {
            Native::Exception(d) => {
                let args = d.args.clone();
                drop(native);
                let open = format!("{}(", class.name);
                self.seq(v, &open, ")", args.iter());
                return;
            }
            Native::Lock(id) => {
                let id = *id;
                drop(native);
                self.lock(v, inst, id);
                return;
            }
            // A user subclass of dict/list/tuple shows its contents, as CPython's repr does.
            Native::Base(base) => {
                let base = base.clone();
                drop(native);
                if let Some(fields) = namedtuple_fields(class) {
                    return self.namedtuple(v, class, &fields, &base);
                }
                return self.value(&base);
            }
            _ => {}
        }
        drop(native);
        if let Some(fields) = self.dataclass_fields(class) {
            let open = format!("{}(", class.qualname);
            let id = v.identity();
            if self.open.contains(&id) || self.open.len() >= MAX_DEPTH {
                self.push(&open);
                self.push("...)");
                return;
            }
            self.open.push(id);
            self.push(&open);
            for (i, f) in fields.iter().enumerate() {
                if self.full() {
                    break;
                }
                if i > 0 {
                    self.push(", ");
                }
                self.push(f);
                self.push("=");
                match Self::attr(inst, f) {
                    Some(value) => self.value(&value),
                    None => self.push("?"),
                }
            }
            self.push(")");
            self.open.pop();
            return;
        }
        let text = if &*class.module == "builtins" {
            format!("<{} object at {}>", class.qualname, self.addr(v))
        } else {
            format!(
                "<{}.{} object at {}>",
                class.module,
                class.qualname,
                self.addr(v)
            )
        };
        self.push(&text);
    }

    fn lock(&mut self, v: &Value, inst: &Instance, id: u32) {
        let Some(lock) = self.vm.sched.locks.get(id as usize) else {
            return self.push("<_thread.lock object>");
        };
        let state = if lock.owner.is_some() || lock.sem == Some(0) {
            "locked"
        } else {
            "unlocked"
        };
        let text = if lock.reentrant {
            let owner = lock.owner.map(|t| self.vm.ident_of(t)).unwrap_or(0);
            format!(
                "<{state} _thread.RLock object owner={owner} count={} at {}>",
                lock.count,
                self.addr(v)
            )
        } else {
            format!(
                "<{state} _thread.{} object at {}>",
                inst.class.name,
                self.addr(v)
            )
        };
        self.push(&text);
    }

    fn namedtuple(&mut self, v: &Value, class: &Class, fields: &[Rc<str>], base: &Value) {
        let Value::Tuple(items) = base else {
            return self.value(base);
        };
        let id = v.identity();
        let open = format!("{}(", class.name);
        if self.open.contains(&id) || self.open.len() >= MAX_DEPTH {
            self.push(&open);
            self.push("...)");
            return;
        }
        self.open.push(id);
        self.push(&open);
        for (i, (f, item)) in fields.iter().zip(items.iter()).enumerate() {
            if self.full() {
                break;
            }
            if i > 0 {
                self.push(", ");
            }
            self.push(f);
            self.push("=");
            self.value(item);
        }
        self.push(")");
        self.open.pop();
    }

    /// Shows an instance of one of the library's classes; false to fall back to the default.
    fn library_instance(&mut self, v: &Value, inst: &Instance, lib: LibraryClass) -> bool {
        let name = inst.class.name.clone();
        match lib {
            LibraryClass::Deque => {
                let (Some(Value::List(items)), head) = (
                    Self::attr(inst, "_items"),
                    match Self::attr(inst, "_head") {
                        Some(Value::Int(h)) => h.max(0) as usize,
                        _ => 0,
                    },
                ) else {
                    return false;
                };
                let items = items.borrow();
                let shown = items.get(head..).unwrap_or(&[]);
                self.seq(v, &format!("{name}(["), "]", shown.iter());
                if let Some(max) = Self::attr(inst, "maxlen").filter(|m| !m.is_none()) {
                    self.push(", maxlen=");
                    self.value(&max);
                }
                self.push(")");
            }
            LibraryClass::DefaultDict => {
                let Some(Value::Dict(d)) = base_of(inst) else {
                    return false;
                };
                self.push(&format!("{name}("));
                let factory = Self::attr(inst, "default_factory").unwrap_or(Value::None);
                self.value(&factory);
                self.push(", ");
                self.dict(v, &d.borrow());
                self.push(")");
            }
            LibraryClass::Counter => {
                let Some(Value::Dict(d)) = base_of(inst) else {
                    return false;
                };
                let d = d.borrow();
                if d.is_empty() {
                    self.push(&format!("{name}()"));
                    return true;
                }
                // `most_common()` order: by count, highest first, ties in insertion order.
                let mut entries: Vec<(&Key, &Value)> = d.iter().collect();
                if entries.iter().all(|(_, c)| matches!(c, Value::Int(_))) {
                    entries.sort_by_key(|(_, c)| match c {
                        Value::Int(n) => std::cmp::Reverse(*n),
                        _ => std::cmp::Reverse(0),
                    });
                }
                let sorted: Dict = entries
                    .into_iter()
                    .map(|(k, c)| (k.clone(), c.clone()))
                    .collect();
                self.push(&format!("{name}("));
                self.dict(v, &sorted);
                self.push(")");
            }
            LibraryClass::OrderedDict => {
                let Some(Value::Dict(d)) = base_of(inst) else {
                    return false;
                };
                let pairs: Vec<Value> = d
                    .borrow()
                    .iter()
                    .map(|(k, x)| Value::tuple(vec![k.0.clone(), x.clone()]))
                    .collect();
                if pairs.is_empty() {
                    self.push(&format!("{name}()"));
                } else {
                    self.seq(v, &format!("{name}(["), "])", pairs.iter());
                }
            }
            LibraryClass::Thread => {
                let text = |x: Option<Value>| match x {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => "?".to_string(),
                };
                let truthy = |x: Option<Value>| matches!(x, Some(Value::Bool(true)));
                let started = match Self::attr(inst, "_started") {
                    Some(Value::Instance(event)) => truthy(Self::attr(&event, "_flag")),
                    _ => false,
                };
                let mut status = if truthy(Self::attr(inst, "_is_stopped")) {
                    "stopped"
                } else if started {
                    "started"
                } else {
                    "initial"
                }
                .to_string();
                if truthy(Self::attr(inst, "_daemonic")) {
                    status.push_str(" daemon");
                }
                if let Some(Value::Int(ident)) = Self::attr(inst, "_ident") {
                    let _ = write!(status, " {ident}");
                }
                let text = format!("<{name}({}, {status})>", text(Self::attr(inst, "_name")));
                self.push(&text);
            }
            LibraryClass::RawValue => {
                let (Some(Value::Str(tc)), Some(Value::Instance(mem))) =
                    (Self::attr(inst, "_typecode"), Self::attr(inst, "_mem"))
                else {
                    return false;
                };
                let value = match &*mem.native.borrow() {
                    Native::Shared(shared) => match &**shared {
                        Shared::Array { items, .. } => items.borrow().first().cloned(),
                        _ => None,
                    },
                    _ => None,
                };
                let Some(value) = value else { return false };
                self.push(ctype_name(&tc));
                self.push("(");
                self.value(&value);
                self.push(")");
            }
            LibraryClass::Synchronized => {
                let Some(obj) = Self::attr(inst, "_obj") else {
                    return false;
                };
                self.push(&format!("<{name} wrapper for "));
                self.value(&obj);
                self.push(">");
            }
        }
        true
    }

    /// A dataclass's fields shown by its generated `__repr__` (none if the class wrote its
    /// own `__repr__`, or is not a dataclass).
    fn dataclass_fields(&self, class: &Class) -> Option<Vec<Rc<str>>> {
        let Some(Value::Function(repr)) = class.lookup("__repr__") else {
            return None;
        };
        if &*repr.module != "dataclasses" {
            return None;
        }
        let Some(Value::Dict(fields)) = class.lookup("__dataclass_fields__") else {
            return None;
        };
        let fields = fields.borrow();
        Some(
            fields
                .iter()
                .filter_map(|(k, f)| {
                    let Value::Str(name) = &k.0 else { return None };
                    let shown = match f {
                        Value::Instance(field) => {
                            !matches!(Self::attr(field, "repr"), Some(Value::Bool(false)))
                        }
                        _ => true,
                    };
                    shown.then(|| name.clone())
                })
                .collect(),
        )
    }
}

#[derive(Clone, Copy)]
enum LibraryClass {
    Deque,
    DefaultDict,
    Counter,
    OrderedDict,
    Thread,
    RawValue,
    Synchronized,
}

/// The library class an instance's class is or derives from, if its repr is one we mirror.
/// A user subclass that defines its own `__repr__` gets the default form instead.
fn library_class(class: &Rc<Class>) -> Option<LibraryClass> {
    for c in class.mro.borrow().iter() {
        if c.dict.borrow().contains_key(&Key::str("__repr__")) && c.module.as_ref() == "__main__" {
            return None;
        }
        let kind = match (c.module.as_ref(), c.name.as_ref()) {
            ("collections", "deque") => LibraryClass::Deque,
            ("collections", "defaultdict") => LibraryClass::DefaultDict,
            ("collections", "Counter") => LibraryClass::Counter,
            ("collections", "OrderedDict") => LibraryClass::OrderedDict,
            ("threading", "Thread") => LibraryClass::Thread,
            ("multiprocessing", "_RawValue") => LibraryClass::RawValue,
            ("multiprocessing", "Synchronized") => LibraryClass::Synchronized,
            _ => continue,
        };
        return Some(kind);
    }
    None
}

/// The contents of an instance of a `dict`/`list`/`tuple` subclass.
fn base_of(inst: &Instance) -> Option<Value> {
    match &*inst.native.borrow() {
        Native::Base(b) => Some(b.clone()),
        _ => None,
    }
}

/// A named tuple class's `_fields`.
fn namedtuple_fields(class: &Class) -> Option<Vec<Rc<str>>> {
    let Some(Value::Tuple(fields)) = class.lookup("_fields") else {
        return None;
    };
    // The first `__repr__` up the MRO must be the one `namedtuple` generated.
    let repr = class
        .mro
        .borrow()
        .iter()
        .find_map(|c| c.dict.borrow().get(&Key::str("__repr__")).cloned());
    if !matches!(repr, Some(Value::Function(f)) if &*f.module == "collections") {
        return None;
    }
    fields
        .iter()
        .map(|f| match f {
            Value::Str(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// `multiprocessing.sharedctypes`' names for the typecodes.
fn ctype_name(typecode: &str) -> &'static str {
    match typecode {
        "b" => "c_byte",
        "B" => "c_ubyte",
        "h" => "c_short",
        "H" => "c_ushort",
        "I" => "c_uint",
        "l" => "c_long",
        "L" => "c_ulong",
        "q" => "c_longlong",
        "Q" => "c_ulonglong",
        "f" => "c_float",
        "d" => "c_double",
        _ => "c_int",
    }
}
