//! Compiling expressions: operators, calls, displays, comprehensions, f-strings, lambdas.

use super::stmt::FnBody;
use super::CodeBuilder;
use crate::ast::*;
use crate::bytecode::{Code, CodeFlags, Idx, Instr};
use crate::error::CompileError;
use crate::value::Value;
use num_traits::ToPrimitive;
use std::rc::Rc;

type R = Result<(), CompileError>;

impl<'s> CodeBuilder<'s> {
    pub(super) fn expr(&mut self, e: &'s Expr) -> R {
        let saved = self.pos;
        self.pos = Self::pos_of(e.span, Some(&e.kind));
        let result = self.expr_inner(e);
        self.pos = saved;
        result
    }

    fn expr_inner(&mut self, e: &'s Expr) -> R {
        let line = e.span.line;
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n, e.span),
            ExprKind::Constant(c) => {
                let v = match c {
                    Constant::None => Value::None,
                    Constant::Bool(b) => Value::Bool(*b),
                    Constant::Int(i) => match i.to_i64() {
                        Some(small) => Value::Int(small),
                        None => Value::BigInt(Rc::new(i.clone())),
                    },
                    Constant::Float(f) => Value::Float(*f),
                    Constant::Str(s) => Value::str(s),
                    Constant::Ellipsis => Value::Ellipsis,
                    Constant::Bytes(_) => {
                        return Err(CompileError::unsupported("bytes literal", line, e.span.col))
                    }
                };
                self.emit_const(v, line);
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Instr::Binary(*op), line);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(Instr::Unary(*op), line);
            }
            ExprKind::BoolOp { op, values } => {
                let mut patches = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        let j = match op {
                            BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        };
                        patches.push(self.emit(j, line));
                    }
                }
                for p in patches {
                    self.patch(p);
                }
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators, line)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, e.span)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let a = self.name(attr);
                self.emit(Instr::LoadAttr(a), line);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::Subscript, line);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.emit_const(Value::None, line),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Instr::BuildSlice(3), line);
                    }
                    None => {
                        self.emit(Instr::BuildSlice(2), line);
                    }
                }
            }
            ExprKind::List(items) => self.sequence(items, line, false)?,
            ExprKind::Tuple(items) => self.sequence(items, line, true)?,
            ExprKind::Set(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.emit(Instr::BuildSet(0), line);
                    for i in items {
                        match &i.kind {
                            ExprKind::Starred(inner) => {
                                self.expr(inner)?;
                                self.emit(Instr::SetUpdate(1), line);
                            }
                            _ => {
                                self.expr(i)?;
                                self.emit(Instr::SetAdd(1), line);
                            }
                        }
                    }
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Instr::BuildSet(items.len() as Idx), line);
                }
            }
            ExprKind::Dict(pairs) => {
                if pairs.iter().any(|(k, _)| k.is_none()) {
                    self.emit(Instr::BuildMap(0), line);
                    for (k, v) in pairs {
                        match k {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Instr::MapAdd(1), line);
                            }
                            None => {
                                self.expr(v)?;
                                self.emit(Instr::DictUpdate(1), line);
                            }
                        }
                    }
                } else {
                    for (k, v) in pairs {
                        if let Some(k) = k {
                            self.expr(k)?;
                        }
                        self.expr(v)?;
                    }
                    self.emit(Instr::BuildMap(pairs.len() as Idx), line);
                }
            }
            ExprKind::Starred(_) => {
                return Err(CompileError::syntax(
                    "can't use starred expression here",
                    line,
                    e.span.col,
                ))
            }
            ExprKind::Lambda { params, body } => {
                self.make_function("<lambda>", params, FnBody::Expr(body), e.span, false)?;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0), line);
                self.expr(body)?;
                let to_end = self.emit(Instr::Jump(0), line);
                self.patch(to_else);
                self.expr(orelse)?;
                self.patch(to_end);
            }
            ExprKind::ListComp { elt, generators } => self.comprehension(
                e.span,
                "<listcomp>",
                generators,
                Instr::BuildList(0),
                |b, depth| {
                    b.expr(elt)?;
                    b.emit(Instr::ListAppend(depth), line);
                    Ok(())
                },
            )?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e.span, "<genexpr>", generators, Instr::Nop, |b, _| {
                    b.expr(elt)?;
                    b.emit(Instr::YieldValue, line);
                    b.emit(Instr::Pop, line);
                    Ok(())
                })?;
            }
            ExprKind::SetComp { elt, generators } => self.comprehension(
                e.span,
                "<setcomp>",
                generators,
                Instr::BuildSet(0),
                |b, depth| {
                    b.expr(elt)?;
                    b.emit(Instr::SetAdd(depth), line);
                    Ok(())
                },
            )?,
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(
                e.span,
                "<dictcomp>",
                generators,
                Instr::BuildMap(0),
                |b, depth| {
                    b.expr(key)?;
                    b.expr(value)?;
                    b.emit(Instr::MapAdd(depth), line);
                    Ok(())
                },
            )?,
            ExprKind::Await(value) => self.await_expr(value, line, e.span.col)?,
            ExprKind::Yield(value) => {
                if !self.in_function() {
                    return Err(CompileError::syntax(
                        "'yield' outside function",
                        line,
                        e.span.col,
                    ));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::None, line),
                }
                if self.flags.coroutine {
                    self.emit(Instr::AsyncGenYield, line);
                } else {
                    self.emit(Instr::YieldValue, line);
                }
            }
            ExprKind::YieldFrom(inner) => {
                if !self.in_function() {
                    return Err(CompileError::syntax(
                        "'yield' outside function",
                        line,
                        e.span.col,
                    ));
                }
                if self.flags.coroutine {
                    return Err(CompileError::syntax(
                        "'yield from' inside async function",
                        line,
                        e.span.col,
                    ));
                }
                self.expr(inner)?;
                self.emit(Instr::GetIter, line);
                self.emit_delegation(line);
            }
            ExprKind::FString(parts) => self.fstring(parts, line)?,
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Instr::Copy(1), line);
                self.store_name(target, line);
            }
        }
        Ok(())
    }

    fn compare(&mut self, left: &'s Expr, ops: &[CmpOp], comparators: &'s [Expr], line: u32) -> R {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.emit(Instr::Compare(ops[0]), line);
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (i, (op, comp)) in ops.iter().zip(comparators).enumerate() {
            self.expr(comp)?;
            if i + 1 < ops.len() {
                self.emit(Instr::Swap(2), line);
                self.emit(Instr::Copy(2), line);
                self.emit(Instr::Compare(*op), line);
                cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0), line));
            } else {
                self.emit(Instr::Compare(*op), line);
            }
        }
        let to_end = self.emit(Instr::Jump(0), line);
        for c in cleanups {
            self.patch(c);
        }
        self.emit(Instr::Swap(2), line);
        self.emit(Instr::Pop, line);
        self.patch(to_end);
        Ok(())
    }

    /// A list or tuple display, with `*iterable` unpacking where present.
    fn sequence(&mut self, items: &'s [Expr], line: u32, tuple: bool) -> R {
        if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
            self.emit(Instr::BuildList(0), line);
            for i in items {
                match &i.kind {
                    ExprKind::Starred(inner) => {
                        self.expr(inner)?;
                        self.emit(Instr::ListExtend(1), line);
                    }
                    _ => {
                        self.expr(i)?;
                        self.emit(Instr::ListAppend(1), line);
                    }
                }
            }
            if tuple {
                self.emit(Instr::ListToTuple, line);
            }
        } else {
            for i in items {
                self.expr(i)?;
            }
            let n = items.len() as Idx;
            self.emit(
                if tuple {
                    Instr::BuildTuple(n)
                } else {
                    Instr::BuildList(n)
                },
                line,
            );
        }
        Ok(())
    }

    fn call(&mut self, func: &'s Expr, args: &'s [Expr], keywords: &'s [Keyword], span: Span) -> R {
        let line = span.line;
        // Zero-argument super() inside a method becomes super(__class__, <first argument>).
        if let ExprKind::Name(n) = &func.kind {
            if n == "super" && args.is_empty() && keywords.is_empty() && self.in_function() {
                self.load_name("super", func.span);
                match self.cell_index("__class__") {
                    Some(i) if !self.varnames.is_empty() => {
                        self.emit(Instr::LoadDeref(i), line);
                        let first = self.scope.params.first().cloned().unwrap_or_default();
                        self.load_name(&first, span);
                        self.emit(Instr::Call(2), line);
                    }
                    _ => {
                        self.emit(Instr::Call(0), line);
                    }
                }
                return Ok(());
            }
        }
        self.expr(func)?;
        let has_star = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let has_dstar = keywords.iter().any(|k| k.name.is_none());
        if has_star || has_dstar {
            self.sequence(args, line, true)?;
            if !keywords.is_empty() {
                self.emit(Instr::BuildMap(0), line);
                for k in keywords {
                    match &k.name {
                        Some(n) => {
                            self.emit_const(Value::str(n), line);
                            self.expr(&k.value)?;
                            self.emit(Instr::MapAdd(1), line);
                        }
                        None => {
                            self.expr(&k.value)?;
                            self.emit(Instr::DictUpdate(1), line);
                        }
                    }
                }
            }
            self.emit(Instr::CallEx(!keywords.is_empty()), line);
            return Ok(());
        }
        for a in args {
            self.expr(a)?;
        }
        if keywords.is_empty() {
            self.emit(Instr::Call(args.len() as Idx), line);
        } else {
            let mut names = Vec::new();
            for k in keywords {
                self.expr(&k.value)?;
                names.push(Value::str(k.name.as_deref().unwrap_or_default()));
            }
            let names = self.add_const(Value::tuple(names));
            let argc = (args.len() + keywords.len()) as u16;
            self.emit(
                Instr::CallKw {
                    argc,
                    names: names as u16,
                },
                line,
            );
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &'s [FStringPart], line: u32) -> R {
        let mut count = 0;
        for p in parts {
            match p {
                FStringPart::Literal(s) => {
                    if s.is_empty() {
                        continue;
                    }
                    self.emit_const(Value::str(s), line);
                }
                FStringPart::Field(f) => {
                    if let Some(debug) = &f.debug_text {
                        self.emit_const(Value::str(debug), line);
                        count += 1;
                    }
                    self.expr(&f.value)?;
                    if let Some(spec) = &f.format_spec {
                        self.fstring(spec, line)?;
                    }
                    let conversion = f.conversion.map(|c| c as u8).unwrap_or(0);
                    self.emit(
                        Instr::FormatValue {
                            conversion,
                            has_spec: f.format_spec.is_some(),
                        },
                        line,
                    );
                }
            }
            count += 1;
        }
        if count != 1 {
            self.emit(Instr::BuildString(count), line);
        }
        if count == 0 {
            // BuildString(0) already pushed "".
        }
        Ok(())
    }

    /// Compiles a comprehension as a nested function called with the first iterator.
    fn comprehension(
        &mut self,
        span: Span,
        name: &str,
        generators: &'s [Comprehension],
        start: Instr,
        body: impl FnOnce(&mut CodeBuilder<'s>, Idx) -> R,
    ) -> R {
        let line = span.line;
        let scope = self.scope.child(span);
        let qualname = if self.in_function() {
            format!("{}.<locals>.{}", self.qualname, name)
        } else {
            name.to_string()
        };
        let mut cb = CodeBuilder::new(scope, name, &qualname, self.filename.clone(), line);
        cb.argcount = 1;
        let is_async = generators.iter().any(|g| g.is_async);
        if is_async && (start == Instr::Nop || !self.flags.coroutine) {
            let what = if start == Instr::Nop {
                "async generator expression"
            } else {
                "asynchronous comprehension outside of an asynchronous function"
            };
            if start == Instr::Nop {
                return Err(CompileError::unsupported(what, line, span.col));
            }
            return Err(CompileError::syntax(what, line, span.col));
        }
        // Inside `async def`, a list/set/dict comprehension may await: it is compiled as a
        // coroutine and awaited where it is used.
        let awaited = start != Instr::Nop && self.flags.coroutine;
        cb.flags = CodeFlags {
            generator: start == Instr::Nop,
            coroutine: awaited,
            ..CodeFlags::default()
        };
        cb.emit(Instr::Resume, line);
        if start != Instr::Nop {
            cb.emit(start, line);
        }
        let mut loops = Vec::new();
        for (i, g) in generators.iter().enumerate() {
            if i == 0 {
                cb.emit(Instr::LoadFast(0), line);
            } else {
                cb.expr(&g.iter)?;
                cb.emit(
                    if g.is_async {
                        Instr::GetAIter
                    } else {
                        Instr::GetIter
                    },
                    line,
                );
            }
            let top = cb.here();
            let exit = if g.is_async {
                cb.emit_async_next(line)
            } else {
                cb.emit(Instr::ForIter(0), line)
            };
            cb.store_target(&g.target)?;
            for cond in &g.ifs {
                cb.expr(cond)?;
                cb.emit(Instr::PopJumpIfFalse(top as Idx), line);
            }
            loops.push((top, exit));
        }
        body(&mut cb, generators.len() as Idx + 1)?;
        for (top, exit) in loops.into_iter().rev() {
            cb.jump_to(top, line);
            cb.patch(exit);
            if matches!(cb.instrs[exit], Instr::SetupFinally(_)) {
                cb.emit(Instr::EndAsyncFor, line);
            }
        }
        if start == Instr::Nop {
            cb.emit_const(Value::None, line);
        }
        cb.emit(Instr::Return, line);
        let code: Code = cb.finish();
        let flags = 0u8;
        self.emit_make_function(code, flags, line);
        self.expr(&generators[0].iter)?;
        self.emit(
            if generators[0].is_async {
                Instr::GetAIter
            } else {
                Instr::GetIter
            },
            line,
        );
        self.emit(Instr::Call(1), line);
        if awaited {
            self.emit(Instr::GetAwaitable, line);
            self.emit_delegation(line);
        }
        Ok(())
    }
}
