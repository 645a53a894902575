//! The built-in classes (`object`, `int`, `str`, …, the exception hierarchy) and `type(x)`.

use crate::value::{Class, ClassKind, Dict, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone)]
pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    by_kind: HashMap<&'static str, Rc<Class>>,
    /// Built-in exception classes by name.
    pub exceptions: HashMap<&'static str, Rc<Class>>,
}

/// (name, parent) pairs of CPython 3.11's exception hierarchy, parents first.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("BaseExceptionGroup", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    // In CPython also a BaseExceptionGroup; one parent is enough for `except Exception`.
    ("ExceptionGroup", "Exception"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("TimeoutError", "OSError"),
    ("BlockingIOError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileNotFoundError", "OSError"),
    ("PermissionError", "OSError"),
    ("InterruptedError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("Warning", "Exception"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("UserWarning", "Warning"),
];

const BUILTIN_TYPES: &[(&str, ClassKind)] = &[
    ("NoneType", ClassKind::NoneType),
    ("int", ClassKind::Int),
    ("bool", ClassKind::Bool),
    ("float", ClassKind::Float),
    ("str", ClassKind::Str),
    ("list", ClassKind::List),
    ("tuple", ClassKind::Tuple),
    ("dict", ClassKind::Dict),
    ("set", ClassKind::Set),
    ("range", ClassKind::Range),
    ("function", ClassKind::Function),
    ("builtin_function_or_method", ClassKind::BuiltinFunction),
    ("method", ClassKind::Method),
    ("module", ClassKind::Module),
    ("iterator", ClassKind::Iterator),
    ("generator", ClassKind::Generator),
    ("coroutine", ClassKind::Generator),
    ("async_generator", ClassKind::Generator),
    ("dict_keys", ClassKind::DictView),
    ("dict_values", ClassKind::DictView),
    ("dict_items", ClassKind::DictView),
    ("_local", ClassKind::Local),
    ("slice", ClassKind::Slice),
    ("cell", ClassKind::Cell),
    ("code", ClassKind::Code),
    ("NotImplementedType", ClassKind::NotImplementedType),
    ("ellipsis", ClassKind::Ellipsis),
    ("lock", ClassKind::Lock),
    ("RLock", ClassKind::RLock),
    ("property", ClassKind::Property),
    ("staticmethod", ClassKind::StaticMethod),
    ("classmethod", ClassKind::ClassMethod),
    ("super", ClassKind::Super),
];

pub fn new_class(name: &str, module: &str, bases: Vec<Rc<Class>>, kind: ClassKind) -> Rc<Class> {
    let class = Rc::new(Class {
        name: Rc::from(name),
        qualname: Rc::from(name),
        module: Rc::from(module),
        bases: bases.clone(),
        mro: RefCell::new(Vec::new()),
        dict: RefCell::new(Dict::default()),
        kind,
        metaclass: None,
    });
    let mro = compute_mro(&class, &bases);
    *class.mro.borrow_mut() = mro;
    class
}

/// C3 linearisation; falls back to depth-first order if the bases are inconsistent.
pub fn compute_mro(class: &Rc<Class>, bases: &[Rc<Class>]) -> Vec<Rc<Class>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro.borrow().clone()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![class.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return out;
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(next) = candidate else {
            for b in bases {
                for c in b.mro.borrow().iter() {
                    if !out.iter().any(|o| Rc::ptr_eq(o, c)) {
                        out.push(c.clone());
                    }
                }
            }
            return out;
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

impl Types {
    pub fn new() -> Types {
        let object = new_class("object", "builtins", vec![], ClassKind::Object);
        let type_ = new_class("type", "builtins", vec![object.clone()], ClassKind::Type);
        let mut by_kind = HashMap::new();
        for (name, kind) in BUILTIN_TYPES {
            let base = if *kind == ClassKind::Bool {
                by_kind
                    .get("int")
                    .cloned()
                    .unwrap_or_else(|| object.clone())
            } else {
                object.clone()
            };
            let module = if matches!(kind, ClassKind::Lock | ClassKind::RLock | ClassKind::Local) {
                "_thread"
            } else {
                "builtins"
            };
            by_kind.insert(*name, new_class(name, module, vec![base], *kind));
        }
        let mut exceptions: HashMap<&'static str, Rc<Class>> = HashMap::new();
        for (name, parent) in EXCEPTIONS {
            let base = if parent.is_empty() {
                object.clone()
            } else {
                exceptions[parent].clone()
            };
            exceptions.insert(
                *name,
                new_class(name, "builtins", vec![base], ClassKind::Exception),
            );
        }
        Types {
            object,
            type_,
            by_kind,
            exceptions,
        }
    }

    pub fn get(&self, name: &str) -> Rc<Class> {
        self.by_kind
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.object.clone())
    }

    pub fn exception(&self, name: &str) -> Rc<Class> {
        self.exceptions
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.exceptions["Exception"].clone())
    }

    /// `type(v)`.
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        let name = match v {
            Value::None => "NoneType",
            Value::NotImplemented => "NotImplementedType",
            Value::Ellipsis => "ellipsis",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::Range(_) => "range",
            Value::Slice(_) => "slice",
            Value::Function(_) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::BoundMethod(_) => "method",
            Value::Class(c) => return c.metaclass.clone().unwrap_or_else(|| self.type_.clone()),
            Value::Instance(i) => return i.class.clone(),
            Value::Module(_) => "module",
            Value::Iterator(_) => "iterator",
            Value::Generator(g) => g.borrow().kind.type_name(),
            Value::DictView(v) => v.type_name(),
            Value::Cell(_) => "cell",
            Value::Code(_) => "code",
        };
        self.get(name)
    }

    /// Every built-in class exposed under its name in `builtins`.
    pub fn builtin_names(&self) -> Vec<(&'static str, Rc<Class>)> {
        let mut v: Vec<(&'static str, Rc<Class>)> = [
            "int", "bool", "float", "str", "list", "tuple", "dict", "set", "range",
        ]
        .iter()
        .map(|n| (*n, self.get(n)))
        .collect();
        v.push(("object", self.object.clone()));
        v.push(("type", self.type_.clone()));
        for (name, _) in EXCEPTIONS {
            v.push((name, self.exceptions[name].clone()));
        }
        v
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}
