//! The size a value's pickle (protocol 4, as `multiprocessing` sends it) would have, estimated
//! from the value's shape, for the trace's transfer arrows: opcodes and lengths as CPython's
//! pickler writes them, without producing the bytes.

use crate::value::{Native, Value};

/// Header (PROTO, FRAME and its length) plus STOP.
const ENVELOPE: u64 = 2 + 9 + 1;

pub fn pickled_size(v: &Value) -> u64 {
    ENVELOPE + body(v, 0)
}

fn body(v: &Value, depth: u32) -> u64 {
    if depth > 64 {
        return 0;
    }
    let items = |xs: &[Value]| xs.iter().map(|x| body(x, depth + 1)).sum::<u64>();
    match v {
        Value::None | Value::Bool(_) | Value::Ellipsis | Value::NotImplemented => 1,
        Value::Int(i) => match i {
            0..=0xff => 2,
            0x100..=0xffff => 3,
            _ if i32::try_from(*i).is_ok() => 5,
            _ => 2 + 8,
        },
        Value::BigInt(b) => 2 + (b.bits() / 8 + 1),
        Value::Float(_) => 9,
        Value::Str(s) => {
            let n = s.len() as u64;
            // SHORT_BINUNICODE, then MEMOIZE.
            (if n < 256 { 2 } else { 9 }) + n + 1
        }
        Value::Tuple(t) => match t.len() {
            0 => 1,
            1..=3 => items(t) + 1 + 1,
            _ => 1 + items(t) + 1 + 1,
        },
        // EMPTY_LIST, MEMOIZE, then MARK … APPENDS in batches of 1000.
        Value::List(l) => {
            let l = l.borrow();
            2 + items(&l) + 2 * (l.len() as u64).div_ceil(1000)
        }
        Value::Dict(d) => {
            let d = d.borrow();
            let pairs: u64 = d
                .iter()
                .map(|(k, x)| body(&k.0, depth + 1) + body(x, depth + 1))
                .sum();
            2 + pairs + 2 * (d.len() as u64).div_ceil(1000)
        }
        Value::Set(s) => {
            let s = s.borrow();
            let members: u64 = s.keys().map(|k| body(&k.0, depth + 1)).sum();
            2 + members + 2 * (s.len() as u64).div_ceil(1000)
        }
        // By reference: module and qualified name.
        Value::Function(f) => 2 + f.module.len() as u64 + 2 + f.qualname.borrow().len() as u64 + 3,
        Value::Class(c) => 2 + c.module.len() as u64 + 2 + c.qualname.len() as u64 + 3,
        Value::Instance(i) => {
            let class = 2 + i.class.module.len() as u64 + 2 + i.class.qualname.len() as u64 + 3;
            let state = match &*i.native.borrow() {
                Native::Exception(e) => items(&e.args) + 2,
                _ => {
                    let d = i.dict.borrow();
                    d.iter()
                        .map(|(k, x)| body(&k.0, depth + 1) + body(x, depth + 1))
                        .sum::<u64>()
                        + 4
                }
            };
            class + 2 + state + 1
        }
        _ => 8,
    }
}
