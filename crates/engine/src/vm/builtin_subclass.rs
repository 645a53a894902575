//! Instances of user subclasses of `dict`, `list` and `tuple` (`class Counter(dict)`,
//! namedtuples): the built-in value that holds their contents (`Native::Base`), how such an
//! instance is created (`__new__`, `tuple.__new__`, `object.__new__`), the native
//! `dict.__init__`/`list.__init__` reached through `super()`, and the fallback every protocol
//! takes to the contents when the class does not define the special method itself
//! (`__missing__` included).

use super::{Flow, NResult, Vm};
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// A fresh instance of `class`, with the native state its nearest built-in base needs.
    pub fn blank_instance(&self, class: &Rc<Class>, args: &[Value]) -> Value {
        let native = match class.native_kind() {
            ClassKind::Exception => Native::Exception(Box::new(ExceptionData {
                args: args.to_vec(),
                traceback: Vec::new(),
                cause: None,
                context: None,
                suppress_context: false,
            })),
            ClassKind::Local => Native::Local(Default::default()),
            ClassKind::Dict => Native::Base(Value::Dict(Default::default())),
            ClassKind::List => Native::Base(Value::list(Vec::new())),
            ClassKind::Tuple => Native::Base(Value::tuple(Vec::new())),
            _ => Native::None,
        };
        Value::Instance(Rc::new(Instance {
            class: class.clone(),
            dict: RefCell::new(Dict::default()),
            native: RefCell::new(native),
        }))
    }

    /// The contents of an instance of a `dict`/`list`/`tuple` subclass whose class does not
    /// define `special` itself: the protocol then acts on the contents, as CPython's
    /// inherited slot would.
    pub fn base_value(&self, v: &Value, special: &str) -> Option<Value> {
        let Value::Instance(inst) = v else {
            return None;
        };
        let base = match &*inst.native.borrow() {
            Native::Base(b) => b.clone(),
            _ => return None,
        };
        inst.class.lookup(special).is_none().then_some(base)
    }

    /// `obj[key]` on a dict subclass without `__getitem__`: a missing key goes to the
    /// class's `__missing__`, as `dict.__getitem__` does.
    pub fn base_getitem(&mut self, obj: &Value, base: &Value, key: &Value) -> NResult {
        match self.getitem(base, key) {
            Err(Flow::Exc(e)) if matches!(base, Value::Dict(_)) && self.is_key_error(&e) => {
                match self.lookup_special(obj, "__missing__") {
                    Some(missing) => self.call_sync(missing, vec![key.clone()]),
                    None => Err(Flow::Exc(e)),
                }
            }
            other => other,
        }
    }

    fn is_key_error(&self, e: &Value) -> bool {
        let key_error = self.types.exception("KeyError");
        self.types.type_of(e).is_subclass_of(&key_error)
    }

    /// Creates an instance of a user class that defines `__new__` (or inherits a built-in's):
    /// `Some(result)` when `__new__` returned something other than an instance of `class`
    /// (then `__init__` is not called), `None` to go on with `__init__` on `instance`.
    pub fn call_new(
        &mut self,
        class: &Rc<Class>,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
    ) -> Result<Result<Value, Value>, Flow> {
        let new = match class.lookup("__new__") {
            Some(Value::Instance(w)) => match &*w.native.borrow() {
                Native::StaticMethod(f) => Some(f.clone()),
                _ => None,
            },
            other => other,
        };
        let Some(new) = new else {
            let instance = self.blank_instance(class, args);
            if class.native_kind() == ClassKind::Tuple {
                // `tuple.__new__(cls, iterable)`.
                if let Some(items) = args.first() {
                    let items = self.collect(items)?;
                    set_base(&instance, Value::tuple(items));
                }
            }
            return Ok(Ok(instance));
        };
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(Value::Class(class.clone()));
        full.extend(args.iter().cloned());
        let made = self.call_sync_with(new, full, kwargs.to_vec())?;
        let is_instance = matches!(&made, Value::Instance(i) if i.class.is_subclass_of(class));
        Ok(if is_instance { Ok(made) } else { Err(made) })
    }
}

fn set_base(instance: &Value, base: Value) {
    if let Value::Instance(i) = instance {
        *i.native.borrow_mut() = Native::Base(base);
    }
}

fn receiver_base(vm: &Vm, args: &Args) -> Result<Value, Flow> {
    match args.positional.first() {
        Some(Value::Instance(i)) => match &*i.native.borrow() {
            Native::Base(b) => Ok(b.clone()),
            _ => Err(vm.exc(
                "TypeError",
                "descriptor requires a built-in subclass instance",
            )),
        },
        Some(other) => Ok(other.clone()),
        None => Err(vm.exc("TypeError", "descriptor needs an argument")),
    }
}

/// `object.__new__(cls)` and `tuple.__new__(cls, iterable=())`.
pub fn object_new(vm: &mut Vm, args: Args) -> NResult {
    let Some(Value::Class(class)) = args.positional.first() else {
        return Err(vm.exc("TypeError", "object.__new__(X): X is not a type object"));
    };
    let instance = vm.blank_instance(class, &args.positional[1..]);
    if class.native_kind() == ClassKind::Tuple {
        if let Some(items) = args.positional.get(1) {
            let items = vm.collect(items)?;
            set_base(&instance, Value::tuple(items));
        }
    }
    Ok(instance)
}

/// `dict.__init__(self, *args, **kwargs)`: `update` on the contents.
pub fn dict_init(vm: &mut Vm, args: Args) -> NResult {
    let Value::Dict(d) = receiver_base(vm, &args)? else {
        return Err(vm.exc(
            "TypeError",
            "descriptor '__init__' requires a 'dict' object",
        ));
    };
    let mut copy = d.borrow().clone();
    if let Some(src) = args.positional.get(1) {
        super::methods::dict_update_from(vm, &mut copy, src)?;
    }
    for (k, v) in &args.keywords {
        copy.insert(Key(Value::Str(k.clone())), v.clone());
    }
    *d.borrow_mut() = copy;
    Ok(Value::None)
}

/// `list.__init__(self, iterable=())`: the contents become the iterable's items.
pub fn list_init(vm: &mut Vm, args: Args) -> NResult {
    let Value::List(l) = receiver_base(vm, &args)? else {
        return Err(vm.exc(
            "TypeError",
            "descriptor '__init__' requires a 'list' object",
        ));
    };
    let items = match args.positional.get(1) {
        Some(it) => vm.collect(it)?,
        None => Vec::new(),
    };
    *l.borrow_mut() = items;
    Ok(Value::None)
}

/// `dict.__getitem__(self, k)`, `list.__len__(self)` …: the built-in's own special methods,
/// for subclasses that override one and call the base (`super().__setitem__(k, v)`).
pub fn special_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "__getitem__" => |vm, a| {
            let base = receiver_base(vm, &a)?;
            let key = a.positional.get(1).cloned().unwrap_or(Value::None);
            let obj = a.positional[0].clone();
            vm.base_getitem(&obj, &base, &key)
        },
        "__setitem__" => |vm, a| {
            let base = receiver_base(vm, &a)?;
            let key = a.positional.get(1).cloned().unwrap_or(Value::None);
            let v = a.positional.get(2).cloned().unwrap_or(Value::None);
            vm.setitem(&base, key, v).map(|_| Value::None)
        },
        "__delitem__" => |vm, a| {
            let base = receiver_base(vm, &a)?;
            let key = a.positional.get(1).cloned().unwrap_or(Value::None);
            vm.delitem(&base, &key).map(|_| Value::None)
        },
        "__contains__" => |vm, a| {
            let base = receiver_base(vm, &a)?;
            let key = a.positional.get(1).cloned().unwrap_or(Value::None);
            vm.contains(&base, &key).map(Value::Bool)
        },
        "__len__" => |vm, a| {
            let base = receiver_base(vm, &a)?;
            vm.len_of(&base).map(|n| Value::Int(n as i64))
        },
        "__iter__" => |vm, a| {
            let base = receiver_base(vm, &a)?;
            vm.iter(&base)
        },
        "__repr__" => |vm, a| {
            let base = receiver_base(vm, &a)?;
            vm.repr(&base).map(|s| Value::str(&s))
        },
        "__eq__" => |vm, a| {
            let base = receiver_base(vm, &a)?;
            let other = a.positional.get(1).cloned().unwrap_or(Value::None);
            vm.equals(&base, &other).map(Value::Bool)
        },
        _ => return None,
    })
}
