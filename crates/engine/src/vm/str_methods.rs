//! Methods of `str`: splitting, stripping, case, search, padding, and `str.format` with
//! field names, attributes, indexes, conversions and nested specs.

use super::{Flow, NResult, Vm};
use crate::value::*;
use std::rc::Rc;

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

pub(super) fn str_method(name: &str) -> Option<NativeFn> {
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
        "isidentifier" => |_, a| {
            let s = recv_str(&a);
            let mut chars = s.chars();
            let head = chars.next().is_some_and(|c| c == '_' || c.is_alphabetic());
            Ok(Value::Bool(
                head && chars.all(|c| c == '_' || c.is_alphanumeric()),
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
        "rpartition" => str_rpartition,
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
    let (lo, hi) = window(vm, &args, &s, 2)?;
    let part = &s[lo..hi];
    Ok(Value::Bool(
        prefixes(vm, &args)?.iter().any(|p| part.starts_with(&**p)),
    ))
}

fn str_endswith(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let (lo, hi) = window(vm, &args, &s, 2)?;
    let part = &s[lo..hi];
    Ok(Value::Bool(
        prefixes(vm, &args)?.iter().any(|p| part.ends_with(&**p)),
    ))
}

/// The optional `start, end` arguments (at `args[at]`, `args[at + 1]`) as byte offsets into
/// `s`: character indices, negative from the end, clamped, as CPython slices them.
fn window(vm: &mut Vm, args: &Args, s: &str, at: usize) -> Result<(usize, usize), Flow> {
    let len = s.chars().count() as i64;
    let bound = |i: usize, default: i64| -> Result<i64, Flow> {
        match args.positional.get(i) {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let n = vm.to_i64(v, "")?;
                Ok(if n < 0 { (n + len).max(0) } else { n.min(len) })
            }
        }
    };
    let start = bound(at, 0)?;
    let end = bound(at + 1, len)?.max(start);
    let byte = |c: i64| {
        s.char_indices()
            .nth(c as usize)
            .map(|(b, _)| b)
            .unwrap_or(s.len())
    };
    Ok((byte(start), byte(end)))
}

fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

fn str_find(vm: &mut Vm, args: Args) -> NResult {
    let s = recv_str(&args);
    let sub = arg_str(vm, &args, 1, "find")?.unwrap_or_else(|| Rc::from(""));
    let (lo, hi) = window(vm, &args, &s, 2)?;
    Ok(Value::Int(
        s[lo..hi]
            .find(&*sub)
            .map(|b| char_index(&s, lo + b))
            .unwrap_or(-1),
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
    partition(vm, &args, "partition", false)
}

fn str_rpartition(vm: &mut Vm, args: Args) -> NResult {
    partition(vm, &args, "rpartition", true)
}

/// `partition` splits at the first `sep`, `rpartition` at the last; without it, the whole
/// string goes first (or last, for `rpartition`).
fn partition(vm: &mut Vm, args: &Args, name: &str, from_right: bool) -> NResult {
    let s = recv_str(args);
    let sep = arg_str(vm, args, 1, name)?.unwrap_or_else(|| Rc::from(""));
    if sep.is_empty() {
        return Err(vm.exc("ValueError", "empty separator"));
    }
    let found = if from_right {
        s.rfind(&*sep)
    } else {
        s.find(&*sep)
    };
    Ok(match found {
        Some(i) => Value::tuple(vec![
            Value::str(&s[..i]),
            Value::Str(sep.clone()),
            Value::str(&s[i + sep.len()..]),
        ]),
        None if from_right => {
            Value::tuple(vec![Value::str(""), Value::str(""), Value::Str(s.clone())])
        }
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
