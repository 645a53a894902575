//! Arithmetic and comparison of built-in values with CPython's semantics: arbitrary-precision
//! ints, int/float mixing, floor division and modulo signs, sequence concatenation.

use crate::ast::{BinOp, CmpOp};
use crate::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

/// Largest int a single operation may build: 2^22 bits (about 1.26 million decimal digits);
/// beyond that one instruction could take seconds and freeze the page.
const MAX_INT_BITS: u64 = 1 << 22;
/// Largest sequence (items or bytes) a repetition may build.
const MAX_SEQUENCE_ITEMS: usize = 1 << 28;

/// A numeric view of a value.
#[derive(Clone, Debug)]
pub enum Num {
    Int(BigInt),
    Small(i64),
    Float(f64),
}

pub fn as_number(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Small(*b as i64)),
        Value::Int(i) => Some(Num::Small(*i)),
        Value::BigInt(b) => Some(Num::Int((**b).clone())),
        Value::Float(f) => Some(Num::Float(*f)),
        _ => None,
    }
}

pub fn numbers_equal(a: &Num, b: &Num) -> bool {
    compare_numbers(a, b) == Some(Ordering::Equal)
}

fn big(n: &Num) -> BigInt {
    match n {
        Num::Int(b) => b.clone(),
        Num::Small(i) => BigInt::from(*i),
        Num::Float(f) => BigInt::from(*f as i64),
    }
}

pub fn int_value(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Rc::new(b)),
    }
}

/// An int converted to float, or OverflowError's message.
pub fn int_to_float(n: &Num) -> Result<f64, &'static str> {
    match n {
        Num::Small(i) => Ok(*i as f64),
        Num::Float(f) => Ok(*f),
        Num::Int(b) => {
            let f = b.to_f64().unwrap_or(f64::INFINITY);
            if f.is_finite() {
                Ok(f)
            } else {
                Err("int too large to convert to float")
            }
        }
    }
}

pub fn compare_numbers(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Small(x), Num::Small(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Float(x), other) | (other, Num::Float(x)) => {
            let flipped = matches!(a, Num::Float(_)) && !matches!(b, Num::Float(_));
            let o = big(other);
            let ord = if x.is_nan() {
                return None;
            } else if x.is_infinite() {
                if *x > 0.0 {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            } else if x.fract() == 0.0 {
                BigInt::from_f64_exact(*x).cmp(&o)
            } else {
                // Compare floor(x) with o, then the fraction decides.
                let fl = BigInt::from_f64_exact(x.floor());
                if fl < o {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            };
            Some(if flipped { ord } else { ord.reverse() })
        }
        _ => Some(big(a).cmp(&big(b))),
    }
}

trait FromF64Exact {
    fn from_f64_exact(f: f64) -> BigInt;
}

impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> BigInt {
        num_traits::FromPrimitive::from_f64(f).unwrap_or_default()
    }
}

/// The outcome of an arithmetic operation on built-in values: a value, a Python error
/// (exception type name and message), or "not supported here" (try the other operand).
pub enum OpResult {
    Value(Value),
    Error(&'static str, String),
    NotSupported,
}

use OpResult::*;

fn zero_div(msg: &str) -> OpResult {
    Error("ZeroDivisionError", msg.to_string())
}

pub fn binary_numbers(op: BinOp, a: &Num, b: &Num) -> OpResult {
    if matches!(a, Num::Float(_)) || matches!(b, Num::Float(_)) {
        if matches!(
            op,
            BinOp::LShift | BinOp::RShift | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor
        ) {
            return NotSupported;
        }
        let (x, y) = match (int_to_float(a), int_to_float(b)) {
            (Ok(x), Ok(y)) => (x, y),
            (Err(e), _) | (_, Err(e)) => return Error("OverflowError", e.to_string()),
        };
        return float_op(op, x, y);
    }
    if let (Num::Small(x), Num::Small(y)) = (a, b) {
        if let Some(r) = small_int_op(op, *x, *y) {
            return r;
        }
    }
    big_int_op(op, big(a), big(b))
}

fn small_int_op(op: BinOp, x: i64, y: i64) -> Option<OpResult> {
    let v = |r: Option<i64>| r.map(|i| Value(Value::Int(i)));
    match op {
        BinOp::Add => v(x.checked_add(y)),
        BinOp::Sub => v(x.checked_sub(y)),
        BinOp::Mul => v(x.checked_mul(y)),
        BinOp::FloorDiv => {
            if y == 0 {
                return Some(zero_div("integer division or modulo by zero"));
            }
            v(x.checked_div_euclid(y).map(|_| Integer::div_floor(&x, &y)))
        }
        BinOp::Mod => {
            if y == 0 {
                return Some(zero_div("integer modulo by zero"));
            }
            v(x.checked_rem(y).map(|_| x.mod_floor(&y)))
        }
        BinOp::BitAnd => v(Some(x & y)),
        BinOp::BitOr => v(Some(x | y)),
        BinOp::BitXor => v(Some(x ^ y)),
        _ => None,
    }
}

fn big_int_op(op: BinOp, x: BigInt, y: BigInt) -> OpResult {
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y.is_zero() {
                return zero_div("division by zero");
            }
            return Value(Value::Float(true_divide(&x, &y)));
        }
        BinOp::FloorDiv => {
            if y.is_zero() {
                return zero_div("integer division or modulo by zero");
            }
            x.div_floor(&y)
        }
        BinOp::Mod => {
            if y.is_zero() {
                return zero_div("integer modulo by zero");
            }
            x.mod_floor(&y)
        }
        BinOp::Pow => {
            if y.is_negative() {
                let (fx, fy) = (
                    x.to_f64().unwrap_or(f64::INFINITY),
                    y.to_f64().unwrap_or(f64::NEG_INFINITY),
                );
                return float_op(BinOp::Pow, fx, fy);
            }
            match y.to_u32() {
                // A result of hundreds of megabytes would freeze the page: refuse it, as
                // CPython eventually does when the allocation fails.
                Some(e) if x.bits().saturating_mul(e as u64) > MAX_INT_BITS => {
                    return Error("MemoryError", String::new())
                }
                Some(e) => num_traits::pow::Pow::pow(&x, e),
                None if x.abs() <= BigInt::from(1) => {
                    if x.is_negative() && y.is_odd() {
                        x
                    } else {
                        x.abs()
                    }
                }
                None => return Error("MemoryError", String::new()),
            }
        }
        BinOp::LShift | BinOp::RShift => {
            if y.is_negative() {
                return Error("ValueError", "negative shift count".into());
            }
            let Some(n) = y.to_usize() else {
                return Error("OverflowError", "too many digits in integer".into());
            };
            if op == BinOp::LShift {
                if x.bits().saturating_add(n as u64) > MAX_INT_BITS && !x.is_zero() {
                    return Error("MemoryError", String::new());
                }
                x << n
            } else {
                x >> n
            }
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::MatMul => return NotSupported,
    };
    Value(int_value(r))
}

/// int / int as CPython does it: exact when both fit in a double's mantissa.
fn true_divide(x: &BigInt, y: &BigInt) -> f64 {
    match (x.to_i64(), y.to_i64()) {
        (Some(a), Some(b)) if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) => {
            a as f64 / b as f64
        }
        // Big operands: divide as doubles (CPython rounds the exact quotient once; this can
        // differ in the last bit for operands beyond 2**53).
        _ => x.to_f64().unwrap_or(f64::INFINITY) / y.to_f64().unwrap_or(f64::INFINITY),
    }
}

pub fn float_op(op: BinOp, x: f64, y: f64) -> OpResult {
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return zero_div("float division by zero");
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return zero_div("float floor division by zero");
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return zero_div("float modulo");
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return zero_div("0.0 cannot be raised to a negative power");
            }
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                return Error("ValueError", "complex results are not supported".into());
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Error(
                    "OverflowError",
                    "(34, 'Numerical result out of range')".into(),
                );
            }
            r
        }
        _ => return NotSupported,
    };
    Value(Value::Float(r))
}

/// Python's float divmod: the remainder takes the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `+`, `*` and comparisons of sequences and strings.
pub fn binary_sequences(op: BinOp, a: &Value, b: &Value) -> OpResult {
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Value(Value::Str(Rc::from(s)))
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            Value(Value::list(v))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            let mut v = (**x).clone();
            v.extend(y.iter().cloned());
            Value(Value::tuple(v))
        }
        (BinOp::Mul, seq, Value::Int(n)) | (BinOp::Mul, Value::Int(n), seq) => repeat(seq, *n),
        (BinOp::Mul, seq, Value::Bool(n)) | (BinOp::Mul, Value::Bool(n), seq) => {
            repeat(seq, *n as i64)
        }
        _ => NotSupported,
    }
}

fn repeat(seq: &Value, n: i64) -> OpResult {
    let n = n.max(0) as usize;
    let len = match seq {
        Value::Str(s) => s.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        _ => 0,
    };
    if len.saturating_mul(n) > MAX_SEQUENCE_ITEMS {
        return Error("MemoryError", String::new());
    }
    match seq {
        Value::Str(s) => Value(Value::Str(Rc::from(s.repeat(n)))),
        Value::List(l) => {
            let items = l.borrow();
            Value(Value::list(
                items
                    .iter()
                    .cloned()
                    .cycle()
                    .take(items.len() * n)
                    .collect(),
            ))
        }
        Value::Tuple(t) => Value(Value::tuple(
            t.iter().cloned().cycle().take(t.len() * n).collect(),
        )),
        _ => NotSupported,
    }
}

pub fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

pub fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

/// Equality of built-in values (containers element-wise); `None` if either side needs Python
/// code (`__eq__` of an instance).
pub fn builtin_eq(a: &Value, b: &Value) -> Option<bool> {
    if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
        return Some(numbers_equal(&x, &y));
    }
    Some(match (a, b) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            if Rc::ptr_eq(x, y) {
                return Some(true);
            }
            let (x, y) = (x.borrow(), y.borrow());
            seq_eq(&x, &y)?
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(x, y)?,
        (Value::Dict(x), Value::Dict(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Some(false);
            }
            for (k, v) in x.iter() {
                match y.get(k) {
                    Some(w) => {
                        if !builtin_eq(v, w)? {
                            return Some(false);
                        }
                    }
                    None => return Some(false),
                }
            }
            true
        }
        (Value::Set(x), Value::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.keys().all(|k| y.contains_key(k))
        }
        (Value::Range(x), Value::Range(y)) => {
            x.start == y.start && x.stop == y.stop && x.step == y.step
        }
        (Value::Instance(_), _) | (_, Value::Instance(_)) => {
            if a.is(b) {
                true
            } else {
                return None;
            }
        }
        _ => a.is(b),
    })
}

fn seq_eq(x: &[Value], y: &[Value]) -> Option<bool> {
    if x.len() != y.len() {
        return Some(false);
    }
    for (p, q) in x.iter().zip(y) {
        if !p.is(q) && !builtin_eq(p, q)? {
            return Some(false);
        }
    }
    Some(true)
}

/// Ordering of built-in values for `<` and sorting; `None` when not comparable natively.
pub fn builtin_order(a: &Value, b: &Value) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
        return compare_numbers(&x, &y);
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::List(x), Value::List(y)) => seq_order(&x.borrow(), &y.borrow()),
        (Value::Tuple(x), Value::Tuple(y)) => seq_order(x, y),
        _ => None,
    }
}

fn seq_order(x: &[Value], y: &[Value]) -> Option<Ordering> {
    for (p, q) in x.iter().zip(y) {
        if builtin_eq(p, q)? {
            continue;
        }
        return builtin_order(p, q);
    }
    Some(x.len().cmp(&y.len()))
}
