//! Subscripting: `x[i]`, `x[a:b:c]`, item assignment and deletion for built-in sequences
//! and dicts, and `__getitem__`/`__setitem__`/`__delitem__` of user classes.

use super::ops;
use super::{Flow, NResult, Vm};
use crate::value::*;

impl Vm {
    pub fn getitem(&mut self, container: &Value, key: &Value) -> NResult {
        if let Some(base) = self.base_value(container, "__getitem__") {
            return self.base_getitem(container, &base, key);
        }
        if let Value::Slice(s) = key {
            // Instances get the slice object in `__getitem__`.
            if !matches!(container, Value::Instance(_)) {
                return self.get_slice(container, s);
            }
        }
        match container {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) => {
                let len = self.len_of(container)? as i64;
                let Some(ops::Num::Small(i)) =
                    ops::as_number(key).filter(|_| !matches!(key, Value::Float(_)))
                else {
                    let (tc, tk) = (self.type_name(container), self.type_name(key));
                    let what = if tc == "str" { "string" } else { tc.as_str() };
                    return Err(self.exc(
                        "TypeError",
                        format!("{what} indices must be integers or slices, not {tk}"),
                    ));
                };
                let idx = if i < 0 { i + len } else { i };
                if idx < 0 || idx >= len {
                    let what = match container {
                        Value::List(_) => "list",
                        Value::Tuple(_) => "tuple",
                        Value::Range(_) => "range object",
                        _ => "string",
                    };
                    return Err(self.exc("IndexError", format!("{what} index out of range")));
                }
                let idx = idx as usize;
                Ok(match container {
                    Value::List(l) => l.borrow()[idx].clone(),
                    Value::Tuple(t) => t[idx].clone(),
                    Value::Range(r) => Value::Int(r.start + r.step * idx as i64),
                    Value::Str(s) => Value::str(
                        &s.chars()
                            .nth(idx)
                            .map(|c| c.to_string())
                            .unwrap_or_default(),
                    ),
                    _ => Value::None,
                })
            }
            Value::Dict(d) => {
                let k = self.hash_key(key.clone())?;
                let found = d.borrow().get(&k).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => {
                        let r = self.repr(key)?;
                        let _ = r;
                        Err(Flow::Exc(self.new_exception(
                            &self.types.exception("KeyError"),
                            vec![key.clone()],
                        )))
                    }
                }
            }
            Value::Instance(_) => match self.lookup_special(container, "__getitem__") {
                Some(m) => self.call_sync(m, vec![key.clone()]),
                None => {
                    let tn = self.type_name(container);
                    Err(self.exc("TypeError", format!("'{tn}' object is not subscriptable")))
                }
            },
            _ => {
                let tn = self.type_name(container);
                Err(self.exc("TypeError", format!("'{tn}' object is not subscriptable")))
            }
        }
    }

    fn slice_indices(&mut self, s: &SliceObj, len: i64) -> Result<(i64, i64, i64), Flow> {
        let as_int = |vm: &mut Vm, v: &Value| -> Result<Option<i64>, Flow> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                Value::Bool(b) => Ok(Some(*b as i64)),
                _ => Err(vm.exc(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        };
        let step = as_int(self, &s.step)?.unwrap_or(1);
        if step == 0 {
            return Err(self.exc("ValueError", "slice step cannot be zero"));
        }
        let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
            None => default,
            Some(i) if i < 0 => (i + len).max(lo),
            Some(i) => i.min(hi),
        };
        let (start, stop) = if step > 0 {
            (
                clamp(as_int(self, &s.start)?, 0, 0, len),
                clamp(as_int(self, &s.stop)?, len, 0, len),
            )
        } else {
            (
                clamp(as_int(self, &s.start)?, len - 1, -1, len - 1),
                clamp(as_int(self, &s.stop)?, -1, -1, len - 1),
            )
        };
        Ok((start, stop, step))
    }

    fn get_slice(&mut self, container: &Value, s: &SliceObj) -> NResult {
        let items: Vec<Value> = match container {
            Value::Str(st) => st.chars().map(|c| Value::str(&c.to_string())).collect(),
            Value::List(_) | Value::Tuple(_) | Value::Range(_) => self.collect(container)?,
            _ => {
                let tn = self.type_name(container);
                return Err(self.exc("TypeError", format!("'{tn}' object is not subscriptable")));
            }
        };
        let (start, stop, step) = self.slice_indices(s, items.len() as i64)?;
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(items[i as usize].clone());
            i += step;
        }
        Ok(match container {
            Value::Str(_) => {
                let s: String = out
                    .iter()
                    .map(|v| {
                        if let Value::Str(c) = v {
                            c.to_string()
                        } else {
                            String::new()
                        }
                    })
                    .collect();
                Value::str(&s)
            }
            Value::Tuple(_) => Value::tuple(out),
            _ => Value::list(out),
        })
    }

    pub fn setitem(&mut self, container: &Value, key: Value, v: Value) -> Result<(), Flow> {
        if let Some(base) = self.base_value(container, "__setitem__") {
            return self.setitem(&base, key, v);
        }
        match container {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    let len = l.borrow().len() as i64;
                    let (start, stop, step) = self.slice_indices(s, len)?;
                    let new = self.collect(&v)?;
                    if step == 1 {
                        let stop = stop.max(start);
                        l.borrow_mut().splice(start as usize..stop as usize, new);
                        return Ok(());
                    }
                    return Err(
                        self.exc("ValueError", "extended slice assignment is not supported")
                    );
                }
                let len = l.borrow().len() as i64;
                let Value::Int(i) = key else {
                    let tk = self.type_name(&key);
                    return Err(self.exc(
                        "TypeError",
                        format!("list indices must be integers or slices, not {tk}"),
                    ));
                };
                let idx = if i < 0 { i + len } else { i };
                if idx < 0 || idx >= len {
                    return Err(self.exc("IndexError", "list assignment index out of range"));
                }
                let old = std::mem::replace(&mut l.borrow_mut()[idx as usize], v);
                old.discard();
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.hash_key(key)?;
                d.borrow_mut().insert(k, v);
                Ok(())
            }
            Value::Instance(_) => match self.lookup_special(container, "__setitem__") {
                Some(m) => self.call_sync(m, vec![key, v]).map(|_| ()),
                None => {
                    let tn = self.type_name(container);
                    Err(self.exc(
                        "TypeError",
                        format!("'{tn}' object does not support item assignment"),
                    ))
                }
            },
            _ => {
                let tn = self.type_name(container);
                Err(self.exc(
                    "TypeError",
                    format!("'{tn}' object does not support item assignment"),
                ))
            }
        }
    }

    pub fn delitem(&mut self, container: &Value, key: &Value) -> Result<(), Flow> {
        if let Some(base) = self.base_value(container, "__delitem__") {
            return self.delitem(&base, key);
        }
        match container {
            Value::List(l) => {
                let len = l.borrow().len() as i64;
                if let Value::Slice(s) = key {
                    let (start, stop, step) = self.slice_indices(s, len)?;
                    let doomed: Vec<usize> = if step > 0 {
                        (start..stop.max(start)).step_by(step as usize).collect()
                    } else {
                        let mut v = Vec::new();
                        let mut i = start;
                        while i > stop {
                            v.push(i);
                            i += step;
                        }
                        v
                    }
                    .into_iter()
                    .map(|i| i as usize)
                    .collect();
                    let mut items = l.borrow_mut();
                    if step == 1 {
                        if let (Some(first), Some(last)) = (doomed.first(), doomed.last()) {
                            items.drain(*first..=*last);
                        }
                    } else {
                        let doomed: std::collections::HashSet<usize> = doomed.into_iter().collect();
                        let mut index = 0;
                        items.retain(|_| {
                            index += 1;
                            !doomed.contains(&(index - 1))
                        });
                    }
                    return Ok(());
                }
                let Value::Int(i) = key else {
                    let tk = self.type_name(key);
                    return Err(self.exc(
                        "TypeError",
                        format!("list indices must be integers or slices, not {tk}"),
                    ));
                };
                let idx = if *i < 0 { i + len } else { *i };
                if idx < 0 || idx >= len {
                    return Err(self.exc("IndexError", "list assignment index out of range"));
                }
                l.borrow_mut().remove(idx as usize);
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.hash_key(key.clone())?;
                if d.borrow_mut().shift_remove(&k).is_none() {
                    return Err(Flow::Exc(self.new_exception(
                        &self.types.exception("KeyError"),
                        vec![key.clone()],
                    )));
                }
                Ok(())
            }
            Value::Instance(_) => match self.lookup_special(container, "__delitem__") {
                Some(m) => self.call_sync(m, vec![key.clone()]).map(|_| ()),
                None => {
                    let tn = self.type_name(container);
                    Err(self.exc(
                        "TypeError",
                        format!("'{tn}' object doesn't support item deletion"),
                    ))
                }
            },
            _ => {
                let tn = self.type_name(container);
                Err(self.exc(
                    "TypeError",
                    format!("'{tn}' object doesn't support item deletion"),
                ))
            }
        }
    }
}
