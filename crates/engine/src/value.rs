//! Python values as the VM sees them. One engine run is single-threaded in Rust (simulated
//! threads take turns), so values share with `Rc` and mutate through `RefCell`.

use crate::bytecode::Code;
use indexmap::IndexMap;
use num_bigint::BigInt;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// Dicts keep insertion order; FxHash because the keys are mostly short strings and ints
/// (SipHash's DoS resistance buys nothing inside a simulator).
pub type Dict = IndexMap<Key, Value, rustc_hash::FxBuildHasher>;
pub type SetMap = IndexMap<Key, (), rustc_hash::FxBuildHasher>;
/// A closure cell; `None` while the variable is unbound.
pub type CellRef = Rc<RefCell<Option<Value>>>;
pub type NativeFn = fn(&mut crate::vm::Vm, Args) -> crate::vm::NResult;

pub enum Value {
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<Vec<Value>>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<SetMap>>),
    Range(Rc<RangeObj>),
    Slice(Rc<SliceObj>),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    BoundMethod(Rc<BoundMethod>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Iterator(Rc<RefCell<NativeIter>>),
    Generator(Rc<RefCell<Generator>>),
    /// `dict.keys()`, `values()`, `items()`: live views of a dict.
    DictView(Rc<DictView>),
    Cell(CellRef),
    Code(Rc<Code>),
}

// Hand-written so the scalar arms inline into the interpreter loop: the derived impl is an
// out-of-line call per clone, which showed up as a tenth of the run time in profiles.
impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Self {
        match self {
            Value::None => Value::None,
            Value::NotImplemented => Value::NotImplemented,
            Value::Ellipsis => Value::Ellipsis,
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Float(*f),
            Value::BigInt(r) => Value::BigInt(r.clone()),
            Value::Str(r) => Value::Str(r.clone()),
            Value::List(r) => Value::List(r.clone()),
            Value::Tuple(r) => Value::Tuple(r.clone()),
            Value::Dict(r) => Value::Dict(r.clone()),
            Value::Set(r) => Value::Set(r.clone()),
            Value::Range(r) => Value::Range(r.clone()),
            Value::Slice(r) => Value::Slice(r.clone()),
            Value::Function(r) => Value::Function(r.clone()),
            Value::Builtin(r) => Value::Builtin(r.clone()),
            Value::BoundMethod(r) => Value::BoundMethod(r.clone()),
            Value::Class(r) => Value::Class(r.clone()),
            Value::Instance(r) => Value::Instance(r.clone()),
            Value::Module(r) => Value::Module(r.clone()),
            Value::Iterator(r) => Value::Iterator(r.clone()),
            Value::Generator(r) => Value::Generator(r.clone()),
            Value::DictView(r) => Value::DictView(r.clone()),
            Value::Cell(r) => Value::Cell(r.clone()),
            Value::Code(r) => Value::Code(r.clone()),
        }
    }
}

impl Value {
    /// Scalars own nothing: `None`, `NotImplemented`, `Ellipsis`, bools, small ints, floats.
    #[inline(always)]
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Value::None
                | Value::NotImplemented
                | Value::Ellipsis
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
        )
    }

    /// Drops a value, skipping the (out-of-line) drop glue for scalars, which own nothing.
    #[inline(always)]
    pub fn discard(self) {
        if self.is_scalar() {
            std::mem::forget(self)
        } else {
            drop(self)
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", crate::vm::repr::debug_repr(self))
    }
}

#[derive(Debug)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start, self.stop, self.step);
        if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        }
    }
}

#[derive(Debug)]
pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<RefCell<Dict>>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Dict,
    pub closure: Vec<CellRef>,
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    pub module: Rc<str>,
    pub dict: RefCell<Dict>,
}

/// A function implemented in Rust; `receiver` is set for bound methods of built-in types.
pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    pub receiver: Option<Value>,
}

pub struct BoundMethod {
    pub receiver: Value,
    pub func: Value,
}

/// What the VM knows natively about a class beyond its Python attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassKind {
    /// Defined in Python code.
    User,
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    Range,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Iterator,
    Generator,
    DictView,
    Local,
    /// `BaseException` and every built-in exception.
    Exception,
    /// `_thread.lock`.
    Lock,
    /// `_thread.RLock`.
    RLock,
    Slice,
    Cell,
    Code,
    NotImplementedType,
    Ellipsis,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
}

pub struct Class {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub module: Rc<str>,
    pub bases: Vec<Rc<Class>>,
    /// Method resolution order, starting with the class itself.
    pub mro: RefCell<Vec<Rc<Class>>>,
    pub dict: RefCell<Dict>,
    pub kind: ClassKind,
    /// `type(cls)` when it is not `type`: the class statement's `metaclass=`, or inherited.
    pub metaclass: Option<Rc<Class>>,
}

impl Class {
    pub fn lookup(&self, name: &str) -> Option<Value> {
        let key = Key::str(name);
        if let Some(v) = self.dict.borrow().get(&key) {
            return Some(v.clone());
        }
        for c in self.mro.borrow().iter().skip(1) {
            if let Some(v) = c.dict.borrow().get(&key) {
                return Some(v.clone());
            }
        }
        None
    }

    pub fn is_subclass_of(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, other) || self.mro.borrow().iter().any(|c| Rc::ptr_eq(c, other))
    }

    /// The nearest built-in class in the MRO (what instances are natively).
    pub fn native_kind(&self) -> ClassKind {
        for c in self.mro.borrow().iter() {
            if c.kind != ClassKind::User {
                return c.kind;
            }
        }
        ClassKind::Object
    }
}

pub struct Instance {
    pub class: Rc<Class>,
    pub dict: RefCell<Dict>,
    pub native: RefCell<Native>,
}

/// State an instance carries natively, for instances of built-in classes and their subclasses.
pub enum Native {
    None,
    Exception(Box<ExceptionData>),
    /// A `_thread.lock` or `_thread.RLock`: index into the scheduler's primitives.
    Lock(u32),
    Property {
        fget: Option<Value>,
        fset: Option<Value>,
    },
    StaticMethod(Value),
    ClassMethod(Value),
    /// `super(class, obj)`: attribute lookup starts after `class` in `obj`'s MRO.
    Super {
        class: Rc<Class>,
        obj: Value,
    },
    /// `threading.local()`: one attribute dict per thread.
    Local(std::collections::HashMap<u32, Dict>),
    /// An instance of a user subclass of `dict`, `list` or `tuple`: the built-in value that
    /// holds its contents.
    Base(Value),
    /// Memory every simulated process sees (`multiprocessing`): a fork shares it.
    Shared(Rc<Shared>),
}

/// Objects of `multiprocessing` that live outside any one process.
pub enum Shared {
    /// `Value` / `Array` storage: C-typed slots (`typecode` as in `array`).
    Array {
        typecode: char,
        items: RefCell<Vec<Value>>,
    },
    /// A queue's or pipe's pickled messages, oldest first, each with its index in the
    /// trace's transfers.
    Buffer(RefCell<std::collections::VecDeque<(Value, usize)>>),
    /// An object held by a `Manager()`; proxies call its methods.
    Object(RefCell<Value>),
}

#[derive(Clone)]
pub struct ExceptionData {
    pub args: Vec<Value>,
    /// Innermost frame last, as a traceback prints them.
    pub traceback: Vec<TracebackEntry>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
}

#[derive(Clone, Debug)]
pub struct TracebackEntry {
    pub filename: Rc<str>,
    pub line: u32,
    pub name: Rc<str>,
    pub pos: crate::bytecode::Pos,
}

pub struct Module {
    pub name: Rc<str>,
    pub dict: Rc<RefCell<Dict>>,
}

/// A generator: a suspended frame, resumed by `next()`, `send()` or a `for` loop.
pub struct Generator {
    /// `None` while the generator runs or after it finished.
    pub frame: Option<crate::vm::Frame>,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// The function's code, kept after the frame is gone (for `done, defined at file:line`).
    pub code: Rc<crate::bytecode::Code>,
    pub kind: GenKind,
    pub started: bool,
    pub running: bool,
    /// The exception being handled inside the generator while it is suspended (CPython's
    /// `gi_exc_state`): each generator and coroutine has its own.
    pub exc_state: Option<Value>,
    /// The resumer's handled exception, put back when the generator suspends or ends.
    pub outer_handled: Option<Value>,
    /// An async generator's `athrow(exc)`: thrown in when the returned awaitable starts
    /// (`Some(None)` after `aclose()`: the awaitable completes with None).
    pub pending_throw: Option<Value>,
}

thread_local! {
    /// Coroutines destroyed without ever running (their qualified names), waiting for the VM
    /// to print CPython's "coroutine ... was never awaited" warning.
    static NEVER_AWAITED: RefCell<Vec<Rc<str>>> = const { RefCell::new(Vec::new()) };
    static NEVER_AWAITED_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Drop for Generator {
    fn drop(&mut self) {
        if self.kind == GenKind::Coroutine && !self.started && self.frame.is_some() {
            let name = self.qualname.clone();
            NEVER_AWAITED.with(|v| v.borrow_mut().push(name));
            NEVER_AWAITED_PENDING.with(|p| p.set(true));
        }
    }
}

/// Whether a never-awaited coroutine was destroyed since the last [`take_never_awaited`].
#[inline]
pub fn never_awaited_pending() -> bool {
    NEVER_AWAITED_PENDING.with(|p| p.get())
}

/// Runs `f`, which destroys objects of a run other than the one running (a paused copy),
/// without letting the coroutines it destroys count as never awaited in the running one.
pub fn without_never_awaited_reports<R>(f: impl FnOnce() -> R) -> R {
    let reported = NEVER_AWAITED.with(|v| v.borrow().len());
    let pending = NEVER_AWAITED_PENDING.with(|p| p.get());
    let result = f();
    NEVER_AWAITED.with(|v| v.borrow_mut().truncate(reported));
    NEVER_AWAITED_PENDING.with(|p| p.set(pending));
    result
}

/// The qualified names of coroutines destroyed without running, oldest first.
pub fn take_never_awaited() -> Vec<Rc<str>> {
    NEVER_AWAITED_PENDING.with(|p| p.set(false));
    NEVER_AWAITED.with(|v| std::mem::take(&mut *v.borrow_mut()))
}

/// What kind of suspendable frame a [`Generator`] wraps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    /// A `def` with `yield`, or a generator expression.
    Generator,
    /// An `async def`.
    Coroutine,
    /// An `async def` with `yield`.
    AsyncGenerator,
}

impl GenKind {
    pub fn type_name(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async_generator",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

pub struct DictView {
    pub dict: Rc<RefCell<Dict>>,
    pub kind: ViewKind,
}

impl DictView {
    pub fn items(&self) -> Vec<Value> {
        let d = self.dict.borrow();
        match self.kind {
            ViewKind::Keys => d.keys().map(|k| k.0.clone()).collect(),
            ViewKind::Values => d.values().cloned().collect(),
            ViewKind::Items => d
                .iter()
                .map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()]))
                .collect(),
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }
}

/// Iterators over built-in containers.
pub enum NativeIter {
    Seq { seq: Value, index: usize },
    Range { next: i64, stop: i64, step: i64 },
    Values(std::vec::IntoIter<Value>),
    Exhausted,
}

/// A hashable value used as a dict key or set member.
#[derive(Clone, Debug)]
pub struct Key(pub Value);

impl Key {
    pub fn str(s: &str) -> Key {
        Key(Value::Str(Rc::from(s)))
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity for `is`, `id()` and hashing of unhashable-by-value objects.
    pub fn identity(&self) -> usize {
        match self {
            Value::None => 1,
            Value::NotImplemented => 2,
            Value::Ellipsis => 3,
            Value::Bool(b) => 4 + *b as usize,
            Value::Int(i) => *i as usize,
            Value::BigInt(r) => Rc::as_ptr(r) as usize,
            Value::Float(f) => f.to_bits() as usize,
            Value::Str(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::List(r) => Rc::as_ptr(r) as usize,
            Value::Tuple(r) => Rc::as_ptr(r) as usize,
            Value::Dict(r) => Rc::as_ptr(r) as usize,
            Value::Set(r) => Rc::as_ptr(r) as usize,
            Value::Range(r) => Rc::as_ptr(r) as usize,
            Value::Slice(r) => Rc::as_ptr(r) as usize,
            Value::Function(r) => Rc::as_ptr(r) as usize,
            Value::Builtin(r) => Rc::as_ptr(r) as usize,
            Value::BoundMethod(r) => Rc::as_ptr(r) as usize,
            Value::Class(r) => Rc::as_ptr(r) as usize,
            Value::Instance(r) => Rc::as_ptr(r) as usize,
            Value::Module(r) => Rc::as_ptr(r) as usize,
            Value::Iterator(r) => Rc::as_ptr(r) as usize,
            Value::Generator(r) => Rc::as_ptr(r) as usize,
            Value::DictView(r) => Rc::as_ptr(r) as usize,
            Value::Cell(r) => Rc::as_ptr(r) as usize,
            Value::Code(r) => Rc::as_ptr(r) as usize,
        }
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::None, Value::None)
            | (Value::NotImplemented, Value::NotImplemented)
            | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            _ => {
                std::mem::discriminant(self) == std::mem::discriminant(other)
                    && self.identity() == other.identity()
            }
        }
    }
}

/// Hash and equality for keys follow Python: `1 == 1.0 == True` hash alike; containers by
/// value; everything else by identity.
impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        key_eq(&self.0, &other.0)
    }
}

impl Eq for Key {}

fn key_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    // Attribute and global names: usually the very same interned string.
    if let (Str(x), Str(y)) = (a, b) {
        return Rc::ptr_eq(x, y) || x == y;
    }
    if let Some(t) = tuple_base(a) {
        return key_eq(&t, b);
    }
    if let Some(t) = tuple_base(b) {
        return key_eq(a, &t);
    }
    match (a, b) {
        (Str(x), Str(y)) => x == y,
        (Tuple(x), Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| key_eq(p, q))
        }
        _ => match (crate::vm::ops::as_number(a), crate::vm::ops::as_number(b)) {
            (Some(x), Some(y)) => crate::vm::ops::numbers_equal(&x, &y),
            _ => a.is(b),
        },
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state)
    }
}

/// The tuple inside an instance of a tuple subclass (a namedtuple hashes as its fields).
fn tuple_base(v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) => match &*i.native.borrow() {
            Native::Base(t @ Value::Tuple(_)) => Some(t.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    if let Value::Str(s) = v {
        0u8.hash(state);
        return s.hash(state);
    }
    if let Some(t) = tuple_base(v) {
        return hash_value(&t, state);
    }
    match v {
        Value::Str(s) => {
            0u8.hash(state);
            s.hash(state)
        }
        Value::Tuple(items) => {
            1u8.hash(state);
            for item in items.iter() {
                hash_value(item, state);
            }
        }
        Value::Bool(b) => (*b as i64).hash(state),
        Value::Int(i) => i.hash(state),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => (*f as i64).hash(state),
        Value::Float(f) => f.to_bits().hash(state),
        Value::BigInt(b) => b.hash(state),
        other => other.identity().hash(state),
    }
}

/// Arguments of a native call.
pub struct Args {
    pub positional: Vec<Value>,
    pub keywords: Vec<(Rc<str>, Value)>,
}

impl Args {
    pub fn new(positional: Vec<Value>) -> Args {
        Args {
            positional,
            keywords: Vec::new(),
        }
    }

    /// Takes a keyword argument by name, if given.
    pub fn take_keyword(&mut self, name: &str) -> Option<Value> {
        let pos = self.keywords.iter().position(|(k, _)| &**k == name)?;
        Some(self.keywords.remove(pos).1)
    }

    /// The argument at `index` positionally, or by keyword `name`.
    pub fn take(&mut self, index: usize, name: &str) -> Option<Value> {
        if let Some(v) = self.take_keyword(name) {
            return Some(v);
        }
        self.positional.get(index).cloned()
    }
}
