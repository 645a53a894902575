//! The checks of CPython's compiler, in the order it compiles the module.

use std::collections::HashSet;

use super::error;
use crate::ast::{Comprehension, Expr, ExprKind, FStringPart, Keyword, Module, Params, Stmt, StmtKind};
use crate::error::CompileError;

type R = Result<(), CompileError>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Module,
    Class,
    /// `is_coroutine`: `async def`, or a body that awaits (CPython's `ste_coroutine`).
    Function { is_async: bool, is_coroutine: bool, is_generator: bool },
    Lambda,
    Comprehension,
}

struct Checker {
    scope: Scope,
    loops: u32,
}

pub(super) fn check(module: &Module) -> R {
    Checker { scope: Scope::Module, loops: 0 }.stmts(&module.body)
}

/// Whether a function body yields (in its own scope).
fn body_yields(body: &[Stmt]) -> bool {
    let mut found = false;
    for s in body {
        visit_own_stmt(s, &mut |e| found |= matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)));
    }
    found
}

/// Whether a function body awaits (in its own scope).
fn body_awaits(body: &[Stmt]) -> bool {
    let mut found = false;
    for s in body {
        visit_own_stmt(s, &mut |e| found |= matches!(e.kind, ExprKind::Await(_)));
    }
    found
}

/// Calls `f` on every expression of `s` that belongs to the same scope.
fn visit_own_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    let mut e = |x: &Expr| visit_own_expr(x, f);
    match &s.kind {
        StmtKind::Expr(x) | StmtKind::Return(Some(x)) => e(x),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(&mut e);
            e(value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            e(target);
            e(value);
        }
        StmtKind::AnnAssign { target, annotation, value } => {
            e(target);
            e(annotation);
            value.iter().for_each(e);
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            e(test);
            body.iter().chain(orelse).for_each(|s| visit_own_stmt(s, f));
        }
        StmtKind::For { target, iter, body, orelse, .. } => {
            e(target);
            e(iter);
            body.iter().chain(orelse).for_each(|s| visit_own_stmt(s, f));
        }
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            body.iter().chain(orelse).chain(finalbody).for_each(|s| visit_own_stmt(s, f));
            for h in handlers {
                if let Some(t) = &h.typ {
                    visit_own_expr(t, f);
                }
                h.body.iter().for_each(|s| visit_own_stmt(s, f));
            }
        }
        StmtKind::With { items, body, .. } => {
            for item in items {
                visit_own_expr(&item.context, f);
                if let Some(t) = &item.target {
                    visit_own_expr(t, f);
                }
            }
            body.iter().for_each(|s| visit_own_stmt(s, f));
        }
        StmtKind::Raise { exc, cause } => exc.iter().chain(cause).for_each(e),
        StmtKind::Assert { test, msg } => {
            e(test);
            msg.iter().for_each(e);
        }
        StmtKind::Delete(targets) => targets.iter().for_each(e),
        StmtKind::FunctionDef(d) => {
            d.decorators.iter().for_each(&mut e);
            params_exprs(&d.params).for_each(&mut e);
            d.returns.iter().for_each(e);
        }
        StmtKind::ClassDef(c) => {
            c.decorators.iter().chain(&c.bases).for_each(&mut e);
            c.keywords.iter().for_each(|k| e(&k.value));
        }
        _ => {}
    }
}

fn params_exprs(p: &Params) -> impl Iterator<Item = &Expr> {
    let all = p.posonly.iter().chain(&p.args).chain(&p.vararg).chain(&p.kwonly).chain(&p.kwarg);
    all.flat_map(|p| p.default.iter().chain(&p.annotation))
}

/// Calls `f` on `e` and its sub-expressions in the same scope (not inside lambdas or, except
/// for the first iterable, comprehensions).
fn visit_own_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    for_each_child(e, &mut |c| visit_own_expr(c, f), false);
}

/// Calls `f` on the direct sub-expressions of `e`. With `into_scopes` false, the parts of
/// lambdas and comprehensions that run in their own scope are skipped.
fn for_each_child(e: &Expr, f: &mut dyn FnMut(&Expr), into_scopes: bool) {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => {}
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::BoolOp { values, .. } | ExprKind::List(values) | ExprKind::Tuple(values) | ExprKind::Set(values) => {
            values.iter().for_each(f)
        }
        ExprKind::Compare { left, comparators, .. } => {
            f(left);
            comparators.iter().for_each(f);
        }
        ExprKind::Call { func, args, keywords } => {
            f(func);
            args.iter().for_each(&mut *f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        ExprKind::Attribute { value, .. }
        | ExprKind::Starred(value)
        | ExprKind::Await(value)
        | ExprKind::YieldFrom(value)
        | ExprKind::NamedExpr { value, .. } => f(value),
        ExprKind::Yield(value) => value.iter().for_each(|v| f(v)),
        ExprKind::Subscript { value, index } => {
            f(value);
            f(index);
        }
        ExprKind::Slice { lower, upper, step } => {
            [lower, upper, step].into_iter().flatten().for_each(|v| f(v));
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                k.iter().for_each(&mut *f);
                f(v);
            }
        }
        ExprKind::Lambda { params, body } => {
            params.posonly.iter().chain(&params.args).chain(&params.kwonly).for_each(|p| {
                p.default.iter().for_each(&mut *f);
            });
            if into_scopes {
                f(body);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => comp_children(generators, &[elt], f, into_scopes),
        ExprKind::DictComp { key, value, generators } => {
            comp_children(generators, &[key, value], f, into_scopes)
        }
        ExprKind::FString(parts) => fstring_children(parts, f),
    }
}

fn fstring_children(parts: &[FStringPart], f: &mut dyn FnMut(&Expr)) {
    for part in parts {
        if let FStringPart::Field(field) = part {
            f(&field.value);
            if let Some(spec) = &field.format_spec {
                fstring_children(spec, f);
            }
        }
    }
}

fn comp_children(generators: &[Comprehension], elts: &[&Expr], f: &mut dyn FnMut(&Expr), into: bool) {
    if let Some(first) = generators.first() {
        f(&first.iter);
    }
    if !into {
        return;
    }
    for (i, g) in generators.iter().enumerate() {
        if i > 0 {
            f(&g.iter);
        }
        f(&g.target);
        g.ifs.iter().for_each(&mut *f);
    }
    elts.iter().for_each(|e| f(e));
}

/// Whether a comprehension runs as a coroutine: `async for`, or `await` in its own scope, or
/// a nested list/set/dict comprehension that does.
fn comprehension_is_async(generators: &[Comprehension], elts: &[&Expr]) -> bool {
    if generators.iter().any(|g| g.is_async) {
        return true;
    }
    let mut found = false;
    let mut check = |e: &Expr| found |= expr_makes_async(e);
    for (i, g) in generators.iter().enumerate() {
        if i > 0 {
            check(&g.iter);
        }
        check(&g.target);
        g.ifs.iter().for_each(&mut check);
    }
    elts.iter().for_each(|e| check(e));
    found
}

fn expr_makes_async(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Await(_) => true,
        ExprKind::Lambda { .. } => false,
        ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
            expr_makes_async(&generators[0].iter) || comprehension_is_async(generators, &[elt])
        }
        ExprKind::DictComp { key, value, generators } => {
            expr_makes_async(&generators[0].iter) || comprehension_is_async(generators, &[key, value])
        }
        ExprKind::GeneratorExp { generators, .. } => expr_makes_async(&generators[0].iter),
        _ => {
            let mut found = false;
            for_each_child(e, &mut |c| found |= expr_makes_async(c), false);
            found
        }
    }
}

impl Checker {
    fn stmts(&mut self, body: &[Stmt]) -> R {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn nested(&mut self, scope: Scope, loops: u32, f: impl FnOnce(&mut Checker) -> R) -> R {
        let saved = (self.scope, self.loops);
        self.scope = scope;
        self.loops = loops;
        let r = f(self);
        (self.scope, self.loops) = saved;
        r
    }

    fn in_loop(&mut self, body: &[Stmt]) -> R {
        self.loops += 1;
        let r = self.stmts(body);
        self.loops -= 1;
        r
    }

    fn is_async(&self) -> bool {
        matches!(self.scope, Scope::Function { is_async: true, .. })
    }

    fn params(&mut self, p: &Params) -> R {
        for d in p.posonly.iter().chain(&p.args).chain(&p.kwonly).filter_map(|p| p.default.as_ref()) {
            self.expr(d)?;
        }
        let all = p.posonly.iter().chain(&p.args).chain(&p.vararg).chain(&p.kwonly).chain(&p.kwarg);
        for a in all.filter_map(|p| p.annotation.as_ref()) {
            self.expr(a)?;
        }
        Ok(())
    }

    fn keywords(&mut self, keywords: &[Keyword]) -> R {
        let mut seen = HashSet::new();
        for k in keywords {
            if let Some(name) = &k.name {
                if !seen.insert(name.as_str()) {
                    return Err(error(format!("keyword argument repeated: {name}"), k.span));
                }
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                targets.iter().try_for_each(|t| self.target(t))
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.target(target)?;
                self.expr(value)
            }
            StmtKind::AnnAssign { target, annotation, value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.target(target)?;
                self.expr(annotation)
            }
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Import(_) | StmtKind::ImportFrom { .. } => Ok(()),
            StmtKind::Break if self.loops == 0 => Err(error("'break' outside loop", s.span)),
            StmtKind::Continue if self.loops == 0 => Err(error("'continue' not properly in loop", s.span)),
            StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::Return(value) => {
                let Scope::Function { is_coroutine, is_generator, .. } = self.scope else {
                    return Err(error("'return' outside function", s.span));
                };
                if value.is_some() && is_coroutine && is_generator {
                    return Err(error("'return' with value in async generator", s.span));
                }
                value.as_ref().map_or(Ok(()), |v| self.expr(v))
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.in_loop(body)?;
                self.stmts(orelse)
            }
            StmtKind::For { target, iter, body, orelse, is_async } => {
                if *is_async && !self.is_async() {
                    return Err(error("'async for' outside async function", s.span));
                }
                self.expr(iter)?;
                self.target(target)?;
                self.in_loop(body)?;
                self.stmts(orelse)
            }
            StmtKind::With { items, body, is_async } => {
                if *is_async && !self.is_async() {
                    return Err(error("'async with' outside async function", s.span));
                }
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(t) = &item.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for (i, h) in handlers.iter().enumerate() {
                    if h.typ.is_none() && i + 1 < handlers.len() {
                        return Err(error("default 'except:' must be last", h.span));
                    }
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)
            }
            StmtKind::Raise { exc, cause } => {
                exc.as_ref().map_or(Ok(()), |e| self.expr(e))?;
                cause.as_ref().map_or(Ok(()), |e| self.expr(e))
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                msg.as_ref().map_or(Ok(()), |m| self.expr(m))
            }
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.target(t)),
            StmtKind::FunctionDef(d) => {
                d.decorators.iter().try_for_each(|e| self.expr(e))?;
                self.params(&d.params)?;
                if let Some(r) = &d.returns {
                    self.expr(r)?;
                }
                let scope = Scope::Function {
                    is_async: d.is_async,
                    is_coroutine: d.is_async || body_awaits(&d.body),
                    is_generator: body_yields(&d.body),
                };
                self.nested(scope, 0, |c| c.stmts(&d.body))
            }
            StmtKind::ClassDef(c) => {
                c.decorators.iter().try_for_each(|e| self.expr(e))?;
                self.nested(Scope::Class, 0, |ch| ch.stmts(&c.body))?;
                c.bases.iter().try_for_each(|e| self.expr(e))?;
                self.keywords(&c.keywords)?;
                c.keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
        }
    }

    /// An assignment or deletion target.
    fn target(&mut self, t: &Expr) -> R {
        match &t.kind {
            ExprKind::Starred(_) => Err(error("starred assignment target must be in a list or tuple", t.span)),
            ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                let stars = elts.iter().filter(|e| matches!(e.kind, ExprKind::Starred(_))).count();
                if stars > 1 {
                    return Err(error("multiple starred expressions in assignment", t.span));
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred(inner) => self.target(inner)?,
                        _ => self.target(e)?,
                    }
                }
                Ok(())
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            _ => self.expr(t),
        }
    }

    /// Elements of a display or call arguments, where `*x` is allowed.
    fn elements(&mut self, elts: &[Expr]) -> R {
        for e in elts {
            match &e.kind {
                ExprKind::Starred(inner) => self.expr(inner)?,
                _ => self.expr(e)?,
            }
        }
        Ok(())
    }

    fn comprehension(&mut self, e: &Expr, generators: &[Comprehension], elts: &[&Expr], genexp: bool) -> R {
        if comprehension_is_async(generators, elts)
            && !genexp
            && !self.is_async()
            && self.scope != Scope::Comprehension
        {
            return Err(error("asynchronous comprehension outside of an asynchronous function", e.span));
        }
        self.nested(Scope::Comprehension, 0, |c| {
            for (i, g) in generators.iter().enumerate() {
                if i > 0 {
                    c.expr(&g.iter)?;
                }
                c.target(&g.target)?;
                g.ifs.iter().try_for_each(|x| c.expr(x))?;
            }
            elts.iter().try_for_each(|x| c.expr(x))
        })?;
        self.expr(&generators[0].iter)
    }

    fn expr(&mut self, e: &Expr) -> R {
        match &e.kind {
            ExprKind::Starred(_) => Err(error("can't use starred expression here", e.span)),
            ExprKind::List(elts) | ExprKind::Tuple(elts) | ExprKind::Set(elts) => self.elements(elts),
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                self.keywords(keywords)?;
                self.elements(args)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            ExprKind::Lambda { params, body } => {
                self.params(params)?;
                self.nested(Scope::Lambda, 0, |c| c.expr(body))
            }
            ExprKind::Await(value) => {
                match self.scope {
                    Scope::Module | Scope::Class => return Err(error("'await' outside function", e.span)),
                    Scope::Lambda | Scope::Function { is_async: false, .. } => {
                        return Err(error("'await' outside async function", e.span))
                    }
                    _ => {}
                }
                self.expr(value)
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                if matches!(self.scope, Scope::Module | Scope::Class) {
                    return Err(error("'yield' outside function", e.span));
                }
                if matches!(e.kind, ExprKind::YieldFrom(_)) && self.is_async() {
                    return Err(error("'yield from' inside async function", e.span));
                }
                let mut r = Ok(());
                for_each_child(e, &mut |c| {
                    if r.is_ok() {
                        r = self.expr(c);
                    }
                }, false);
                r
            }
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, generators, &[elt], false)
            }
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(e, generators, &[elt], true),
            ExprKind::DictComp { key, value, generators } => self.comprehension(e, generators, &[key, value], false),
            _ => {
                let mut r = Ok(());
                for_each_child(e, &mut |c| {
                    if r.is_ok() {
                        r = self.expr(c);
                    }
                }, false);
                r
            }
        }
    }
}
