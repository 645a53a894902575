//! Built-ins over iterables: `min`, `max`, `sum`, `sorted` (a stable merge sort calling Python
//! comparisons), `reversed`, `enumerate`, `zip`, `map`, `filter`, `any`, `all`.

use super::{Flow, NResult, Vm};
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Items for min/max: one iterable argument or several arguments.
fn extreme(vm: &mut Vm, mut args: Args, name: &str, want_less: bool) -> NResult {
    let key = args.take_keyword("key").filter(|k| !k.is_none());
    let default = args.take_keyword("default");
    let items = if args.positional.len() == 1 {
        vm.collect(&args.positional[0])?
    } else if args.positional.is_empty() {
        return Err(vm.exc(
            "TypeError",
            format!("{name} expected at least 1 argument, got 0"),
        ));
    } else {
        args.positional.clone()
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => vm.call_sync(f.clone(), vec![item.clone()])?,
            None => item.clone(),
        };
        let replace = match &best {
            None => true,
            Some((bk, _)) => {
                if want_less {
                    vm.less_than(&k, bk)?
                } else {
                    vm.less_than(bk, &k)?
                }
            }
        };
        if replace {
            best = Some((k, item));
        }
    }
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(vm.exc("ValueError", format!("{name}() arg is an empty sequence"))),
    }
}

pub(super) fn min(vm: &mut Vm, args: Args) -> NResult {
    extreme(vm, args, "min", true)
}

pub(super) fn max(vm: &mut Vm, args: Args) -> NResult {
    extreme(vm, args, "max", false)
}

pub(super) fn sum(vm: &mut Vm, mut args: Args) -> NResult {
    let start = args
        .take_keyword("start")
        .or_else(|| args.positional.get(1).cloned())
        .unwrap_or(Value::Int(0));
    if args.positional.is_empty() {
        return Err(vm.exc(
            "TypeError",
            "sum() takes at least 1 positional argument (0 given)",
        ));
    }
    if matches!(start, Value::Str(_)) {
        return Err(vm.exc(
            "TypeError",
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    // Adds as it iterates, as CPython does: a generator argument is never materialised, and
    // an error surfaces at the failing item.
    let mut total = start;
    let it = vm.iter(&args.positional[0])?;
    if let Some(sum) = range_sum(&total, &it) {
        return Ok(sum);
    }
    while let Some(item) = vm.next(&it)? {
        total = match (&total, &item) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            _ => vm.binary_op(crate::ast::BinOp::Add, &total, &item, false)?,
        };
    }
    Ok(total)
}

/// `sum` of what is left of a range iterator, from an `int` start, as an arithmetic series
/// (exhausting the iterator), when it fits an `int`: the same result as adding item by item,
/// and `sum(range(10_000_000))`, a course's favourite CPU-bound call, takes microseconds
/// rather than the engine's 0.3 s. (Natives are charged no virtual time per item.)
fn range_sum(start: &Value, it: &Value) -> Option<Value> {
    let (Value::Int(start), Value::Iterator(cell)) = (start, it) else {
        return None;
    };
    let mut state = cell.borrow_mut();
    let NativeIter::Range { next, stop, step } = &*state else {
        return None;
    };
    let (first, stop, step) = (*next as i128, *stop as i128, *step as i128);
    let count = if step > 0 && first < stop {
        (stop - first + step - 1) / step
    } else if step < 0 && first > stop {
        (first - stop - step - 1) / -step
    } else {
        0
    };
    // first·n + step·n(n−1)/2, every step checked.
    let series = count
        .checked_mul(first)?
        .checked_add(step.checked_mul(count.checked_mul(count - 1)? / 2)?)?;
    let total = i64::try_from(series.checked_add(*start as i128)?).ok()?;
    *state = NativeIter::Exhausted;
    Some(Value::Int(total))
}

/// A stable merge sort calling Python comparisons (and key functions) as needed.
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> Result<Vec<Value>, Flow> {
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let k = match &key {
            Some(f) => vm.call_sync(f.clone(), vec![item.clone()])?,
            None => item.clone(),
        };
        keyed.push((k, item));
    }
    if reverse {
        keyed.reverse();
    }
    let sorted = merge_sort(vm, keyed)?;
    let mut out: Vec<Value> = sorted.into_iter().map(|(_, v)| v).collect();
    if reverse {
        out.reverse();
    }
    Ok(out)
}

fn merge_sort(vm: &mut Vm, mut v: Vec<(Value, Value)>) -> Result<Vec<(Value, Value)>, Flow> {
    if v.len() <= 1 {
        return Ok(v);
    }
    let right = v.split_off(v.len() / 2);
    let left = merge_sort(vm, v)?;
    let right = merge_sort(vm, right)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
        if vm.less_than(&b.0, &a.0)? {
            out.push(r.next().expect("peeked"));
        } else {
            out.push(l.next().expect("peeked"));
        }
    }
    out.extend(l);
    out.extend(r);
    Ok(out)
}

pub(super) fn sorted(vm: &mut Vm, mut args: Args) -> NResult {
    let key = args.take_keyword("key").filter(|k| !k.is_none());
    let reverse = match args.take_keyword("reverse") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    vm.arity("sorted", &args, 1, 1)?;
    let items = vm.collect(&args.positional[0])?;
    Ok(Value::list(sort_values(vm, items, key, reverse)?))
}

fn iterator_of(items: Vec<Value>) -> Value {
    Value::Iterator(Rc::new(RefCell::new(NativeIter::Values(items.into_iter()))))
}

pub(super) fn reversed(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("reversed", &args, 1, 1)?;
    let mut items = vm.collect(&args.positional[0])?;
    items.reverse();
    Ok(iterator_of(items))
}

pub(super) fn enumerate(vm: &mut Vm, mut args: Args) -> NResult {
    let start = args
        .take_keyword("start")
        .or_else(|| args.positional.get(1).cloned())
        .unwrap_or(Value::Int(0));
    let start = vm.to_i64(&start, "")?;
    let iterable = args.positional.first().cloned().unwrap_or(Value::None);
    if !super::lazy_iter::is_plain_sequence(&iterable) {
        let f = vm.lazy_iter_function("enumerate")?;
        return vm.call_value(f, vec![iterable, Value::Int(start)], Vec::new());
    }
    let items = vm.collect(&iterable)?;
    Ok(iterator_of(
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| Value::tuple(vec![Value::Int(start + i as i64), v]))
            .collect(),
    ))
}

pub(super) fn zip(vm: &mut Vm, args: Args) -> NResult {
    if !args
        .positional
        .iter()
        .all(super::lazy_iter::is_plain_sequence)
        || !args.keywords.is_empty()
    {
        let f = vm.lazy_iter_function("zip")?;
        return vm.call_value(f, args.positional, args.keywords);
    }
    let mut lists = Vec::new();
    for a in &args.positional {
        lists.push(vm.collect(a)?);
    }
    let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
    Ok(iterator_of(
        (0..n)
            .map(|i| Value::tuple(lists.iter().map(|l| l[i].clone()).collect()))
            .collect(),
    ))
}

pub(super) fn map(vm: &mut Vm, args: Args) -> NResult {
    if args.positional.len() < 2 {
        return Err(vm.exc("TypeError", "map() must have at least two arguments."));
    }
    let f = args.positional[0].clone();
    // A type conversion over plain sequences has no side effects to interleave.
    let eager = matches!(f, Value::Class(_))
        && args.positional[1..]
            .iter()
            .all(super::lazy_iter::is_plain_sequence);
    if !eager {
        let lazy = vm.lazy_iter_function("map")?;
        return vm.call_value(lazy, args.positional, Vec::new());
    }
    let mut lists = Vec::new();
    for a in &args.positional[1..] {
        lists.push(vm.collect(a)?);
    }
    let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(vm.call_sync(f.clone(), lists.iter().map(|l| l[i].clone()).collect())?);
    }
    Ok(iterator_of(out))
}

pub(super) fn filter(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("filter", &args, 2, 2)?;
    let f = args.positional[0].clone();
    if !(f.is_none() || matches!(f, Value::Class(_)))
        || !super::lazy_iter::is_plain_sequence(&args.positional[1])
    {
        let lazy = vm.lazy_iter_function("filter")?;
        return vm.call_value(lazy, args.positional, Vec::new());
    }
    let mut out = Vec::new();
    for item in vm.collect(&args.positional[1])? {
        let keep = if f.is_none() {
            item.clone()
        } else {
            vm.call_sync(f.clone(), vec![item.clone()])?
        };
        if vm.truthy(&keep)? {
            out.push(item);
        }
    }
    Ok(iterator_of(out))
}

pub(super) fn any(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("any", &args, 1, 1)?;
    let it = vm.iter(&args.positional[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

pub(super) fn all(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("all", &args, 1, 1)?;
    let it = vm.iter(&args.positional[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
