//! The object protocols: truth, comparison, arithmetic (with user dunder methods), hashing,
//! subscripting, containment and iteration.

use super::ops::{self, OpResult};
use super::{Flow, NResult, Vm};
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::*;
use std::cmp::Ordering;
use std::rc::Rc;

fn dunder(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
    }
}

impl Vm {
    /// Calls `obj.name(arg)` if the type defines it; `None` when it is missing or returns
    /// `NotImplemented` (so the caller tries the reflected method or fails).
    fn try_dunder(&mut self, obj: &Value, name: &str, arg: &Value) -> Result<Option<Value>, Flow> {
        let Some(m) = self.lookup_special(obj, name) else {
            return Ok(None);
        };
        let r = self.call_sync(m, vec![arg.clone()])?;
        Ok((!matches!(r, Value::NotImplemented)).then_some(r))
    }

    pub fn truthy(&mut self, v: &Value) -> Result<bool, Flow> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::DictView(view) => !view.dict.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Instance(_) => {
                if let Some(b) = self.lookup_special(v, "__bool__") {
                    let r = self.call_sync(b, vec![])?;
                    return Ok(matches!(r, Value::Bool(true)));
                }
                if let Some(l) = self.lookup_special(v, "__len__") {
                    let r = self.call_sync(l, vec![])?;
                    return Ok(!matches!(r, Value::Int(0)));
                }
                match self.base_value(v, "__len__") {
                    Some(base) => self.truthy(&base)?,
                    None => true,
                }
            }
            _ => true,
        })
    }

    pub fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> NResult {
        if let (Some(x), Some(y)) = (ops::as_number(a), ops::as_number(b)) {
            return self.op_result(ops::binary_numbers(op, &x, &y), op, a, b);
        }
        if op == BinOp::Mod {
            if let Value::Str(fmt) = a {
                let s = super::percent::percent_format(self, fmt, b)?;
                return Ok(Value::str(&s));
            }
        }
        if inplace {
            if let (BinOp::Add, Value::List(l)) = (op, a) {
                let items = self.collect(b)?;
                l.borrow_mut().extend(items);
                return Ok(a.clone());
            }
        }
        if let (
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            Value::Set(x),
            Value::Set(y),
        ) = (op, a, b)
        {
            let (x, y) = (x.borrow(), y.borrow());
            let out: crate::value::SetMap = match op {
                BinOp::BitOr => x.keys().chain(y.keys()).map(|k| (k.clone(), ())).collect(),
                BinOp::BitAnd => x
                    .keys()
                    .filter(|k| y.contains_key(*k))
                    .map(|k| (k.clone(), ()))
                    .collect(),
                BinOp::Sub => x
                    .keys()
                    .filter(|k| !y.contains_key(*k))
                    .map(|k| (k.clone(), ()))
                    .collect(),
                _ => x
                    .keys()
                    .filter(|k| !y.contains_key(*k))
                    .chain(y.keys().filter(|k| !x.contains_key(*k)))
                    .map(|k| (k.clone(), ()))
                    .collect(),
            };
            return Ok(Value::Set(Rc::new(std::cell::RefCell::new(out))));
        }
        if let (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) = (op, a, b) {
            let mut d = x.borrow().clone();
            d.extend(y.borrow().iter().map(|(k, v)| (k.clone(), v.clone())));
            return Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))));
        }
        match ops::binary_sequences(op, a, b) {
            OpResult::NotSupported => {}
            r => return self.op_result(r, op, a, b),
        }
        let (forward, reflected, inplace_name) = dunder(op);
        if inplace {
            if let Some(r) = self.try_dunder(a, inplace_name, b)? {
                return Ok(r);
            }
        }
        if let Some(r) = self.try_dunder(a, forward, b)? {
            return Ok(r);
        }
        if let Some(r) = self.try_dunder(b, reflected, a)? {
            return Ok(r);
        }
        let (base_a, base_b) = (self.base_value(a, forward), self.base_value(b, reflected));
        if base_a.is_some() || base_b.is_some() {
            let x = base_a.clone().unwrap_or_else(|| a.clone());
            let y = base_b.unwrap_or_else(|| b.clone());
            let r = self.binary_op(op, &x, &y, inplace)?;
            // In place on a list subclass extends its contents: the result is the instance.
            return Ok(if base_a.is_some() && r.is(&x) {
                a.clone()
            } else {
                r
            });
        }
        self.op_result(OpResult::NotSupported, op, a, b)
    }

    fn op_result(&mut self, r: OpResult, op: BinOp, a: &Value, b: &Value) -> NResult {
        match r {
            OpResult::Value(v) => Ok(v),
            OpResult::Error(name, msg) => Err(self.exc(name, msg)),
            OpResult::NotSupported => {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                let msg = match (op, a, b) {
                    (BinOp::Add, Value::Str(_), _) => {
                        format!("can only concatenate str (not \"{tb}\") to str")
                    }
                    (BinOp::Add, Value::List(_), _) => {
                        format!("can only concatenate list (not \"{tb}\") to list")
                    }
                    (BinOp::Add, Value::Tuple(_), _) => {
                        format!("can only concatenate tuple (not \"{tb}\") to tuple")
                    }
                    (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), _)
                    | (BinOp::Mul, _, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                        let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_))
                        {
                            tb
                        } else {
                            ta
                        };
                        format!("can't multiply sequence by non-int of type '{other}'")
                    }
                    _ => format!(
                        "unsupported operand type(s) for {}: '{ta}' and '{tb}'",
                        ops::op_symbol(op)
                    ),
                };
                Err(self.exc("TypeError", msg))
            }
        }
    }

    pub fn unary_op(&mut self, op: UnaryOp, a: &Value) -> NResult {
        let r = match (op, a) {
            (UnaryOp::Neg, Value::Int(i)) => i.checked_neg().map(Value::Int),
            (UnaryOp::Neg, Value::Bool(b)) => Some(Value::Int(-(*b as i64))),
            (UnaryOp::Neg, Value::BigInt(b)) => Some(ops::int_value(-(**b).clone())),
            (UnaryOp::Neg, Value::Float(f)) => Some(Value::Float(-f)),
            (UnaryOp::Pos, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => Some(a.clone()),
            (UnaryOp::Pos, Value::Bool(b)) => Some(Value::Int(*b as i64)),
            (UnaryOp::Invert, Value::Int(i)) => Some(Value::Int(!i)),
            (UnaryOp::Invert, Value::Bool(b)) => Some(Value::Int(!(*b as i64))),
            (UnaryOp::Invert, Value::BigInt(b)) => Some(ops::int_value(-(**b).clone() - 1)),
            _ => None,
        };
        if let Some(v) = r {
            return Ok(v);
        }
        if let Value::Int(i) = a {
            return Ok(ops::int_value(-num_bigint::BigInt::from(*i)));
        }
        let (name, sym) = match op {
            UnaryOp::Neg => ("__neg__", "-"),
            UnaryOp::Pos => ("__pos__", "+"),
            UnaryOp::Invert => ("__invert__", "~"),
            UnaryOp::Not => ("__bool__", "not"),
        };
        if let Some(m) = self.lookup_special(a, name) {
            return self.call_sync(m, vec![]);
        }
        let tn = self.type_name(a);
        Err(self.exc(
            "TypeError",
            format!("bad operand type for unary {sym}: '{tn}'"),
        ))
    }

    pub fn equals(&mut self, a: &Value, b: &Value) -> Result<bool, Flow> {
        if let Some(r) = ops::builtin_eq(a, b) {
            return Ok(r);
        }
        let (base_a, base_b) = (self.base_value(a, "__eq__"), self.base_value(b, "__eq__"));
        if base_a.is_some() || base_b.is_some() {
            let a = base_a.unwrap_or_else(|| a.clone());
            let b = base_b.unwrap_or_else(|| b.clone());
            return self.equals(&a, &b);
        }
        for (x, y) in [(a, b), (b, a)] {
            if let Some(m) = self.lookup_special(x, "__eq__") {
                let r = self.call_sync(m, vec![y.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return self.truthy(&r);
                }
            }
        }
        Ok(a.is(b))
    }

    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> NResult {
        match op {
            CmpOp::Eq => return Ok(Value::Bool(self.equals(a, b)?)),
            CmpOp::NotEq => return Ok(Value::Bool(!self.equals(a, b)?)),
            _ => {}
        }
        if let Some(ord) = ops::builtin_order(a, b) {
            return Ok(Value::Bool(match op {
                CmpOp::Lt => ord == Ordering::Less,
                CmpOp::LtE => ord != Ordering::Greater,
                CmpOp::Gt => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            }));
        }
        if let (Some(x), Some(y)) = (ops::as_number(a), ops::as_number(b)) {
            // NaN compares false with everything.
            let _ = (x, y);
            return Ok(Value::Bool(false));
        }
        let (name, reflected) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::LtE => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        let (base_a, base_b) = (self.base_value(a, name), self.base_value(b, reflected));
        if base_a.is_some() || base_b.is_some() {
            let a = base_a.unwrap_or_else(|| a.clone());
            let b = base_b.unwrap_or_else(|| b.clone());
            return self.compare(op, &a, &b);
        }
        if let Some(r) = self.try_dunder(a, name, b)? {
            return Ok(r);
        }
        if let Some(r) = self.try_dunder(b, reflected, a)? {
            return Ok(r);
        }
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        Err(self.exc(
            "TypeError",
            format!(
                "'{}' not supported between instances of '{ta}' and '{tb}'",
                ops::cmp_symbol(op)
            ),
        ))
    }

    /// `a < b` as a bool, for sorting and `min`/`max`.
    pub fn less_than(&mut self, a: &Value, b: &Value) -> Result<bool, Flow> {
        let r = self.compare(CmpOp::Lt, a, b)?;
        self.truthy(&r)
    }

    pub fn hash_key(&mut self, v: Value) -> Result<Key, Flow> {
        let unhashable_base = matches!(
            self.base_value(&v, "__hash__"),
            Some(Value::List(_) | Value::Dict(_))
        );
        match &v {
            _ if unhashable_base => {
                let tn = self.type_name(&v);
                Err(self.exc("TypeError", format!("unhashable type: '{tn}'")))
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) => {
                let tn = self.type_name(&v);
                Err(self.exc("TypeError", format!("unhashable type: '{tn}'")))
            }
            Value::Tuple(items) => {
                for i in items.iter() {
                    self.hash_key(i.clone())?;
                }
                Ok(Key(v))
            }
            _ => Ok(Key(v)),
        }
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> Result<bool, Flow> {
        if let Some(base) = self.base_value(container, "__contains__") {
            return self.contains(&base, item);
        }
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                _ => {
                    let tn = self.type_name(item);
                    Err(self.exc(
                        "TypeError",
                        format!("'in <string>' requires string as left operand, not {tn}"),
                    ))
                }
            },
            Value::Dict(d) => {
                let k = self.hash_key(item.clone())?;
                Ok(d.borrow().contains_key(&k))
            }
            Value::Set(s) => {
                let k = self.hash_key(item.clone())?;
                Ok(s.borrow().contains_key(&k))
            }
            Value::DictView(view) if view.kind == ViewKind::Keys => {
                let k = self.hash_key(item.clone())?;
                Ok(view.dict.borrow().contains_key(&k))
            }
            Value::Range(r) => match ops::as_number(item) {
                Some(ops::Num::Small(i)) => {
                    let inside = if r.step > 0 {
                        i >= r.start && i < r.stop
                    } else {
                        i <= r.start && i > r.stop
                    };
                    Ok(inside && (i - r.start) % r.step == 0)
                }
                _ => Ok(false),
            },
            Value::Instance(_) if self.lookup_special(container, "__contains__").is_some() => {
                let m = self
                    .lookup_special(container, "__contains__")
                    .unwrap_or(Value::None);
                let r = self.call_sync(m, vec![item.clone()])?;
                self.truthy(&r)
            }
            _ => {
                for x in self.collect(container)? {
                    if x.is(item) || self.equals(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    pub fn len_of(&mut self, v: &Value) -> Result<usize, Flow> {
        if let Some(base) = self.base_value(v, "__len__") {
            return self.len_of(&base);
        }
        Ok(match v {
            Value::Str(s) => s.chars().count(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.borrow().len(),
            Value::Set(s) => s.borrow().len(),
            Value::Range(r) => r.len() as usize,
            Value::DictView(view) => view.dict.borrow().len(),
            Value::Instance(_) if self.lookup_special(v, "__len__").is_some() => {
                let m = self.lookup_special(v, "__len__").unwrap_or(Value::None);
                match self.call_sync(m, vec![])? {
                    Value::Int(i) if i >= 0 => i as usize,
                    _ => return Err(self.exc("ValueError", "__len__() should return >= 0")),
                }
            }
            _ => {
                let tn = self.type_name(v);
                return Err(self.exc("TypeError", format!("object of type '{tn}' has no len()")));
            }
        })
    }

    pub fn iter(&mut self, v: &Value) -> NResult {
        let it = match v {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) => NativeIter::Seq {
                seq: v.clone(),
                index: 0,
            },
            Value::Range(r) => NativeIter::Range {
                next: r.start,
                stop: r.stop,
                step: r.step,
            },
            Value::Dict(d) => NativeIter::Values(
                d.borrow()
                    .keys()
                    .map(|k| k.0.clone())
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            Value::Set(s) => NativeIter::Values(super::set_order::ordered(&s.borrow()).into_iter()),
            Value::Iterator(_) | Value::Generator(_) => return Ok(v.clone()),
            Value::DictView(view) => NativeIter::Values(view.items().into_iter()),
            Value::Instance(_) => {
                if let Some(m) = self.lookup_special(v, "__iter__") {
                    return self.call_sync(m, vec![]);
                }
                if let Some(base) = self.base_value(v, "__iter__") {
                    return self.iter(&base);
                }
                let tn = self.type_name(v);
                return Err(self.exc("TypeError", format!("'{tn}' object is not iterable")));
            }
            _ => {
                let tn = self.type_name(v);
                return Err(self.exc("TypeError", format!("'{tn}' object is not iterable")));
            }
        };
        Ok(Value::Iterator(Rc::new(std::cell::RefCell::new(it))))
    }

    /// The iterator's next item, or `None` when it is exhausted.
    pub fn next(&mut self, it: &Value) -> Result<Option<Value>, Flow> {
        match it {
            Value::Iterator(cell) => {
                let mut state = cell.borrow_mut();
                Ok(match &mut *state {
                    NativeIter::Seq { seq, index } => {
                        let item = match seq {
                            Value::List(l) => l.borrow().get(*index).cloned(),
                            Value::Tuple(t) => t.get(*index).cloned(),
                            Value::Str(s) => s[*index..].chars().next().map(|c| {
                                *index += c.len_utf8() - 1;
                                Value::str(&c.to_string())
                            }),
                            _ => None,
                        };
                        *index += 1;
                        item
                    }
                    NativeIter::Range { next, stop, step } => {
                        if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                            let v = *next;
                            *next += *step;
                            Some(Value::Int(v))
                        } else {
                            None
                        }
                    }
                    NativeIter::Values(items) => items.next(),
                    NativeIter::Exhausted => None,
                })
            }
            Value::Generator(g) => {
                let g = g.clone();
                self.next_from_generator(&g)
            }
            Value::Instance(_) => {
                let Some(m) = self.lookup_special(it, "__next__") else {
                    let tn = self.type_name(it);
                    return Err(self.exc("TypeError", format!("'{tn}' object is not an iterator")));
                };
                match self.call_sync(m, vec![]) {
                    Ok(v) => Ok(Some(v)),
                    Err(Flow::Exc(e))
                        if self
                            .types
                            .type_of(&e)
                            .is_subclass_of(&self.types.exception("StopIteration")) =>
                    {
                        Ok(None)
                    }
                    Err(f) => Err(f),
                }
            }
            _ => {
                let tn = self.type_name(it);
                Err(self.exc("TypeError", format!("'{tn}' object is not an iterator")))
            }
        }
    }

    /// All items of an iterable.
    pub fn collect(&mut self, v: &Value) -> Result<Vec<Value>, Flow> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok((**t).clone()),
            _ => {}
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }
}
