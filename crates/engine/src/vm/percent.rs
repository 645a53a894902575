//! printf-style `str % args` formatting.

use super::{Flow, Vm};
use crate::format;
use crate::value::Value;

pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> Result<String, Flow> {
    let values: Vec<Value> = match args {
        Value::Tuple(t) => (**t).clone(),
        other => vec![other.clone()],
    };
    let mapping = matches!(args, Value::Dict(_));
    let mut out = String::new();
    let mut next = 0;
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            let end = chars[i..]
                .iter()
                .position(|c| *c == ')')
                .map(|p| p + i)
                .unwrap_or(chars.len());
            key = Some(chars[i + 1..end].iter().collect::<String>());
            i = end + 1;
        }
        let mut spec = String::new();
        while i < chars.len() && "-+ #0123456789.".contains(chars[i]) {
            spec.push(chars[i]);
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.exc("ValueError", "incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let value = match &key {
            Some(k) => vm.getitem(args, &Value::str(k))?,
            None => {
                let v = values.get(next).cloned();
                next += 1;
                v.ok_or_else(|| vm.exc("TypeError", "not enough arguments for format string"))?
            }
        };
        // Translate printf flags to a format spec: '-' means left-align.
        let (left, rest) = match spec.strip_prefix('-') {
            Some(r) => (true, r.to_string()),
            None => (false, spec.clone()),
        };
        let spec_text = if left { format!("<{rest}") } else { rest };
        let text = match conv {
            's' => {
                let s = vm.str_of(&value)?;
                format::format_str(&s, &spec_text.replace('0', "")).unwrap_or(s)
            }
            'r' | 'a' => {
                let s = vm.repr(&value)?;
                format::format_str(&s, &spec_text).unwrap_or(s)
            }
            'd' | 'i' | 'u' => {
                let v = match value {
                    Value::Float(f) => Value::Int(f.trunc() as i64),
                    other => other,
                };
                let spec = if spec_text.contains('.') {
                    spec_text.split('.').next().unwrap_or("").to_string()
                } else {
                    spec_text
                };
                vm.format_value(&v, &format!("{spec}d"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'c' => {
                let v = match (conv, &value) {
                    ('f' | 'F' | 'e' | 'E' | 'g' | 'G', Value::Int(i)) => Value::Float(*i as f64),
                    _ => value,
                };
                vm.format_value(&v, &format!("{spec_text}{conv}"))?
            }
            other => {
                return Err(vm.exc(
                    "ValueError",
                    format!(
                        "unsupported format character '{other}' (0x{:x})",
                        other as u32
                    ),
                ))
            }
        };
        out.push_str(&text);
    }
    if !mapping && next < values.len() {
        return Err(vm.exc(
            "TypeError",
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}
