//! The checks of CPython's compiler, in the order it compiles the module.

use std::collections::HashSet;

use super::error;
use super::walk::{body_awaits, body_yields, comprehension_is_async, for_each_child};
use crate::ast::{Comprehension, Expr, ExprKind, Keyword, Module, Params, Stmt, StmtKind};
use crate::error::CompileError;

type R = Result<(), CompileError>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Module,
    Class,
    /// `is_coroutine`: `async def`, or a body that awaits (CPython's `ste_coroutine`).
    Function {
        is_async: bool,
        is_coroutine: bool,
        is_generator: bool,
    },
    Lambda,
    Comprehension,
}

struct Checker {
    scope: Scope,
    loops: u32,
}

pub(super) fn check(module: &Module) -> R {
    Checker {
        scope: Scope::Module,
        loops: 0,
    }
    .stmts(&module.body)
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
        for d in p
            .posonly
            .iter()
            .chain(&p.args)
            .chain(&p.kwonly)
            .filter_map(|p| p.default.as_ref())
        {
            self.expr(d)?;
        }
        let all = p
            .posonly
            .iter()
            .chain(&p.args)
            .chain(&p.vararg)
            .chain(&p.kwonly)
            .chain(&p.kwarg);
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
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.target(target)?;
                self.expr(annotation)
            }
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Import(_) | StmtKind::ImportFrom { .. } => Ok(()),
            StmtKind::Break if self.loops == 0 => Err(error("'break' outside loop", s.span)),
            StmtKind::Continue if self.loops == 0 => {
                Err(error("'continue' not properly in loop", s.span))
            }
            StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::Return(value) => {
                let Scope::Function {
                    is_coroutine,
                    is_generator,
                    ..
                } = self.scope
                else {
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
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async && !self.is_async() {
                    return Err(error("'async for' outside async function", s.span));
                }
                self.expr(iter)?;
                self.target(target)?;
                self.in_loop(body)?;
                self.stmts(orelse)
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
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
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
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
            ExprKind::Starred(_) => Err(error(
                "starred assignment target must be in a list or tuple",
                t.span,
            )),
            ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                let stars = elts
                    .iter()
                    .filter(|e| matches!(e.kind, ExprKind::Starred(_)))
                    .count();
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

    fn comprehension(
        &mut self,
        e: &Expr,
        generators: &[Comprehension],
        elts: &[&Expr],
        genexp: bool,
    ) -> R {
        if comprehension_is_async(generators, elts)
            && !genexp
            && !self.is_async()
            && self.scope != Scope::Comprehension
        {
            return Err(error(
                "asynchronous comprehension outside of an asynchronous function",
                e.span,
            ));
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
            ExprKind::List(elts) | ExprKind::Tuple(elts) | ExprKind::Set(elts) => {
                self.elements(elts)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
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
                    Scope::Module | Scope::Class => {
                        return Err(error("'await' outside function", e.span))
                    }
                    Scope::Lambda
                    | Scope::Function {
                        is_async: false, ..
                    } => return Err(error("'await' outside async function", e.span)),
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
                for_each_child(
                    e,
                    &mut |c| {
                        if r.is_ok() {
                            r = self.expr(c);
                        }
                    },
                    false,
                );
                r
            }
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, generators, &[elt], false)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, generators, &[elt], true)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, generators, &[key, value], false),
            _ => {
                let mut r = Ok(());
                for_each_child(
                    e,
                    &mut |c| {
                        if r.is_ok() {
                            r = self.expr(c);
                        }
                    },
                    false,
                );
                r
            }
        }
    }
}
