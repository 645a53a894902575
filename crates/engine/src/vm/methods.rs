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
        (Value::Str(_), _) => str_method(name)?,
        (Value::List(_), _) => list_method(name)?,
        (Value::Dict(_), _) => dict_method(name)?,
        (Value::Set(_), _) => set_method(name)?,
        (Value::Tuple(_), "index") => seq_index,
        (Value::Tuple(_), "count") => seq_count,
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "bit_length") => int_bit_length,
        (Value::Float(_), "is_integer") => float_is_integer,
        (Value::Generator(_), "send") => gen_send,
        (Value::Generator(_), "close") => gen_close,
        (Value::Instance(i), _) => {
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
        "isspace" => "isspace",
        "isupper" => "isupper",
        "islower" => "islower",
        "title" => "title",
        "capitalize" => "capitalize",
        "splitlines" => "splitlines",
        "partition" => "partition",
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
        "__init__" => "__init__",
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
        (ClassKind::Object, "__init__") => object_init,
        (ClassKind::Exception, "__init__") => exception_init,
        (ClassKind::Str, n) => str_method(n)?,
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

fn recv_str(args: &Args) -> Rc<str> {
    match args.positional.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => Rc::from(""),
    }
}

fn arg_str(vm: &Vm, args: &Args, i: usize, method: &str) -> Result<Option<Rc<str>>, Flow> {
    match args.positional.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(other) => Err(vm.exc(
            "TypeError",
            format!(
                "{method} arg must be None or str, not {}",
                vm.type_name(other)
            ),
        )),
    }
}

fn str_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "join" => str_join,
        "split" => str_split,
        "rsplit" => str_split,
        "strip" => str_strip,
        "lstrip" => str_lstrip,
        "rstrip" => str_rstrip,
        "upper" => |_, a| Ok(Value::str(&recv_str(&a).to_uppercase())),
        "lower" => |_, a| Ok(Value::str(&recv_str(&a).to_lowercase())),
        "title" => str_title,
        "capitalize" => str_capitalize,
        "swapcase" => |_, a| {
            Ok(Value::str(
                &recv_str(&a)
                    .chars()
                    .map(|c| {
                        if c.is_uppercase() {
                            c.to_lowercase().next().unwrap_or(c)
                        } else {
                            c.to_uppercase().next().unwrap_or(c)
                        }
                    })
                    .collect::<String>(),
            ))
        },
        "replace" => str_replace,
        "startswith" => str_startswith,
        "endswith" => str_endswith,
        "find" => str_find,
        "rfind" => str_rfind,
        "index" => str_index,
        "count" => str_count,
        "format" => str_format,
        "center" => |vm, a| str_pad(vm, a, 'c'),
        "ljust" => |vm, a| str_pad(vm, a, 'l'),
        "rjust" => |vm, a| str_pad(vm, a, 'r'),
        "zfill" => str_zfill,
        "isdigit" | "isnumeric" | "isdecimal" => |_, a| {
            let s = recv_str(&a);
            Ok(Value::Bool(
                !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()),
            ))
        },
        "isalpha" => |_, a| {
            let s = recv_str(&a);
            Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_alphabetic),
            ))
        },
        "isalnum" => |_, a| {
            let s = recv_str(&a);
            Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_alphanumeric),
            ))
        },
        "isspace" => |_, a| {
            let s = recv_str(&a);
            Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_whitespace),
            ))
        },
        "isupper" => |_, a| {
            let s = recv_str(&a);
            Ok(Value::Bool(
                s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase),
            ))
        },
        "islower" => |_, a| {
            let s = recv_str(&a);
            Ok(Value::Bool(
                s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase),
            ))
        },
        "splitlines" => |_, a| Ok(Value::list(recv_str(&a).lines().map(Value::str).collect())),
        "partition" => str_partition,
        _ => return None,
    })
}

fn str_join(vm: &mut Vm, args: Args) -> NResult {
    let sep = recv_str(&args);
    let items = vm.collect(args.positional.get(1).unwrap_or(&Value::None))?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(s) => parts.push(s.to_string()),
            other => {
                return Err(vm.exc(
                    "TypeError",
                    format!(
                        "sequence item {i}: expected str instance, {} found",
                        vm.type_name(other)
                    ),
                ))
            }
        }
    }
    Ok(Value::str(&parts.join(&sep)))
}

fn str_split(vm: &mut Vm, mut args: Args) -> NResult {
    let s = recv_str(&args);
    let sep_kw = args.take_keyword("sep");
    let max_kw = args.take_keyword("maxsplit");
    if let Some(v) = sep_kw {
        args.positional.insert(1, v);
    }
    let sep = arg_str(vm, &args, 1, "split")?;
    let maxsplit = match max_kw.or_else(|| args.positional.get(2).cloned()) {
        Some(v) => vm.to_i64(&v, "")?,
        None => -1,
    };
    let parts: Vec<Value> = match sep {
        Some(sep) if sep.is_empty() => return Err(vm.exc("ValueError", "empty separator")),
        Some(sep) => {
            if maxsplit < 0 {
                s.split(&*sep).map(Value::str).collect()
            } else {
                s.splitn(maxsplit as usize + 1, &*sep)
                    .map(Value::str)
                    .collect()
            }
        }
        None => {
            let mut out: Vec<Value> = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i64 == maxsplit {
                    out.push(Value::str(rest.trim_end()));
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(Value::str(&rest[..end]));
                rest = rest[end..].trim_start();
            }
            out
        }
    };
    Ok(Value::list(parts))
}

fn strip_chars(vm: &Vm, args: &Args) -> Result<Option<Vec<char>>, Flow> {
    Ok(arg_str(vm, args, 1, "strip")?.map(|c| c.chars().collect()))
}

fn str_strip(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    Ok(Value::str(match strip_chars(vm, &args)? {
        Some(cs) => s.trim_matches(|c| cs.contains(&c)),
        None => s.trim(),
    }))
}

fn str_lstrip(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    Ok(Value::str(match strip_chars(vm, &args)? {
        Some(cs) => s.trim_start_matches(|c| cs.contains(&c)),
        None => s.trim_start(),
    }))
}

fn str_rstrip(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    Ok(Value::str(match strip_chars(vm, &args)? {
        Some(cs) => s.trim_end_matches(|c| cs.contains(&c)),
        None => s.trim_end(),
    }))
}

fn str_title(_vm: &mut Vm, args: Args) -> NResult {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in recv_str(&args).chars() {
        if c.is_alphabetic() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = true;
        } else {
            out.push(c);
            prev_cased = false;
        }
    }
    Ok(Value::str(&out))
}

fn str_capitalize(_vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let mut chars = s.chars();
    let out = match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(|c| c.to_lowercase()))
            .collect(),
        None => String::new(),
    };
    Ok(Value::str(&out))
}

fn str_replace(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let (Some(old), Some(new)) = (
        arg_str(vm, &args, 1, "replace")?,
        arg_str(vm, &args, 2, "replace")?,
    ) else {
        return Err(vm.exc("TypeError", "replace expected at least 2 arguments"));
    };
    let count = match args.positional.get(3) {
        Some(v) => vm.to_i64(v, "")?,
        None => -1,
    };
    Ok(Value::str(&if count < 0 {
        s.replace(&*old, &new)
    } else {
        s.replacen(&*old, &new, count as usize)
    }))
}

fn prefixes(vm: &Vm, args: &Args) -> Result<Vec<Rc<str>>, Flow> {
    match args.positional.get(1) {
        Some(Value::Str(p)) => Ok(vec![p.clone()]),
        Some(Value::Tuple(t)) => Ok(t
            .iter()
            .filter_map(|v| {
                if let Value::Str(s) = v {
                    Some(s.clone())
                } else {
                    None
                }
            })
            .collect()),
        _ => Err(vm.exc(
            "TypeError",
            "startswith first arg must be str or a tuple of str",
        )),
    }
}

fn str_startswith(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    Ok(Value::Bool(
        prefixes(vm, &args)?.iter().any(|p| s.starts_with(&**p)),
    ))
}

fn str_endswith(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    Ok(Value::Bool(
        prefixes(vm, &args)?.iter().any(|p| s.ends_with(&**p)),
    ))
}

fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

fn str_find(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let sub = arg_str(vm, &args, 1, "find")?.unwrap_or_else(|| Rc::from(""));
    Ok(Value::Int(
        s.find(&*sub).map(|b| char_index(&s, b)).unwrap_or(-1),
    ))
}

fn str_rfind(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let sub = arg_str(vm, &args, 1, "rfind")?.unwrap_or_else(|| Rc::from(""));
    Ok(Value::Int(
        s.rfind(&*sub).map(|b| char_index(&s, b)).unwrap_or(-1),
    ))
}

fn str_index(vm: &mut Vm, args: Args) -> NResult {
    match str_find(vm, args)? {
        Value::Int(-1) => Err(vm.exc("ValueError", "substring not found")),
        v => Ok(v),
    }
}

fn str_count(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let sub = arg_str(vm, &args, 1, "count")?.unwrap_or_else(|| Rc::from(""));
    if sub.is_empty() {
        return Ok(Value::Int(s.chars().count() as i64 + 1));
    }
    Ok(Value::Int(s.matches(&*sub).count() as i64))
}

fn str_pad(vm: &mut Vm, args: Args, how: char) -> NResult {
    let s = recv_str(&args);
    let width = vm
        .to_i64(args.positional.get(1).unwrap_or(&Value::Int(0)), "")?
        .max(0) as usize;
    let fill = match arg_str(vm, &args, 2, "pad")? {
        Some(f) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(_) => {
            return Err(vm.exc(
                "TypeError",
                "The fill character must be exactly one character long",
            ))
        }
        None => ' ',
    };
    let len = s.chars().count();
    if len >= width {
        return Ok(Value::Str(s));
    }
    let n = width - len;
    let fills = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    let out = match how {
        'l' => format!("{s}{}", fills(n)),
        'r' => format!("{}{s}", fills(n)),
        _ => {
            // CPython's center puts the extra fill on the left when the padding is odd and the
            // string length is odd.
            let left = n / 2 + (n & width & 1);
            format!("{}{s}{}", fills(left), fills(n - left))
        }
    };
    Ok(Value::str(&out))
}

fn str_zfill(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let width = vm
        .to_i64(args.positional.get(1).unwrap_or(&Value::Int(0)), "")?
        .max(0) as usize;
    let len = s.chars().count();
    if len >= width {
        return Ok(Value::Str(s));
    }
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), &s[..]),
    };
    Ok(Value::str(&format!(
        "{sign}{}{rest}",
        "0".repeat(width - len)
    )))
}

fn str_partition(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let sep = arg_str(vm, &args, 1, "partition")?.unwrap_or_else(|| Rc::from(""));
    Ok(match s.find(&*sep) {
        Some(i) => Value::tuple(vec![
            Value::str(&s[..i]),
            Value::Str(sep.clone()),
            Value::str(&s[i + sep.len()..]),
        ]),
        None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
    })
}

/// `str.format`: `{}`, `{0}`, `{name}`, `{0.attr}`, `{0[key]}`, conversions and specs.
fn str_format(vm: &mut Vm, args: Args) -> NResult {
    let template = recv_str(&args);
    let positional = &args.positional[1..];
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if c == '}' && chars.get(i + 1) == Some(&'}') {
            out.push('}');
            i += 2;
            continue;
        }
        if c == '}' {
            return Err(vm.exc("ValueError", "Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        let mut depth = 1;
        let mut j = i + 1;
        while j < chars.len() && depth > 0 {
            match chars[j] {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        if depth > 0 {
            return Err(vm.exc("ValueError", "Single '{' encountered in format string"));
        }
        let field: String = chars[i + 1..j - 1].iter().collect();
        i = j;
        let (field, spec) = match field.find(':') {
            Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
            None => (field, String::new()),
        };
        let (field, conversion) = match field.find('!') {
            Some(p) => (field[..p].to_string(), field[p + 1..].chars().next()),
            None => (field, None),
        };
        let name_end = field.find(['.', '[']).unwrap_or(field.len());
        let (head, mut tail) = (field[..name_end].to_string(), &field[name_end..]);
        let mut value = if head.is_empty() {
            let v = positional.get(auto).cloned();
            auto += 1;
            v.ok_or_else(|| {
                vm.exc(
                    "IndexError",
                    format!(
                        "Replacement index {} out of range for positional args tuple",
                        auto - 1
                    ),
                )
            })?
        } else if let Ok(n) = head.parse::<usize>() {
            positional.get(n).cloned().ok_or_else(|| {
                vm.exc(
                    "IndexError",
                    format!("Replacement index {n} out of range for positional args tuple"),
                )
            })?
        } else {
            args.keywords
                .iter()
                .find(|(k, _)| **k == *head)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| {
                    Flow::Exc(
                        vm.new_exception(&vm.types.exception("KeyError"), vec![Value::str(&head)]),
                    )
                })?
        };
        while !tail.is_empty() {
            if let Some(rest) = tail.strip_prefix('.') {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                value = vm.getattr(&value, &rest[..end])?;
                tail = &rest[end..];
            } else if let Some(rest) = tail.strip_prefix('[') {
                let end = rest.find(']').unwrap_or(rest.len());
                let key = &rest[..end];
                let key = key
                    .parse::<i64>()
                    .map(Value::Int)
                    .unwrap_or_else(|_| Value::str(key));
                value = vm.getitem(&value, &key)?;
                tail = rest.get(end + 1..).unwrap_or("");
            } else {
                break;
            }
        }
        let value = match conversion {
            Some('r') | Some('a') => Value::str(&vm.repr(&value)?),
            Some('s') => Value::str(&vm.str_of(&value)?),
            _ => value,
        };
        let spec = if spec.contains('{') {
            let mut a = Args::new(vec![Value::str(&spec)]);
            a.positional.extend(positional.iter().cloned());
            a.keywords = args.keywords.clone();
            match str_format(vm, a)? {
                Value::Str(s) => s.to_string(),
                _ => spec,
            }
        } else {
            spec
        };
        out.push_str(&vm.format_value(&value, &spec)?);
    }
    Ok(Value::str(&out))
}

fn recv_list(args: &Args) -> Rc<RefCell<Vec<Value>>> {
    match args.positional.first() {
        Some(Value::List(l)) => l.clone(),
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
    match args.positional.first() {
        Some(Value::Dict(d)) => d.clone(),
        _ => Rc::new(RefCell::new(Dict::default())),
    }
}

pub fn dict_update_from(vm: &mut Vm, d: &mut Dict, src: &Value) -> Result<(), Flow> {
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

fn gen_close(_vm: &mut Vm, args: Args) -> NResult {
    if let Some(Value::Generator(g)) = args.positional.first() {
        Vm::generator_finished(g);
    }
    Ok(Value::None)
}
