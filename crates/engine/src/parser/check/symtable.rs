//! The checks of CPython's symbol table pass.

use std::collections::HashSet;

use super::error;
use crate::ast::{Comprehension, Expr, ExprKind, Module, Params, Span, Stmt, StmtKind};
use crate::error::CompileError;

const DEF_GLOBAL: u8 = 1;
const DEF_LOCAL: u8 = 2;
const DEF_PARAM: u8 = 4;
const DEF_NONLOCAL: u8 = 8;
const USE: u8 = 16;
const DEF_ANNOT: u8 = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Module,
    Class,
    Function,
    /// A comprehension, with how CPython names it in `'yield' inside ...`.
    Comprehension(&'static str),
}

struct Scope {
    kind: Kind,
    /// Symbols in order of first appearance, with their flags.
    symbols: Vec<(String, u8)>,
    /// Where each `global`/`nonlocal` name was first declared.
    directives: Vec<(String, Span)>,
    children: Vec<usize>,
}

impl Scope {
    fn flags(&self, name: &str) -> u8 {
        self.symbols
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, f)| *f)
    }
}

struct Walker {
    scopes: Vec<Scope>,
    stack: Vec<usize>,
}

type R = Result<(), CompileError>;

pub(super) fn check(module: &Module) -> R {
    let mut w = Walker {
        scopes: Vec::new(),
        stack: Vec::new(),
    };
    w.enter(Kind::Module);
    w.stmts(&module.body)?;
    w.analyze(0, None)
}

impl Walker {
    fn cur(&mut self) -> &mut Scope {
        let i = self.stack.last().copied().unwrap_or(0);
        &mut self.scopes[i]
    }

    fn enter(&mut self, kind: Kind) {
        let i = self.scopes.len();
        self.scopes.push(Scope {
            kind,
            symbols: Vec::new(),
            directives: Vec::new(),
            children: Vec::new(),
        });
        if let Some(&parent) = self.stack.last() {
            self.scopes[parent].children.push(i);
        }
        self.stack.push(i);
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn add(&mut self, name: &str, flag: u8) {
        let scope = self.cur();
        match scope.symbols.iter_mut().find(|(n, _)| n == name) {
            Some((_, f)) => *f |= flag,
            None => scope.symbols.push((name.to_string(), flag)),
        }
    }

    /// The scope an assignment expression binds in: the nearest enclosing non-comprehension.
    fn add_walrus(&mut self, name: &str) {
        let target = self
            .stack
            .iter()
            .rev()
            .copied()
            .find(|&i| !matches!(self.scopes[i].kind, Kind::Comprehension(_)));
        if let Some(i) = target {
            let scope = &mut self.scopes[i];
            match scope.symbols.iter_mut().find(|(n, _)| n == name) {
                Some((_, f)) => *f |= DEF_LOCAL,
                None => scope.symbols.push((name.to_string(), DEF_LOCAL)),
            }
        }
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn params_outer(&mut self, params: &Params) -> R {
        let all = params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.kwonly);
        for p in all.clone() {
            if let Some(d) = &p.default {
                self.expr(d, false)?;
            }
        }
        let all = all.chain(&params.vararg).chain(&params.kwarg);
        for p in all {
            if let Some(a) = &p.annotation {
                self.expr(a, false)?;
            }
        }
        Ok(())
    }

    fn params_inner(&mut self, params: &Params) -> R {
        let all = params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.vararg)
            .chain(&params.kwonly)
            .chain(&params.kwarg);
        for p in all {
            if self.cur().flags(&p.name) & DEF_PARAM != 0 {
                return Err(error(
                    format!("duplicate argument '{}' in function definition", p.name),
                    p.span,
                ));
            }
            self.add(&p.name, DEF_PARAM);
        }
        Ok(())
    }

    fn declaration(&mut self, s: &Stmt, names: &[String], global: bool) -> R {
        let word = if global { "global" } else { "nonlocal" };
        for name in names {
            let cur = self.cur().flags(name);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {word}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {word} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {word}")
                } else {
                    format!("name '{name}' is assigned to before {word} declaration")
                };
                return Err(error(msg, s.span));
            }
            self.add(name, if global { DEF_GLOBAL } else { DEF_NONLOCAL });
            let scope = self.cur();
            if !scope.directives.iter().any(|(n, _)| n == name) {
                scope.directives.push((name.clone(), s.span));
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e, false),
            StmtKind::Assign { targets, value } => {
                targets.iter().try_for_each(|t| self.expr(t, true))?;
                self.expr(value, false)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, true)?;
                self.expr(value, false)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let ExprKind::Name(name) = &target.kind {
                    let cur = self.cur().flags(name);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.stack.len() > 1 {
                        let word = if cur & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(error(
                            format!("annotated name '{name}' can't be {word}"),
                            s.span,
                        ));
                    }
                    self.add(
                        name,
                        DEF_ANNOT | if value.is_some() { DEF_LOCAL } else { 0 },
                    );
                } else {
                    self.expr(target, true)?;
                }
                self.expr(annotation, false)?;
                value.as_ref().map_or(Ok(()), |v| self.expr(v, false))
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::Return(v) => v.as_ref().map_or(Ok(()), |v| self.expr(v, false)),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test, false)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(target, true)?;
                self.expr(iter, false)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::FunctionDef(f) => {
                self.add(&f.name, DEF_LOCAL);
                self.params_outer(&f.params)?;
                if let Some(r) = &f.returns {
                    self.expr(r, false)?;
                }
                f.decorators.iter().try_for_each(|d| self.expr(d, false))?;
                self.enter(Kind::Function);
                self.params_inner(&f.params)?;
                self.stmts(&f.body)?;
                self.exit();
                Ok(())
            }
            StmtKind::ClassDef(c) => {
                self.add(&c.name, DEF_LOCAL);
                c.bases.iter().try_for_each(|b| self.expr(b, false))?;
                c.keywords
                    .iter()
                    .try_for_each(|k| self.expr(&k.value, false))?;
                c.decorators.iter().try_for_each(|d| self.expr(d, false))?;
                self.enter(Kind::Class);
                self.stmts(&c.body)?;
                self.exit();
                Ok(())
            }
            StmtKind::Import(names) | StmtKind::ImportFrom { names, .. } => {
                for alias in names {
                    let bound = alias.asname.as_deref().unwrap_or(&alias.name);
                    let bound = bound.split('.').next().unwrap_or(bound).to_string();
                    self.add(&bound, DEF_LOCAL);
                }
                Ok(())
            }
            StmtKind::Global(names) => self.declaration(s, names, true),
            StmtKind::Nonlocal(names) => self.declaration(s, names, false),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t, false)?;
                    }
                    if let Some(name) = &h.name {
                        self.add(name, DEF_LOCAL);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)
            }
            StmtKind::Raise { exc, cause } => {
                exc.as_ref().map_or(Ok(()), |e| self.expr(e, false))?;
                cause.as_ref().map_or(Ok(()), |e| self.expr(e, false))
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context, false)?;
                    if let Some(t) = &item.target {
                        self.expr(t, true)?;
                    }
                }
                self.stmts(body)
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test, false)?;
                msg.as_ref().map_or(Ok(()), |m| self.expr(m, false))
            }
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.expr(t, true)),
        }
    }

    fn comprehension(
        &mut self,
        kind: &'static str,
        generators: &[Comprehension],
        elts: &[&Expr],
    ) -> R {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.expr(&first.iter, false)?;
        self.enter(Kind::Comprehension(kind));
        self.expr(&first.target, true)?;
        first.ifs.iter().try_for_each(|e| self.expr(e, false))?;
        for g in &generators[1..] {
            self.expr(&g.target, true)?;
            self.expr(&g.iter, false)?;
            g.ifs.iter().try_for_each(|e| self.expr(e, false))?;
        }
        elts.iter().try_for_each(|e| self.expr(e, false))?;
        self.exit();
        Ok(())
    }

    /// Visits an expression; `store` for assignment and deletion targets.
    fn expr(&mut self, e: &Expr, store: bool) -> R {
        match &e.kind {
            ExprKind::Name(name) => {
                self.add(name, if store { DEF_LOCAL } else { USE });
                Ok(())
            }
            ExprKind::Constant(_) => Ok(()),
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left, false)?;
                self.expr(right, false)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand, false),
            ExprKind::BoolOp { values, .. } => values.iter().try_for_each(|v| self.expr(v, false)),
            ExprKind::List(values) | ExprKind::Tuple(values) => {
                values.iter().try_for_each(|v| self.expr(v, store))
            }
            ExprKind::Set(values) => values.iter().try_for_each(|v| self.expr(v, false)),
            ExprKind::Starred(v) => self.expr(v, store),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left, false)?;
                comparators.iter().try_for_each(|v| self.expr(v, false))
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func, false)?;
                args.iter().try_for_each(|v| self.expr(v, false))?;
                keywords.iter().try_for_each(|k| self.expr(&k.value, false))
            }
            ExprKind::Attribute { value, .. } => self.expr(value, false),
            ExprKind::Subscript { value, index } => {
                self.expr(value, false)?;
                self.expr(index, false)
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part, false)?;
                }
                Ok(())
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k, false)?;
                    }
                    self.expr(v, false)?;
                }
                Ok(())
            }
            ExprKind::Lambda { params, body } => {
                self.params_outer(params)?;
                self.enter(Kind::Function);
                self.params_inner(params)?;
                self.expr(body, false)?;
                self.exit();
                Ok(())
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test, false)?;
                self.expr(body, false)?;
                self.expr(orelse, false)
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension("list comprehension", generators, &[elt])
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension("set comprehension", generators, &[elt])
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension("generator expression", generators, &[elt])
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension("dict comprehension", generators, &[value, key]),
            ExprKind::Await(v) => self.expr(v, false),
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                if let Kind::Comprehension(kind) = self.cur().kind {
                    return Err(error(format!("'yield' inside {kind}"), e.span));
                }
                match &e.kind {
                    ExprKind::Yield(Some(v)) | ExprKind::YieldFrom(v) => self.expr(v, false),
                    _ => Ok(()),
                }
            }
            ExprKind::FString(parts) => {
                for part in parts {
                    if let crate::ast::FStringPart::Field(f) = part {
                        self.expr(&f.value, false)?;
                        if let Some(spec) = &f.format_spec {
                            let wrapped = Expr {
                                kind: ExprKind::FString(spec.clone()),
                                span: e.span,
                            };
                            self.expr(&wrapped, false)?;
                        }
                    }
                }
                Ok(())
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value, false)?;
                self.add_walrus(target);
                Ok(())
            }
        }
    }

    /// CPython's `analyze_block`: `global`/`nonlocal` consistency, scope by scope.
    fn analyze(&self, i: usize, bound: Option<&HashSet<String>>) -> R {
        let scope = &self.scopes[i];
        let directive = |name: &str| {
            scope
                .directives
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| *s)
                .unwrap_or_default()
        };
        for (name, flags) in &scope.symbols {
            if flags & DEF_GLOBAL != 0 && flags & DEF_NONLOCAL != 0 {
                return Err(error(
                    format!("name '{name}' is nonlocal and global"),
                    directive(name),
                ));
            }
            if flags & DEF_NONLOCAL != 0 {
                match bound {
                    None => {
                        return Err(error(
                            "nonlocal declaration not allowed at module level",
                            directive(name),
                        ))
                    }
                    Some(b) if !b.contains(name) => {
                        return Err(error(
                            format!("no binding for nonlocal '{name}' found"),
                            directive(name),
                        ))
                    }
                    _ => {}
                }
            }
        }
        let mut new_bound: HashSet<String> = bound.cloned().unwrap_or_default();
        if matches!(scope.kind, Kind::Function | Kind::Comprehension(_)) {
            for (name, flags) in &scope.symbols {
                if flags & (DEF_LOCAL | DEF_PARAM) != 0 && flags & (DEF_GLOBAL | DEF_NONLOCAL) == 0
                {
                    new_bound.insert(name.clone());
                }
            }
        }
        for &child in &scope.children {
            self.analyze(child, Some(&new_bound))?;
        }
        Ok(())
    }
}
