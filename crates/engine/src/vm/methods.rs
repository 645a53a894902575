//! Methods of built-in types: `str`, `list`, `dict`, `set`, `tuple`, numbers, and the few
//! methods of `object` and `BaseException` that subclasses reach through `super()`.

use super::{Flow, NResult, Vm};
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

fn bound(name: &'static str, func: NativeFn, receiver: &Value) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name,
        func,
        receiver: Some(receiver.clone()),
    }))
}

/// The method `name` of a built-in value, bound to it.
pub fn method_of(_vm: &Vm, obj: &Value, name: &str) -> Option<Value> {
    let f: NativeFn = match (obj, name) {
        (Value::Str(_), _) => super::str_methods::str_method(name)?,
        (Value::List(_), _) => list_method(name)?,
        (Value::Dict(_), _) => dict_method(name)?,
        (Value::Set(_), _) => set_method(name)?,
        (Value::Tuple(_), "index") => seq_index,
        (Value::Tuple(_), "count") => seq_count,
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "bit_length") => int_bit_length,
        (Value::Float(_), "is_integer") => float_is_integer,
        (Value::Generator(_), "send") => gen_send,
        (Value::Generator(_), "close") => gen_close,
        (Value::Generator(_), "throw") => gen_throw,
        (Value::Generator(_), "__aiter__" | "__anext__") => agen_self,
        (Value::Generator(_), "athrow") => agen_athrow,
        (Value::Generator(_), "aclose") => agen_aclose,
        (Value::Instance(i), _) => {
            if let Native::Base(base) = &*i.native.borrow() {
                return method_of(_vm, base, name);
            }
            let is_exc = matches!(*i.native.borrow(), Native::Exception(_));
            match (is_exc, name) {
                (true, "with_traceback") => exc_with_traceback,
                (true, "add_note") => exc_with_traceback,
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(bound(leak_name(name), f, obj))
}

/// Method names are few and static; keep them as `&'static str` for `Builtin`.
fn leak_name(name: &str) -> &'static str {
    match name {
        "join" => "join",
        "split" => "split",
        "rsplit" => "rsplit",
        "strip" => "strip",
        "lstrip" => "lstrip",
        "rstrip" => "rstrip",
        "upper" => "upper",
        "lower" => "lower",
        "replace" => "replace",
        "startswith" => "startswith",
        "endswith" => "endswith",
        "find" => "find",
        "rfind" => "rfind",
        "index" => "index",
        "count" => "count",
        "format" => "format",
        "center" => "center",
        "ljust" => "ljust",
        "rjust" => "rjust",
        "zfill" => "zfill",
        "isdigit" => "isdigit",
        "isalpha" => "isalpha",
        "isalnum" => "isalnum",
        "isidentifier" => "isidentifier",
        "isspace" => "isspace",
        "isupper" => "isupper",
        "islower" => "islower",
        "title" => "title",
        "capitalize" => "capitalize",
        "splitlines" => "splitlines",
        "partition" => "partition",
        "rpartition" => "rpartition",
        "append" => "append",
        "extend" => "extend",
        "pop" => "pop",
        "insert" => "insert",
        "remove" => "remove",
        "sort" => "sort",
        "reverse" => "reverse",
        "copy" => "copy",
        "clear" => "clear",
        "get" => "get",
        "keys" => "keys",
        "values" => "values",
        "items" => "items",
        "setdefault" => "setdefault",
        "update" => "update",
        "popitem" => "popitem",
        "add" => "add",
        "discard" => "discard",
        "union" => "union",
        "intersection" => "intersection",
        "difference" => "difference",
        "issubset" => "issubset",
        "issuperset" => "issuperset",
        "bit_length" => "bit_length",
        "is_integer" => "is_integer",
        "with_traceback" => "with_traceback",
        "add_note" => "add_note",
        "send" => "send",
        "close" => "close",
        "throw" => "throw",
        "__aiter__" => "__aiter__",
        "__anext__" => "__anext__",
        "athrow" => "athrow",
        "aclose" => "aclose",
        "__init__" => "__init__",
        "__eq__" => "__eq__",
        "__repr__" => "__repr__",
        "__iter__" => "__iter__",
        "__len__" => "__len__",
        "__contains__" => "__contains__",
        "__delitem__" => "__delitem__",
        "__setitem__" => "__setitem__",
        "__getitem__" => "__getitem__",
        "__new__" => "__new__",
        "swapcase" => "swapcase",
        "casefold" => "casefold",
        "encode" => "encode",
        "isnumeric" => "isnumeric",
        "isdecimal" => "isdecimal",
        "fromkeys" => "fromkeys",
        "method" => "method",
        _ => "method",
    }
}

/// Unbound methods reached through a built-in class (`object.__init__`, `str.upper`).
pub fn class_method(vm: &Vm, class: &Rc<Class>, name: &str) -> Option<Value> {
    let _ = vm;
    native_class_method(class, name)
}

pub fn native_class_method(class: &Rc<Class>, name: &str) -> Option<Value> {
    let f: NativeFn = match (class.kind, name) {
        (ClassKind::Object | ClassKind::Type, "__init__") => object_init,
        (ClassKind::Object, "__setattr__") => object_setattr,
        (ClassKind::Object | ClassKind::Tuple, "__new__") => super::builtin_subclass::object_new,
        (ClassKind::Dict, "__init__") => super::builtin_subclass::dict_init,
        (ClassKind::List, "__init__") => super::builtin_subclass::list_init,
        (ClassKind::Dict | ClassKind::List | ClassKind::Tuple, n) if n.starts_with("__") => {
            super::builtin_subclass::special_method(n)?
        }
        (ClassKind::Exception, "__init__") => exception_init,
        (ClassKind::Str, n) => super::str_methods::str_method(n)?,
        (ClassKind::List, n) => list_method(n)?,
        (ClassKind::Dict, "fromkeys") => dict_fromkeys,
        (ClassKind::Dict, n) => dict_method(n)?,
        _ => return None,
    };
    Some(Value::Builtin(Rc::new(Builtin {
        name: leak_name(name),
        func: f,
        receiver: None,
    })))
}

fn object_init(_vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::None)
}

/// `object.__setattr__(obj, name, value)`: sets it without the class's own `__setattr__`.
fn object_setattr(vm: &mut Vm, args: Args) -> NResult {
    let (Some(obj), Some(Value::Str(name)), Some(v)) = (
        args.positional.first(),
        args.positional.get(1),
        args.positional.get(2),
    ) else {
        return Err(vm.exc(
            "TypeError",
            "expected 3 arguments: object, attribute name, value",
        ));
    };
    vm.setattr_plain(obj, name, v.clone())?;
    Ok(Value::None)
}

fn exception_init(_vm: &mut Vm, args: Args) -> NResult {
    let mut it = args.positional.into_iter();
    if let Some(this) = it.next() {
        let rest: Vec<Value> = it.collect();
        Vm::with_exc_data(&this, |d| d.args = rest);
    }
    Ok(Value::None)
}

fn exc_with_traceback(vm: &mut Vm, args: Args) -> NResult {
    Ok(args
        .positional
        .first()
        .cloned()
        .unwrap_or_else(|| vm.builtin_value("None")))
}

pub fn make_super(vm: &mut Vm, args: Vec<Value>) -> NResult {
    let (Some(Value::Class(class)), Some(obj)) = (args.first().cloned(), args.get(1).cloned())
    else {
        return Err(vm.exc("RuntimeError", "super(): no arguments"));
    };
    let super_class = vm.types.get("super");
    Ok(Value::Instance(Rc::new(Instance {
        class: super_class,
        dict: RefCell::new(Dict::default()),
        native: RefCell::new(Native::Super { class, obj }),
    })))
}

/// The receiver of a built-in method: the value itself, or the contents of an instance of
/// a subclass (`dict.update(counter, …)`).
fn receiver(args: &Args) -> Option<Value> {
    match args.positional.first()? {
        Value::Instance(i) => match &*i.native.borrow() {
            Native::Base(b) => Some(b.clone()),
            _ => None,
        },
        v => Some(v.clone()),
    }
}

fn recv_list(args: &Args) -> Rc<RefCell<Vec<Value>>> {
    match receiver(args) {
        Some(Value::List(l)) => l,
        _ => Rc::new(RefCell::new(Vec::new())),
    }
}

fn list_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "append" => |vm, a| {
            vm.arity("list.append", &a, 2, 2)
                .map_err(|_| vm.exc("TypeError", "list.append() takes exactly one argument"))?;
            recv_list(&a).borrow_mut().push(a.positional[1].clone());
            Ok(Value::None)
        },
        "extend" => |vm, a| {
            let items = vm.collect(a.positional.get(1).unwrap_or(&Value::None))?;
            recv_list(&a).borrow_mut().extend(items);
            Ok(Value::None)
        },
        "pop" => |vm, a| {
            let l = recv_list(&a);
            let len = l.borrow().len() as i64;
            if len == 0 {
                return Err(vm.exc("IndexError", "pop from empty list"));
            }
            let i = match a.positional.get(1) {
                Some(v) => vm.to_i64(v, "")?,
                None => -1,
            };
            let idx = if i < 0 { i + len } else { i };
            if idx < 0 || idx >= len {
                return Err(vm.exc("IndexError", "pop index out of range"));
            }
            let item = l.borrow_mut().remove(idx as usize);
            Ok(item)
        },
        "insert" => |vm, a| {
            let l = recv_list(&a);
            let len = l.borrow().len() as i64;
            let i = vm.to_i64(a.positional.get(1).unwrap_or(&Value::Int(0)), "")?;
            let idx = if i < 0 { (i + len).max(0) } else { i.min(len) };
            l.borrow_mut().insert(
                idx as usize,
                a.positional.get(2).cloned().unwrap_or(Value::None),
            );
            Ok(Value::None)
        },
        "remove" => |vm, a| {
            let l = recv_list(&a);
            let target = a.positional.get(1).cloned().unwrap_or(Value::None);
            let items = l.borrow().clone();
            for (i, x) in items.iter().enumerate() {
                if x.is(&target) || vm.equals(x, &target)? {
                    l.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            Err(vm.exc("ValueError", "list.remove(x): x not in list"))
        },
        "index" => seq_index,
        "count" => seq_count,
        "sort" => |vm, mut a| {
            let key = a.take_keyword("key").filter(|k| !k.is_none());
            let reverse = match a.take_keyword("reverse") {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            let l = recv_list(&a);
            let items = std::mem::take(&mut *l.borrow_mut());
            let sorted = super::builtins::sort_values(vm, items, key, reverse)?;
            *l.borrow_mut() = sorted;
            Ok(Value::None)
        },
        "reverse" => |_, a| {
            recv_list(&a).borrow_mut().reverse();
            Ok(Value::None)
        },
        "copy" => |_, a| Ok(Value::list(recv_list(&a).borrow().clone())),
        "clear" => |_, a| {
            recv_list(&a).borrow_mut().clear();
            Ok(Value::None)
        },
        _ => return None,
    })
}

fn seq_index(vm: &mut Vm, args: Args) -> NResult {
    let items = vm.collect(&args.positional[0].clone())?;
    let target = args.positional.get(1).cloned().unwrap_or(Value::None);
    for (i, x) in items.iter().enumerate() {
        if x.is(&target) || vm.equals(x, &target)? {
            return Ok(Value::Int(i as i64));
        }
    }
    let what = if matches!(args.positional[0], Value::Tuple(_)) {
        "tuple.index(x): x not in tuple"
    } else {
        ""
    };
    let msg = if what.is_empty() {
        format!("{} is not in list", vm.repr(&target)?)
    } else {
        what.to_string()
    };
    Err(vm.exc("ValueError", msg))
}

fn seq_count(vm: &mut Vm, args: Args) -> NResult {
    let items = vm.collect(&args.positional[0].clone())?;
    let target = args.positional.get(1).cloned().unwrap_or(Value::None);
    let mut n = 0;
    for x in &items {
        if x.is(&target) || vm.equals(x, &target)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn recv_dict(args: &Args) -> Rc<RefCell<Dict>> {
    match receiver(args) {
        Some(Value::Dict(d)) => d,
        _ => Rc::new(RefCell::new(Dict::default())),
    }
}

pub fn dict_update_from(vm: &mut Vm, d: &mut Dict, src: &Value) -> Result<(), Flow> {
    // A mapping (it has `keys()`): its keys and `src[key]`, as CPython's `dict.update` does.
    if let Value::Instance(_) = src {
        if let Some(keys) = vm.try_getattr(src, "keys")? {
            let keys = vm.call_sync(keys, vec![])?;
            for k in vm.collect(&keys)? {
                let v = vm.getitem(src, &k)?;
                let k = vm.hash_key(k)?;
                d.insert(k, v);
            }
            return Ok(());
        }
    }
    match src {
        Value::Dict(s) => {
            let items: Vec<(Key, Value)> = s
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            d.extend(items);
        }
        other => {
            for (i, item) in vm.collect(other)?.into_iter().enumerate() {
                let pair = vm.collect(&item)?;
                if pair.len() != 2 {
                    return Err(vm.exc(
                        "ValueError",
                        format!(
                            "dictionary update sequence element #{i} has length {}; 2 is required",
                            pair.len()
                        ),
                    ));
                }
                let k = vm.hash_key(pair[0].clone())?;
                d.insert(k, pair[1].clone());
            }
        }
    }
    Ok(())
}

fn dict_fromkeys(vm: &mut Vm, args: Args) -> NResult {
    let value = args.positional.get(1).cloned().unwrap_or(Value::None);
    let mut d = Dict::default();
    for k in vm.collect(args.positional.first().unwrap_or(&Value::None))? {
        let k = vm.hash_key(k)?;
        d.insert(k, value.clone());
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

fn dict_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "get" => |vm, a| {
            let k = vm.hash_key(a.positional.get(1).cloned().unwrap_or(Value::None))?;
            Ok(recv_dict(&a)
                .borrow()
                .get(&k)
                .cloned()
                .unwrap_or_else(|| a.positional.get(2).cloned().unwrap_or(Value::None)))
        },
        "keys" => |_, a| {
            Ok(Value::DictView(Rc::new(DictView {
                dict: recv_dict(&a),
                kind: ViewKind::Keys,
            })))
        },
        "values" => |_, a| {
            Ok(Value::DictView(Rc::new(DictView {
                dict: recv_dict(&a),
                kind: ViewKind::Values,
            })))
        },
        "items" => |_, a| {
            Ok(Value::DictView(Rc::new(DictView {
                dict: recv_dict(&a),
                kind: ViewKind::Items,
            })))
        },
        "pop" => |vm, a| {
            let key = a.positional.get(1).cloned().unwrap_or(Value::None);
            let k = vm.hash_key(key.clone())?;
            let removed = recv_dict(&a).borrow_mut().shift_remove(&k);
            match (removed, a.positional.get(2)) {
                (Some(v), _) => Ok(v),
                (None, Some(d)) => Ok(d.clone()),
                (None, None) => Err(Flow::Exc(
                    vm.new_exception(&vm.types.exception("KeyError"), vec![key]),
                )),
            }
        },
        "popitem" => |vm, a| match recv_dict(&a).borrow_mut().pop() {
            Some((k, v)) => Ok(Value::tuple(vec![k.0, v])),
            None => Err(vm.exc("KeyError", "popitem(): dictionary is empty")),
        },
        "setdefault" => |vm, a| {
            let k = vm.hash_key(a.positional.get(1).cloned().unwrap_or(Value::None))?;
            let default = a.positional.get(2).cloned().unwrap_or(Value::None);
            Ok(recv_dict(&a)
                .borrow_mut()
                .entry(k)
                .or_insert(default)
                .clone())
        },
        "update" => |vm, a| {
            let d = recv_dict(&a);
            let mut copy = d.borrow().clone();
            if let Some(src) = a.positional.get(1) {
                dict_update_from(vm, &mut copy, src)?;
            }
            for (k, v) in &a.keywords {
                copy.insert(Key(Value::Str(k.clone())), v.clone());
            }
            *d.borrow_mut() = copy;
            Ok(Value::None)
        },
        "copy" => |_, a| {
            Ok(Value::Dict(Rc::new(RefCell::new(
                recv_dict(&a).borrow().clone(),
            ))))
        },
        "clear" => |_, a| {
            recv_dict(&a).borrow_mut().clear();
            Ok(Value::None)
        },
        _ => return None,
    })
}

fn recv_set(args: &Args) -> Rc<RefCell<crate::value::SetMap>> {
    match args.positional.first() {
        Some(Value::Set(s)) => s.clone(),
        _ => Rc::new(RefCell::new(crate::value::SetMap::default())),
    }
}

fn set_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "add" => |vm, a| {
            let k = vm.hash_key(a.positional.get(1).cloned().unwrap_or(Value::None))?;
            recv_set(&a).borrow_mut().insert(k, ());
            Ok(Value::None)
        },
        "remove" => |vm, a| {
            let v = a.positional.get(1).cloned().unwrap_or(Value::None);
            let k = vm.hash_key(v.clone())?;
            if recv_set(&a).borrow_mut().shift_remove(&k).is_none() {
                return Err(Flow::Exc(
                    vm.new_exception(&vm.types.exception("KeyError"), vec![v]),
                ));
            }
            Ok(Value::None)
        },
        "discard" => |vm, a| {
            let k = vm.hash_key(a.positional.get(1).cloned().unwrap_or(Value::None))?;
            recv_set(&a).borrow_mut().shift_remove(&k);
            Ok(Value::None)
        },
        "pop" => |vm, a| match recv_set(&a).borrow_mut().shift_remove_index(0) {
            Some((k, _)) => Ok(k.0),
            None => Err(vm.exc("KeyError", "pop from an empty set")),
        },
        "clear" => |_, a| {
            recv_set(&a).borrow_mut().clear();
            Ok(Value::None)
        },
        "copy" => |_, a| {
            Ok(Value::Set(Rc::new(RefCell::new(
                recv_set(&a).borrow().clone(),
            ))))
        },
        "update" | "union" | "intersection" | "difference" | "issubset" | "issuperset" => {
            return set_algebra(name)
        }
        _ => return None,
    })
}

fn set_algebra(name: &str) -> Option<NativeFn> {
    Some(match name {
        "update" => |vm, a| {
            let s = recv_set(&a);
            for other in &a.positional[1..] {
                for item in vm.collect(other)? {
                    let k = vm.hash_key(item)?;
                    s.borrow_mut().insert(k, ());
                }
            }
            Ok(Value::None)
        },
        "union" => |vm, a| {
            let mut out = recv_set(&a).borrow().clone();
            for other in &a.positional[1..] {
                for item in vm.collect(other)? {
                    out.insert(vm.hash_key(item)?, ());
                }
            }
            Ok(Value::Set(Rc::new(RefCell::new(out))))
        },
        "intersection" => |vm, a| set_filter(vm, a, true),
        "difference" => |vm, a| set_filter(vm, a, false),
        "issubset" => |vm, a| {
            let other = vm.collect(a.positional.get(1).unwrap_or(&Value::None))?;
            let other: indexmap::IndexSet<Key, rustc_hash::FxBuildHasher> =
                other.into_iter().map(Key).collect();
            Ok(Value::Bool(
                recv_set(&a).borrow().keys().all(|k| other.contains(k)),
            ))
        },
        _ => |vm, a| {
            let other = vm.collect(a.positional.get(1).unwrap_or(&Value::None))?;
            let s = recv_set(&a);
            let s = s.borrow();
            Ok(Value::Bool(
                other.into_iter().all(|v| s.contains_key(&Key(v))),
            ))
        },
    })
}

/// Members of the receiver that are (or are not) in the argument.
fn set_filter(vm: &mut Vm, a: Args, keep_common: bool) -> NResult {
    let other = vm.collect(a.positional.get(1).unwrap_or(&Value::None))?;
    let other: indexmap::IndexSet<Key, rustc_hash::FxBuildHasher> =
        other.into_iter().map(Key).collect();
    let base = recv_set(&a).borrow().clone();
    Ok(Value::Set(Rc::new(RefCell::new(
        base.into_iter()
            .filter(|(k, _)| other.contains(k) == keep_common)
            .collect(),
    ))))
}

fn int_bit_length(_vm: &mut Vm, args: Args) -> NResult {
    Ok(Value::Int(match args.positional.first() {
        Some(Value::Int(i)) => 64 - i.unsigned_abs().leading_zeros() as i64,
        Some(Value::Bool(b)) => *b as i64,
        Some(Value::BigInt(b)) => b.bits() as i64,
        _ => 0,
    }))
}

fn float_is_integer(_vm: &mut Vm, args: Args) -> NResult {
    Ok(Value::Bool(
        matches!(args.positional.first(), Some(Value::Float(f)) if f.fract() == 0.0),
    ))
}

fn gen_send(vm: &mut Vm, args: Args) -> NResult {
    let (Some(Value::Generator(g)), Some(v)) = (args.positional.first(), args.positional.get(1))
    else {
        return Err(vm.exc("TypeError", "send() takes exactly one argument"));
    };
    let g = g.clone();
    vm.generator_send(&g, v.clone())
}

/// `agen.__aiter__()` and `agen.__anext__()`: an async generator is its own awaitable.
fn agen_self(vm: &mut Vm, args: Args) -> NResult {
    match args.positional.first() {
        Some(v) if Vm::is_async_generator(v) => Ok(v.clone()),
        _ => Err(vm.exc(
            "AttributeError",
            "'generator' object has no attribute '__anext__'",
        )),
    }
}

/// `agen.athrow(exc)`.
fn agen_athrow(vm: &mut Vm, args: Args) -> NResult {
    let exc = thrown_exception(vm, &args)?;
    match args.positional.first() {
        Some(Value::Generator(g)) => {
            let g = g.clone();
            vm.async_gen_athrow(&g, exc)
        }
        _ => Err(vm.exc("TypeError", "athrow() needs an async generator")),
    }
}

/// `agen.aclose()`: closes it (its pending `finally` blocks do not run); awaiting the result
/// gives None.
fn agen_aclose(vm: &mut Vm, args: Args) -> NResult {
    match args.positional.first() {
        Some(Value::Generator(g)) => {
            Vm::generator_finished(g);
            g.borrow_mut().pending_throw = Some(Value::None);
            Ok(Value::Generator(g.clone()))
        }
        _ => Err(vm.exc("TypeError", "aclose() needs an async generator")),
    }
}

/// The exception `throw`/`athrow` raise: an instance, or a class (with an optional value).
fn thrown_exception(vm: &mut Vm, args: &Args) -> Result<Value, Flow> {
    let Some(what) = args.positional.get(1) else {
        return Err(vm.exc("TypeError", "throw expected at least 1 argument, got 0"));
    };
    let exc = match what {
        Value::Class(_) => {
            let ctor_args = args.positional.get(2).cloned().into_iter().collect();
            vm.call_sync(what.clone(), ctor_args)?
        }
        other => other.clone(),
    };
    if !Vm::is_exception_instance(&exc) {
        return Err(vm.exc(
            "TypeError",
            "exceptions must be classes or instances deriving from BaseException, not ".to_string()
                + &vm.type_name(&exc),
        ));
    }
    Ok(exc)
}

/// `gen.throw(exc)`, `gen.throw(ExcClass)`, `gen.throw(ExcClass, value)`.
fn gen_throw(vm: &mut Vm, args: Args) -> NResult {
    let Some(Value::Generator(g)) = args.positional.first() else {
        return Err(vm.exc("TypeError", "throw() needs a generator"));
    };
    let g = g.clone();
    let exc = thrown_exception(vm, &args)?;
    vm.generator_throw(&g, exc)
}

fn gen_close(_vm: &mut Vm, args: Args) -> NResult {
    if let Some(Value::Generator(g)) = args.positional.first() {
        Vm::generator_finished(g);
    }
    Ok(Value::None)
}
