//! `repr()`, `str()` and `format()` of values, calling user `__repr__`/`__str__`/`__format__`.

use super::{Flow, Vm};
use crate::format;
use crate::value::*;
use num_bigint::BigInt;

/// CPython's `repr` of a str: single quotes unless the text has a single quote and no double.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A best-effort repr without running Python code, for debugging and trace labels.
pub fn debug_repr(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => format::float_repr(*f),
        Value::Str(s) => str_repr(s),
        Value::List(l) => format!(
            "[{}]",
            l.borrow()
                .iter()
                .map(debug_repr)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Tuple(t) => {
            let items: Vec<String> = t.iter().map(debug_repr).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Value::Function(f) => format!("<function {}>", f.qualname.borrow()),
        Value::Class(c) => format!("<class '{}'>", c.name),
        Value::Instance(i) => format!("<{} object>", i.class.name),
        _ => "<object>".into(),
    }
}

impl Vm {
    /// `id(v)` ([`super::object_ids`]).
    pub fn object_id(&self, v: &Value) -> i64 {
        self.ids.borrow_mut().id(v)
    }

    /// The address a default repr shows (`<Foo object at 0x…>`): `hex(id(v))`, as in CPython.
    pub fn address_of(&self, v: &Value) -> String {
        super::object_ids::address_text(self.object_id(v))
    }

    pub fn repr(&mut self, v: &Value) -> Result<String, Flow> {
        Ok(match v {
            Value::None => "None".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => format::int_str(b),
            Value::Float(f) => format::float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::List(l) => {
                let items = l.borrow().clone();
                format!("[{}]", self.join_reprs(&items)?)
            }
            Value::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", self.repr(&t[0])?)
                } else {
                    format!("({})", self.join_reprs(t)?)
                }
            }
            Value::Dict(d) => {
                let items: Vec<(Value, Value)> = d
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.0.clone(), v.clone()))
                    .collect();
                let mut parts = Vec::new();
                for (k, v) in items {
                    parts.push(format!("{}: {}", self.repr(&k)?, self.repr(&v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(s) => {
                let items: Vec<Value> = super::set_order::ordered(&s.borrow());
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.join_reprs(&items)?)
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr(&s.start)?,
                self.repr(&s.stop)?,
                self.repr(&s.step)?
            ),
            Value::Function(f) => {
                format!(
                    "<function {} at {}>",
                    f.qualname.borrow(),
                    self.address_of(v)
                )
            }
            Value::Builtin(b) => match &b.receiver {
                Some(r) => format!(
                    "<built-in method {} of {} object at {}>",
                    b.name,
                    self.type_name(r),
                    self.address_of(r)
                ),
                None => format!("<built-in function {}>", b.name),
            },
            Value::BoundMethod(m) => {
                let fname = match &m.func {
                    Value::Function(f) => f.qualname.borrow().to_string(),
                    _ => "?".into(),
                };
                format!(
                    "<bound method {} of {}>",
                    fname,
                    self.repr(&m.receiver.clone())?
                )
            }
            Value::Class(c) => {
                if &*c.module == "builtins" {
                    format!("<class '{}'>", c.qualname)
                } else {
                    format!("<class '{}.{}'>", c.module, c.qualname)
                }
            }
            Value::Instance(inst) => {
                if inst.class.lookup("__repr__").is_some() {
                    return self.call_text_dunder(v, "__repr__");
                }
                if let Some(base) = self.base_value(v, "__repr__") {
                    return self.repr(&base);
                }
                let exc_args = match &*inst.native.borrow() {
                    Native::Exception(d) => Some(d.args.clone()),
                    _ => None,
                };
                if let Some(args) = exc_args {
                    let inner = if args.len() == 1 {
                        self.repr(&args[0])?
                    } else {
                        self.join_reprs(&args)?
                    };
                    return Ok(format!("{}({inner})", inst.class.name));
                }
                let module = &inst.class.module;
                if &**module == "builtins" {
                    format!("<{} object at {}>", inst.class.qualname, self.address_of(v))
                } else {
                    format!(
                        "<{}.{} object at {}>",
                        module,
                        inst.class.qualname,
                        self.address_of(v)
                    )
                }
            }
            Value::Module(m) => format!("<module '{}'>", m.name),
            Value::Iterator(_) => format!("<iterator object at {}>", self.address_of(v)),
            Value::DictView(view) => {
                let items = view.items();
                format!("{}([{}])", view.type_name(), self.join_reprs(&items)?)
            }
            Value::Generator(g) => format!(
                "<{} object {} at {}>",
                g.borrow().kind.type_name(),
                g.borrow().qualname,
                self.address_of(v)
            ),
            Value::Cell(_) => "<cell>".into(),
            Value::Code(c) => format!("<code object {}>", c.name),
        })
    }

    fn join_reprs(&mut self, items: &[Value]) -> Result<String, Flow> {
        let mut parts = Vec::with_capacity(items.len());
        for i in items {
            parts.push(self.repr(i)?);
        }
        Ok(parts.join(", "))
    }

    /// Calls `__repr__`/`__str__` of an instance, which must return a str.
    fn call_text_dunder(&mut self, v: &Value, name: &str) -> Result<String, Flow> {
        let Some(bound) = self.lookup_special(v, name) else {
            return Ok(String::new());
        };
        match self.call_sync(bound, vec![])? {
            Value::Str(s) => Ok(s.to_string()),
            other => {
                let tn = self.type_name(&other);
                Err(self.exc(
                    "TypeError",
                    format!("{name} returned non-string (type {tn})"),
                ))
            }
        }
    }

    pub fn str_of(&mut self, v: &Value) -> Result<String, Flow> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(inst) => {
                if inst.class.lookup("__str__").is_some() {
                    return self.call_text_dunder(v, "__str__");
                }
                let exc_args = match &*inst.native.borrow() {
                    Native::Exception(d) => Some(d.args.clone()),
                    _ => None,
                };
                if let Some(args) = exc_args {
                    if self.is_exception_group_class(&inst.class) {
                        let msg = match args.first() {
                            Some(m) => self.str_of(m)?,
                            None => String::new(),
                        };
                        let n = match args.get(1) {
                            Some(Value::List(l)) => l.borrow().len(),
                            Some(Value::Tuple(t)) => t.len(),
                            _ => 0,
                        };
                        let plural = if n == 1 { "" } else { "s" };
                        return Ok(format!("{msg} ({n} sub-exception{plural})"));
                    }
                    let is_key_error = inst.class.is_subclass_of(&self.types.exception("KeyError"));
                    return match args.len() {
                        0 => Ok(String::new()),
                        1 if is_key_error => self.repr(&args[0]),
                        1 => self.str_of(&args[0]),
                        _ => self.repr(&Value::tuple(args)),
                    };
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    pub fn is_exception_group_class(&self, class: &std::rc::Rc<Class>) -> bool {
        class.is_subclass_of(&self.types.exception("BaseExceptionGroup"))
            || class.is_subclass_of(&self.types.exception("ExceptionGroup"))
    }

    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> Result<String, Flow> {
        let result = match v {
            Value::Int(i) => {
                if spec.is_empty() {
                    return Ok(i.to_string());
                }
                format::format_int(&BigInt::from(*i), spec)
            }
            Value::BigInt(b) => format::format_int(b, spec),
            Value::Bool(b) => {
                if spec.is_empty() {
                    return self.str_of(v);
                }
                format::format_int(&BigInt::from(*b as i64), spec)
            }
            Value::Float(f) => format::format_float(*f, spec),
            Value::Str(s) => format::format_str(s, spec),
            Value::Instance(_) if self.lookup_special(v, "__format__").is_some() => {
                let m = self.lookup_special(v, "__format__").unwrap_or(Value::None);
                return match self.call_sync(m, vec![Value::str(spec)])? {
                    Value::Str(s) => Ok(s.to_string()),
                    _ => Err(self.exc("TypeError", "__format__ must return a str")),
                };
            }
            _ => {
                if !spec.is_empty() {
                    let tn = self.type_name(v);
                    return Err(self.exc(
                        "TypeError",
                        format!("unsupported format string passed to {tn}.__format__"),
                    ));
                }
                return self.str_of(v);
            }
        };
        result.map_err(|msg| self.exc("ValueError", msg))
    }
}
