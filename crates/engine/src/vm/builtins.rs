//! The `builtins` module: `print`, `len`, `range`, `sorted`, `isinstance` …, and the
//! constructors of built-in types.

use super::ops::{self, Num};
use super::{Flow, NResult, Vm};
use crate::trace::Stream;
use crate::value::*;
use num_traits::ToPrimitive;
use std::rc::Rc;

pub use super::builtins_iter::sort_values;
use super::builtins_iter::*;
pub use super::methods::{class_method, method_of};

pub fn native(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name,
        func,
        receiver: None,
    }))
}

pub fn install(vm: &mut Vm) {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("reversed", reversed),
        ("enumerate", enumerate),
        ("zip", zip),
        ("map", map),
        ("filter", filter),
        ("any", any),
        ("all", all),
        ("round", round),
        ("id", id),
        ("hash", hash),
        ("iter", iter),
        ("next", next),
        ("aiter", aiter),
        ("__import__", dunder_import),
        ("anext", anext),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("callable", callable),
        ("chr", chr),
        ("ord", ord),
        ("divmod", divmod),
        ("pow", pow),
        ("format", format),
        ("hex", hex),
        ("bin", bin),
        ("oct", oct),
        ("__build_class__", build_class),
    ];
    let mut b = vm.builtins.borrow_mut();
    for (name, f) in funcs {
        b.insert(Key::str(name), native(name, *f));
    }
    for (name, class) in vm.types.builtin_names() {
        b.insert(Key::str(name), Value::Class(class));
    }
    for name in ["property", "staticmethod", "classmethod", "super"] {
        b.insert(Key::str(name), Value::Class(vm.types.get(name)));
    }
    b.insert(Key::str("None"), Value::None);
    b.insert(Key::str("NotImplemented"), Value::NotImplemented);
    b.insert(Key::str("Ellipsis"), Value::Ellipsis);
}

impl Vm {
    pub fn builtin_value(&self, name: &str) -> Value {
        self.builtins
            .borrow()
            .get(&Key::str(name))
            .cloned()
            .unwrap_or(Value::None)
    }

    /// Fails with TypeError unless the call got between `min` and `max` positional arguments.
    pub fn arity(&self, name: &str, args: &Args, min: usize, max: usize) -> Result<(), Flow> {
        let n = args.positional.len();
        if n < min || n > max {
            let msg = if min == max {
                format!(
                    "{name}() takes exactly {min} argument{} ({n} given)",
                    if min == 1 { "" } else { "s" }
                )
            } else if n < min {
                format!(
                    "{name} expected at least {min} argument{}, got {n}",
                    if min == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{name} expected at most {max} argument{}, got {n}",
                    if max == 1 { "" } else { "s" }
                )
            };
            return Err(self.exc("TypeError", msg));
        }
        Ok(())
    }

    pub fn to_i64(&self, v: &Value, what: &str) -> Result<i64, Flow> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => Err(self.exc(
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            )),
            _ => Err(self.exc(
                "TypeError",
                format!(
                    "'{}' object cannot be interpreted as an integer{what}",
                    self.type_name(v)
                ),
            )),
        }
    }

    pub fn to_f64(&self, v: &Value) -> Result<f64, Flow> {
        match ops::as_number(v) {
            Some(n) => ops::int_to_float(&n).map_err(|e| self.exc("OverflowError", e)),
            None => Err(self.exc(
                "TypeError",
                format!("must be real number, not {}", self.type_name(v)),
            )),
        }
    }
}

fn print(vm: &mut Vm, mut args: Args) -> NResult {
    let sep = match args.take_keyword("sep") {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::None) | None => " ".into(),
        Some(other) => {
            return Err(vm.exc(
                "TypeError",
                format!("sep must be None or a string, not {}", vm.type_name(&other)),
            ))
        }
    };
    let end = match args.take_keyword("end") {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::None) | None => "\n".into(),
        Some(other) => {
            return Err(vm.exc(
                "TypeError",
                format!("end must be None or a string, not {}", vm.type_name(&other)),
            ))
        }
    };
    let stream = match args.take_keyword("file") {
        Some(Value::Module(_)) | Some(Value::None) | None => Stream::Stdout,
        Some(Value::Instance(i)) if &*i.class.name == "_Stderr" => Stream::Stderr,
        Some(_) => Stream::Stdout,
    };
    let flush = args
        .take_keyword("flush")
        .map(|v| matches!(v, Value::Bool(true)))
        .unwrap_or(false);
    if let Some((k, _)) = args.keywords.first() {
        return Err(vm.exc(
            "TypeError",
            format!("'{k}' is an invalid keyword argument for print()"),
        ));
    }
    let mut text = String::new();
    for (i, a) in args.positional.iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        text.push_str(&vm.str_of(a)?);
    }
    text.push_str(&end);
    vm.write_buffered(stream, &text, flush)
}

fn len(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("len", &args, 1, 1)?;
    Ok(Value::Int(vm.len_of(&args.positional[0])? as i64))
}

fn repr(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("repr", &args, 1, 1)?;
    Ok(Value::str(&vm.repr(&args.positional[0])?))
}

fn class_matches(vm: &mut Vm, class: &Rc<Class>, spec: &Value, fname: &str) -> Result<bool, Flow> {
    match spec {
        Value::Class(c) => {
            Ok(class.is_subclass_of(c)
                || (c.kind == ClassKind::Int && class.kind == ClassKind::Bool))
        }
        Value::Tuple(items) => {
            for i in items.iter() {
                if class_matches(vm, class, i, fname)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(vm.exc(
            "TypeError",
            format!("{fname}() arg 2 must be a type, a tuple of types, or a union"),
        )),
    }
}

fn isinstance(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("isinstance", &args, 2, 2)?;
    let class = vm.types.type_of(&args.positional[0]);
    Ok(Value::Bool(class_matches(
        vm,
        &class,
        &args.positional[1],
        "isinstance",
    )?))
}

fn issubclass(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("issubclass", &args, 2, 2)?;
    let Value::Class(c) = &args.positional[0] else {
        return Err(vm.exc("TypeError", "issubclass() arg 1 must be a class"));
    };
    Ok(Value::Bool(class_matches(
        vm,
        c,
        &args.positional[1],
        "issubclass",
    )?))
}

fn abs(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("abs", &args, 1, 1)?;
    let v = &args.positional[0];
    match ops::as_number(v) {
        Some(Num::Small(i)) => Ok(i.checked_abs().map(Value::Int).unwrap_or_else(|| {
            ops::int_value(num_bigint::BigInt::from(i).magnitude().clone().into())
        })),
        Some(Num::Int(b)) => Ok(ops::int_value(num_bigint::BigInt::from(
            b.magnitude().clone(),
        ))),
        Some(Num::Float(f)) => Ok(Value::Float(f.abs())),
        None => match vm.lookup_special(v, "__abs__") {
            Some(m) => vm.call_sync(m, vec![]),
            None => Err(vm.exc(
                "TypeError",
                format!("bad operand type for abs(): '{}'", vm.type_name(v)),
            )),
        },
    }
}

/// `round()` with CPython's round-half-to-even, exact on the decimal value of the float.
fn round(vm: &mut Vm, mut args: Args) -> NResult {
    let ndigits = args
        .take_keyword("ndigits")
        .or_else(|| args.positional.get(1).cloned())
        .filter(|v| !v.is_none());
    let x = args.positional.first().cloned().unwrap_or(Value::None);
    match (ops::as_number(&x), ndigits) {
        (Some(Num::Float(f)), None) => {
            if !f.is_finite() {
                let msg = if f.is_nan() {
                    "cannot convert float NaN to integer"
                } else {
                    "cannot convert float infinity to integer"
                };
                return Err(vm.exc(
                    if f.is_nan() {
                        "ValueError"
                    } else {
                        "OverflowError"
                    },
                    msg,
                ));
            }
            let r = f.round();
            let r = if (f - f.trunc()).abs() == 0.5 {
                2.0 * (f / 2.0).round()
            } else {
                r
            };
            Ok(num_traits::FromPrimitive::from_f64(r)
                .map(ops::int_value)
                .unwrap_or(Value::Int(0)))
        }
        (Some(Num::Float(f)), Some(nd)) => {
            let nd = vm.to_i64(&nd, "")?;
            // Format with correct rounding to `nd` decimals, as CPython's dtoa does.
            if (0..300).contains(&nd) && f.is_finite() {
                let s = format!("{:.*}", nd as usize, f);
                Ok(Value::Float(s.parse().unwrap_or(f)))
            } else {
                let p = 10f64.powi(nd as i32);
                Ok(Value::Float((f * p).round() / p))
            }
        }
        (Some(Num::Small(_)) | Some(Num::Int(_)), None) => Ok(match x {
            Value::Bool(b) => Value::Int(b as i64),
            other => other,
        }),
        (Some(n @ (Num::Small(_) | Num::Int(_))), Some(nd)) => {
            let nd = vm.to_i64(&nd, "")?;
            if nd >= 0 {
                return Ok(x);
            }
            let big = match n {
                Num::Small(i) => num_bigint::BigInt::from(i),
                Num::Int(b) => b,
                Num::Float(_) => unreachable!(),
            };
            let p = num_traits::pow::Pow::pow(num_bigint::BigInt::from(10), (-nd) as u32);
            let (q, r) = num_integer::Integer::div_mod_floor(&big, &p);
            let twice = &r * 2;
            let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) {
                q + 1
            } else {
                q
            };
            Ok(ops::int_value(q * p))
        }
        _ => match vm.lookup_special(&x, "__round__") {
            Some(m) => vm.call_sync(m, vec![]),
            None => Err(vm.exc(
                "TypeError",
                format!("type {} doesn't define __round__ method", vm.type_name(&x)),
            )),
        },
    }
}

fn id(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("id", &args, 1, 1)?;
    Ok(Value::Int(vm.object_id(&args.positional[0])))
}

fn hash(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("hash", &args, 1, 1)?;
    let v = args.positional[0].clone();
    vm.hash_key(v.clone())?;
    Ok(match v {
        Value::Int(i) => Value::Int(if i == -1 { -2 } else { i }),
        Value::Bool(b) => Value::Int(b as i64),
        other => Value::Int(vm.object_id(&other) >> 4),
    })
}

fn iter(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("iter", &args, 1, 1)?;
    vm.iter(&args.positional[0])
}

/// `__import__(name)`: the module (for `a.b`, the package `a`), as an `import` statement
/// binds it. A module written in Python runs its body first; its frame's return is the result.
fn dunder_import(vm: &mut Vm, args: Args) -> NResult {
    let Some(Value::Str(name)) = args.positional.first() else {
        return Err(vm.exc("TypeError", "__import__() argument 1 must be str"));
    };
    let name = name.clone();
    let all_loaded = !name.contains('.') || vm.modules.contains_key(name.as_ref());
    if !all_loaded {
        // Loading a package and then its submodule re-runs the importing instruction, which a
        // call cannot do.
        return Err(vm.exc(
            "ImportError",
            format!("interleave: import the package of '{name}' before __import__('{name}')"),
        ));
    }
    let frames = vm.thread().frames.len();
    vm.import(&name)?;
    if vm.thread().frames.len() > frames {
        // The module's body runs now; its frame's return is this call's result.
        return Err(Flow::Pushed);
    }
    Ok(vm.pop())
}

/// `aiter(x)`: `x.__aiter__()`.
fn aiter(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("aiter", &args, 1, 1)?;
    let v = args.positional[0].clone();
    if Vm::is_async_generator(&v) {
        return Ok(v);
    }
    match vm.lookup_special(&v, "__aiter__") {
        Some(m) => vm.call_value(m, Vec::new(), Vec::new()),
        None => {
            let tn = vm.type_name(&v);
            Err(vm.exc(
                "TypeError",
                format!("'{tn}' object is not an async iterable"),
            ))
        }
    }
}

/// `anext(it)`: the awaitable `it.__anext__()` (the form with a default is not modelled).
fn anext(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("anext", &args, 1, 1)?;
    let v = args.positional[0].clone();
    if Vm::is_async_generator(&v) {
        return Ok(v);
    }
    match vm.lookup_special(&v, "__anext__") {
        Some(m) => vm.call_value(m, Vec::new(), Vec::new()),
        None => {
            let tn = vm.type_name(&v);
            Err(vm.exc(
                "TypeError",
                format!("'{tn}' object is not an async iterator"),
            ))
        }
    }
}

fn next(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("next", &args, 1, 2)?;
    if let (Value::Generator(g), None) = (&args.positional[0], args.positional.get(1)) {
        let g = g.clone();
        return vm.generator_send(&g, Value::None);
    }
    match vm.next(&args.positional[0])? {
        Some(v) => Ok(v),
        None => match args.positional.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.exc("StopIteration", "")),
        },
    }
}

fn attr_name(vm: &Vm, v: &Value) -> Result<Rc<str>, Flow> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(vm.exc(
            "TypeError",
            format!("attribute name must be string, not '{}'", vm.type_name(v)),
        )),
    }
}

fn hasattr(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("hasattr", &args, 2, 2)?;
    let name = attr_name(vm, &args.positional[1])?;
    Ok(Value::Bool(
        vm.try_getattr(&args.positional[0], &name)?.is_some(),
    ))
}

fn getattr(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("getattr", &args, 2, 3)?;
    let name = attr_name(vm, &args.positional[1])?;
    match vm.try_getattr(&args.positional[0], &name)? {
        Some(v) => Ok(v),
        None => match args.positional.get(2) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.attribute_error(&args.positional[0], &name)),
        },
    }
}

fn setattr(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("setattr", &args, 3, 3)?;
    let name = attr_name(vm, &args.positional[1])?;
    vm.setattr(&args.positional[0], &name, args.positional[2].clone())?;
    Ok(Value::None)
}

fn delattr(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("delattr", &args, 2, 2)?;
    let name = attr_name(vm, &args.positional[1])?;
    vm.delattr(&args.positional[0], &name)?;
    Ok(Value::None)
}

fn callable(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("callable", &args, 1, 1)?;
    let v = &args.positional[0];
    Ok(Value::Bool(match v {
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Class(_) => true,
        Value::Instance(_) => vm.lookup_special(v, "__call__").is_some(),
        _ => false,
    }))
}

fn chr(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("chr", &args, 1, 1)?;
    let i = vm.to_i64(&args.positional[0], "")?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::str(&c.to_string())),
        None => Err(vm.exc("ValueError", "chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("ord", &args, 1, 1)?;
    match &args.positional[0] {
        Value::Str(s) if s.chars().count() == 1 => {
            Ok(Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0)))
        }
        Value::Str(s) => Err(vm.exc(
            "TypeError",
            format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ),
        )),
        other => Err(vm.exc(
            "TypeError",
            format!(
                "ord() expected string of length 1, but {} found",
                vm.type_name(other)
            ),
        )),
    }
}

fn divmod(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("divmod", &args, 2, 2)?;
    let (a, b) = (&args.positional[0], &args.positional[1]);
    let q = vm.binary_op(crate::ast::BinOp::FloorDiv, a, b, false)?;
    let r = vm.binary_op(crate::ast::BinOp::Mod, a, b, false)?;
    Ok(Value::tuple(vec![q, r]))
}

fn pow(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("pow", &args, 2, 3)?;
    let (a, b) = (&args.positional[0], &args.positional[1]);
    if let Some(m) = args.positional.get(2) {
        let (Some(base), Some(e), Some(m)) =
            (ops::as_number(a), ops::as_number(b), ops::as_number(m))
        else {
            return Err(vm.exc(
                "TypeError",
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        };
        let big = |n: Num| match n {
            Num::Small(i) => num_bigint::BigInt::from(i),
            Num::Int(b) => b,
            Num::Float(f) => num_bigint::BigInt::from(f as i64),
        };
        let (base, e, m) = (big(base), big(e), big(m));
        if num_traits::Zero::is_zero(&m) {
            return Err(vm.exc("ValueError", "pow() 3rd argument cannot be 0"));
        }
        let r = base.modpow(&e, &m);
        let r = if num_traits::Signed::is_negative(&r) != num_traits::Signed::is_negative(&m)
            && !num_traits::Zero::is_zero(&r)
        {
            r + &m
        } else {
            r
        };
        return Ok(ops::int_value(r));
    }
    vm.binary_op(crate::ast::BinOp::Pow, a, b, false)
}

fn format(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("format", &args, 1, 2)?;
    let spec = match args.positional.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Ok(Value::str(&vm.format_value(&args.positional[0], &spec)?))
}

fn radix(vm: &mut Vm, args: Args, spec: &str, name: &str) -> NResult {
    vm.arity(name, &args, 1, 1)?;
    match &args.positional[0] {
        v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
            Ok(Value::str(&vm.format_value(v, spec)?))
        }
        other => Err(vm.exc(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(other)
            ),
        )),
    }
}

fn hex(vm: &mut Vm, args: Args) -> NResult {
    radix(vm, args, "#x", "hex")
}

fn bin(vm: &mut Vm, args: Args) -> NResult {
    radix(vm, args, "#b", "bin")
}

fn oct(vm: &mut Vm, args: Args) -> NResult {
    radix(vm, args, "#o", "oct")
}

fn build_class(vm: &mut Vm, args: Args) -> NResult {
    vm.start_class_body(args)
}

impl Vm {
    pub fn construct_builtin(
        &mut self,
        class: &Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> NResult {
        super::constructors::construct(self, class, args, kwargs)
    }

    /// Writes program output through the line buffer of the stream: a complete line is one
    /// `write` system call, which releases the GIL.
    pub fn write_buffered(&mut self, stream: Stream, text: &str, flush: bool) -> NResult {
        let tid = self.cur;
        let buffer = self.sched.output_buffer(stream);
        buffer.push_str(text);
        if flush || buffer.contains('\n') {
            let out = std::mem::take(buffer);
            self.write(stream, &out);
            let _ = tid;
            return self.io_syscall(crate::cost::WRITE_NS);
        }
        Ok(Value::None)
    }

    /// Records output at the current time.
    pub fn write(&mut self, stream: Stream, text: &str) {
        let t = self.sched.clock;
        let thread = self.cur;
        self.sched.record_output(t, thread, stream, text);
    }

    pub fn to_usize_index(&self, v: &Value) -> Result<usize, Flow> {
        match v {
            Value::Int(i) if *i >= 0 => Ok(*i as usize),
            Value::BigInt(b) => b.to_usize().ok_or_else(|| {
                self.exc(
                    "OverflowError",
                    "cannot fit 'int' into an index-sized integer",
                )
            }),
            _ => Err(self.exc("TypeError", "an integer is required")),
        }
    }
}
