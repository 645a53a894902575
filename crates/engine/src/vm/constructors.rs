//! Constructing instances of built-in classes: `int(x)`, `float(s)`, `str(x)`, `list(it)`,
//! `dict(pairs, **kw)`, `range(…)`, `type(x)`, exceptions, `property`, `super`, `threading.local`.

use super::ops::{self, Num};
use super::{Flow, NResult, Vm};
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

/// `int(x)`, `str(x)`, `list(x)` …: constructing instances of built-in classes.
pub fn construct(
    vm: &mut Vm,
    class: &Rc<Class>,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> NResult {
    let mut a = Args {
        positional: args,
        keywords: kwargs,
    };
    let first = a.positional.first().cloned();
    match class.kind {
        ClassKind::Int => match (
            first,
            a.positional
                .get(1)
                .cloned()
                .or_else(|| a.take_keyword("base")),
        ) {
            (None, _) => Ok(Value::Int(0)),
            (Some(Value::Str(s)), base) => {
                let base = match base {
                    Some(b) => vm.to_i64(&b, "")? as u32,
                    None => 10,
                };
                let cleaned: String = s.trim().replace('_', "");
                let (neg, digits) = match cleaned.strip_prefix('-') {
                    Some(rest) => (true, rest.to_string()),
                    None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned).to_string()),
                };
                let lower = digits.to_lowercase();
                let (base, digits) = match (base, lower.get(..2)) {
                    (0 | 16, Some("0x")) => (16, lower[2..].to_string()),
                    (0 | 8, Some("0o")) => (8, lower[2..].to_string()),
                    (0 | 2, Some("0b")) => (2, lower[2..].to_string()),
                    (0, _) => (10, lower),
                    (b, _) => (b, lower),
                };
                match num_bigint::BigInt::parse_bytes(digits.as_bytes(), base) {
                    Some(n) if !digits.is_empty() => Ok(ops::int_value(if neg { -n } else { n })),
                    _ => Err(vm.exc("ValueError", format!("invalid literal for int() with base {base}: {}", super::repr::str_repr(&s)))),
                }
            }
            (Some(v), _) => match ops::as_number(&v) {
                Some(Num::Float(f)) => {
                    if f.is_nan() {
                        return Err(vm.exc("ValueError", "cannot convert float NaN to integer"));
                    }
                    if f.is_infinite() {
                        return Err(vm.exc("OverflowError", "cannot convert float infinity to integer"));
                    }
                    Ok(num_traits::FromPrimitive::from_f64(f.trunc()).map(ops::int_value).unwrap_or(Value::Int(0)))
                }
                Some(Num::Small(i)) => Ok(Value::Int(i)),
                Some(Num::Int(b)) => Ok(ops::int_value(b)),
                None => match vm.lookup_special(&v, "__int__") {
                    Some(m) => vm.call_sync(m, vec![]),
                    None => Err(vm.exc(
                        "TypeError",
                        format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", vm.type_name(&v)),
                    )),
                },
            },
        },
        ClassKind::Float => match first {
            None => Ok(Value::Float(0.0)),
            Some(Value::Str(s)) => {
                let t = s.trim().replace('_', "");
                let lower = t.to_lowercase();
                let parsed = match lower.trim_start_matches(['+', '-']) {
                    "inf" | "infinity" => Some(if lower.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY }),
                    "nan" => Some(f64::NAN),
                    _ => t.parse::<f64>().ok(),
                };
                match parsed {
                    Some(f) => Ok(Value::Float(f)),
                    None => Err(vm.exc("ValueError", format!("could not convert string to float: {}", super::repr::str_repr(&s)))),
                }
            }
            Some(v) => match ops::as_number(&v) {
                Some(n) => ops::int_to_float(&n).map(Value::Float).map_err(|e| vm.exc("OverflowError", e)),
                None => match vm.lookup_special(&v, "__float__") {
                    Some(m) => vm.call_sync(m, vec![]),
                    None => Err(vm.exc("TypeError", format!("float() argument must be a string or a real number, not '{}'", vm.type_name(&v)))),
                },
            },
        },
        ClassKind::Str => match first {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::str(&vm.str_of(&v)?)),
        },
        ClassKind::Bool => match first {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(vm.truthy(&v)?)),
        },
        ClassKind::List => Ok(Value::list(match first {
            None => vec![],
            Some(v) => vm.collect(&v)?,
        })),
        ClassKind::Tuple => Ok(match first {
            None => Value::tuple(vec![]),
            Some(t @ Value::Tuple(_)) => t,
            Some(v) => Value::tuple(vm.collect(&v)?),
        }),
        ClassKind::Set => {
            let mut set = crate::value::SetMap::default();
            if let Some(v) = first {
                for item in vm.collect(&v)? {
                    let k = vm.hash_key(item)?;
                    set.insert(k, ());
                }
            }
            Ok(Value::Set(Rc::new(RefCell::new(set))))
        }
        ClassKind::Dict => {
            let mut d = Dict::default();
            if let Some(v) = first {
                super::methods::dict_update_from(vm, &mut d, &v)?;
            }
            for (k, v) in a.keywords.drain(..) {
                d.insert(Key(Value::Str(k)), v);
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        ClassKind::Range => {
            let nums: Result<Vec<i64>, Flow> = a.positional.iter().map(|v| vm.to_i64(v, "")).collect();
            let nums = nums?;
            let (start, stop, step) = match nums.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                [] => return Err(vm.exc("TypeError", "range expected at least 1 argument, got 0")),
                _ => return Err(vm.exc("TypeError", format!("range expected at most 3 arguments, got {}", nums.len()))),
            };
            if step == 0 {
                return Err(vm.exc("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Rc::new(RangeObj { start, stop, step })))
        }
        ClassKind::Object => Ok(Value::Instance(Rc::new(Instance {
            class: class.clone(),
            dict: RefCell::new(Dict::default()),
            native: RefCell::new(Native::None),
        }))),
        ClassKind::Type => match a.positional.as_slice() {
            [v] => Ok(Value::Class(vm.types.type_of(v))),
            // `type(name, bases, namespace)` creates a class, as a class statement does.
            [Value::Str(name), Value::Tuple(bases), Value::Dict(ns)] => {
                let namespace = Rc::new(RefCell::new(ns.borrow().clone()));
                vm.build_class(name.clone(), (**bases).clone(), namespace, Vec::new())
            }
            _ => Err(vm.exc("TypeError", "type() takes 1 or 3 arguments")),
        },
        ClassKind::Exception => Ok(vm.new_exception(class, a.positional)),
        ClassKind::Property | ClassKind::StaticMethod | ClassKind::ClassMethod => {
            let native = match class.kind {
                ClassKind::Property => Native::Property {
                    fget: first.filter(|v| !v.is_none()),
                    fset: a.take(1, "fset").filter(|v| !v.is_none()),
                },
                ClassKind::StaticMethod => Native::StaticMethod(first.unwrap_or(Value::None)),
                _ => Native::ClassMethod(first.unwrap_or(Value::None)),
            };
            Ok(Value::Instance(Rc::new(Instance { class: class.clone(), dict: RefCell::new(Dict::default()), native: RefCell::new(native) })))
        }
        ClassKind::Super => super::methods::make_super(vm, a.positional),
        ClassKind::Local => Ok(Value::Instance(Rc::new(Instance {
            class: class.clone(),
            dict: RefCell::new(Dict::default()),
            native: RefCell::new(Native::Local(Default::default())),
        }))),
        _ => Err(vm.exc("TypeError", format!("cannot create '{}' instances", class.name))),
    }
}
