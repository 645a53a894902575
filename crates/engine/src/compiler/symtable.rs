//! Scope analysis: decides for every name in every scope whether it is a fast local, a cell,
//! a free variable, a global or a namespace name, following Python's rules.

use crate::ast::*;
use crate::error::CompileError;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A fast local of a function.
    Local,
    /// A fast local captured by an inner scope (lives in a cell).
    Cell,
    /// Captured from an enclosing function.
    Free,
    /// Declared or implicitly global.
    Global,
    /// Module or class namespace lookup.
    Namespace,
}

#[derive(Debug, Default)]
pub struct Scope {
    pub kind_: Option<ScopeKind>,
    pub params: Vec<String>,
    assigned: HashSet<String>,
    used: HashSet<String>,
    globals: HashSet<String>,
    nonlocals: HashSet<String>,
    /// Names this scope needs from an enclosing function scope.
    pub free: Vec<String>,
    /// Own locals captured by inner scopes, in first-capture order.
    pub cells: Vec<String>,
    /// Child scopes keyed by the (line, col) where they start.
    pub children: HashMap<(u32, u32), Scope>,
    pub has_yield: bool,
    /// A method that uses `super()` or `__class__` needs the `__class__` cell.
    pub needs_class_cell: bool,
}

impl Scope {
    pub fn kind(&self) -> ScopeKind {
        self.kind_.unwrap_or(ScopeKind::Module)
    }

    pub fn classify(&self, name: &str) -> NameKind {
        match self.kind() {
            ScopeKind::Module => NameKind::Namespace,
            ScopeKind::Class => {
                if self.free.iter().any(|n| n == name) && !self.assigned.contains(name) {
                    NameKind::Free
                } else if self.globals.contains(name) {
                    NameKind::Global
                } else {
                    NameKind::Namespace
                }
            }
            ScopeKind::Function => {
                if self.globals.contains(name) {
                    NameKind::Global
                } else if self.cells.iter().any(|n| n == name) {
                    NameKind::Cell
                } else if self.free.iter().any(|n| n == name) {
                    NameKind::Free
                } else if self.is_local(name) {
                    NameKind::Local
                } else {
                    NameKind::Global
                }
            }
        }
    }

    fn is_local(&self, name: &str) -> bool {
        (self.assigned.contains(name) || self.params.iter().any(|p| p == name))
            && !self.globals.contains(name)
            && !self.nonlocals.contains(name)
    }

    /// Fast locals in order: parameters first, then other assigned names (sorted for
    /// determinism).
    pub fn local_names(&self) -> Vec<String> {
        let mut names = self.params.clone();
        let mut rest: Vec<&String> = self
            .assigned
            .iter()
            .filter(|n| !self.params.contains(n) && self.is_local(n))
            .collect();
        rest.sort();
        names.extend(rest.into_iter().cloned());
        names
    }

    pub fn child(&self, span: Span) -> &Scope {
        &self.children[&(span.line, span.col)]
    }
}

/// Builds the scope tree for a module and resolves free variables.
pub fn analyze(module: &Module) -> Result<Scope, CompileError> {
    let mut root = Scope {
        kind_: Some(ScopeKind::Module),
        ..Default::default()
    };
    let mut b = Builder;
    for s in &module.body {
        b.stmt(&mut root, s)?;
    }
    resolve(&mut root, &[]);
    Ok(root)
}

/// Resolves free variables top-down. `enclosing` lists the locals of enclosing function scopes.
fn resolve(scope: &mut Scope, enclosing: &[HashSet<String>]) {
    let own_locals: HashSet<String> = if scope.kind() == ScopeKind::Function {
        scope.local_names().into_iter().collect()
    } else {
        HashSet::new()
    };
    let mut chain: Vec<HashSet<String>> = enclosing.to_vec();
    if scope.kind() == ScopeKind::Function {
        chain.push(own_locals.clone());
    }
    let keys: Vec<(u32, u32)> = {
        let mut k: Vec<_> = scope.children.keys().copied().collect();
        k.sort();
        k
    };
    for key in keys {
        let child = scope.children.get_mut(&key).expect("child exists");
        resolve(child, &chain);
        let needs_class = child.needs_class_cell && child.kind() == ScopeKind::Function;
        let child_free = child.free.clone();
        for name in child_free {
            if scope.kind() == ScopeKind::Function && own_locals.contains(&name) {
                if !scope.cells.contains(&name) {
                    scope.cells.push(name);
                }
            } else if scope.kind() == ScopeKind::Class && name == "__class__" {
                // Provided by the class body itself.
            } else if !scope.free.contains(&name) {
                scope.free.push(name);
            }
        }
        if needs_class
            && scope.kind() == ScopeKind::Class
            && !scope.cells.contains(&"__class__".to_string())
        {
            scope.cells.push("__class__".into());
        }
    }
    // Names this scope reads (or declares nonlocal) that an enclosing function defines.
    if scope.kind() != ScopeKind::Module {
        let mut wanted: Vec<&String> = scope
            .used
            .iter()
            .chain(scope.nonlocals.iter())
            .filter(|n| {
                let local_here = (scope.kind() == ScopeKind::Function && own_locals.contains(*n))
                    || (scope.kind() == ScopeKind::Class && scope.assigned.contains(*n));
                scope.nonlocals.contains(*n) || (!scope.globals.contains(*n) && !local_here)
            })
            .collect();
        wanted.sort();
        for name in wanted {
            let from_enclosing = enclosing.iter().rev().any(|s| s.contains(name));
            if (from_enclosing || name == "__class__") && !scope.free.contains(name) {
                scope.free.push(name.clone());
            }
        }
    }
}

struct Builder;

fn scope_err(msg: &str, span: Span) -> CompileError {
    CompileError::syntax(msg, span.line, span.col)
}

impl Builder {
    fn new_scope(kind: ScopeKind) -> Scope {
        Scope {
            kind_: Some(kind),
            ..Default::default()
        }
    }

    fn stmts(&mut self, scope: &mut Scope, body: &[Stmt]) -> Result<(), CompileError> {
        for s in body {
            self.stmt(scope, s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, sc: &mut Scope, s: &Stmt) -> Result<(), CompileError> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(sc, e)?,
            StmtKind::Assign { targets, value } => {
                self.expr(sc, value)?;
                for t in targets {
                    self.target(sc, t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(sc, value)?;
                if let ExprKind::Name(n) = &target.kind {
                    sc.used.insert(n.clone());
                }
                self.target(sc, target)?;
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(sc, v)?;
                    self.target(sc, target)?;
                } else if let ExprKind::Name(n) = &target.kind {
                    if sc.kind() == ScopeKind::Function {
                        sc.assigned.insert(n.clone());
                    }
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(sc, v)?;
                }
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(sc, test)?;
                self.stmts(sc, body)?;
                self.stmts(sc, orelse)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(sc, iter)?;
                self.target(sc, target)?;
                self.stmts(sc, body)?;
                self.stmts(sc, orelse)?;
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(sc, d)?;
                }
                self.defaults(sc, &f.params)?;
                sc.assigned.insert(f.name.clone());
                let child = self.function(&f.params, |b, child| b.stmts(child, &f.body))?;
                sc.children.insert((f.span.line, f.span.col), child);
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(sc, d)?;
                }
                for b in &c.bases {
                    self.expr(sc, b)?;
                }
                for k in &c.keywords {
                    self.expr(sc, &k.value)?;
                }
                sc.assigned.insert(c.name.clone());
                let mut child = Self::new_scope(ScopeKind::Class);
                self.stmts(&mut child, &c.body)?;
                sc.children.insert((c.span.line, c.span.col), child);
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = a
                        .asname
                        .clone()
                        .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                    sc.assigned.insert(bound);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    sc.assigned
                        .insert(a.asname.clone().unwrap_or_else(|| a.name.clone()));
                }
            }
            StmtKind::Global(names) => {
                for n in names {
                    if sc.params.contains(n) {
                        return Err(scope_err(
                            &format!("name '{n}' is parameter and global"),
                            s.span,
                        ));
                    }
                    sc.globals.insert(n.clone());
                }
            }
            StmtKind::Nonlocal(names) => {
                if sc.kind() == ScopeKind::Module {
                    return Err(scope_err(
                        "nonlocal declaration not allowed at module level",
                        s.span,
                    ));
                }
                for n in names {
                    sc.nonlocals.insert(n.clone());
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(sc, body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(sc, t)?;
                    }
                    if let Some(n) = &h.name {
                        sc.assigned.insert(n.clone());
                    }
                    self.stmts(sc, &h.body)?;
                }
                self.stmts(sc, orelse)?;
                self.stmts(sc, finalbody)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(sc, e)?;
                }
                if let Some(c) = cause {
                    self.expr(sc, c)?;
                }
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(sc, &it.context)?;
                    if let Some(t) = &it.target {
                        self.target(sc, t)?;
                    }
                }
                self.stmts(sc, body)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(sc, test)?;
                if let Some(m) = msg {
                    self.expr(sc, m)?;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(sc, t)?;
                }
            }
        }
        Ok(())
    }

    fn defaults(&mut self, sc: &mut Scope, p: &Params) -> Result<(), CompileError> {
        for param in p.posonly.iter().chain(&p.args).chain(&p.kwonly) {
            if let Some(d) = &param.default {
                self.expr(sc, d)?;
            }
        }
        Ok(())
    }

    fn function(
        &mut self,
        p: &Params,
        body: impl FnOnce(&mut Self, &mut Scope) -> Result<(), CompileError>,
    ) -> Result<Scope, CompileError> {
        let mut child = Self::new_scope(ScopeKind::Function);
        child.params = param_names(p);
        body(self, &mut child)?;
        Ok(child)
    }

    fn target(&mut self, sc: &mut Scope, t: &Expr) -> Result<(), CompileError> {
        match &t.kind {
            ExprKind::Name(n) => {
                sc.assigned.insert(n.clone());
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(sc, i)?;
                }
            }
            ExprKind::Starred(inner) => self.target(sc, inner)?,
            ExprKind::Attribute { value, .. } => self.expr(sc, value)?,
            ExprKind::Subscript { value, index } => {
                self.expr(sc, value)?;
                self.expr(sc, index)?;
            }
            _ => self.expr(sc, t)?,
        }
        Ok(())
    }

    fn expr(&mut self, sc: &mut Scope, e: &Expr) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Name(n) => {
                if n == "super" && sc.kind() == ScopeKind::Function {
                    sc.needs_class_cell = true;
                    sc.used.insert("__class__".into());
                }
                sc.used.insert(n.clone());
            }
            ExprKind::Constant(_) => {}
            ExprKind::BinOp { left, right, .. } => {
                self.expr(sc, left)?;
                self.expr(sc, right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(sc, operand)?,
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(sc, v)?;
                }
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(sc, left)?;
                for c in comparators {
                    self.expr(sc, c)?;
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(sc, func)?;
                for a in args {
                    self.expr(sc, a)?;
                }
                for k in keywords {
                    self.expr(sc, &k.value)?;
                }
            }
            ExprKind::Attribute { value, .. } => self.expr(sc, value)?,
            ExprKind::Subscript { value, index } => {
                self.expr(sc, value)?;
                self.expr(sc, index)?;
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(sc, part)?;
                }
            }
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                for i in items {
                    self.expr(sc, i)?;
                }
            }
            ExprKind::Dict(pairs) => {
                for (k, v) in pairs {
                    if let Some(k) = k {
                        self.expr(sc, k)?;
                    }
                    self.expr(sc, v)?;
                }
            }
            ExprKind::Starred(inner) | ExprKind::Await(inner) | ExprKind::YieldFrom(inner) => {
                if matches!(e.kind, ExprKind::YieldFrom(_)) {
                    sc.has_yield = true;
                }
                self.expr(sc, inner)?
            }
            ExprKind::Lambda { params, body } => {
                self.defaults(sc, params)?;
                let child = self.function(params, |b, child| b.expr(child, body))?;
                sc.children.insert((e.span.line, e.span.col), child);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(sc, test)?;
                self.expr(sc, body)?;
                self.expr(sc, orelse)?;
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                let is_gen = matches!(e.kind, ExprKind::GeneratorExp { .. });
                self.comprehension(sc, e.span, generators, is_gen, |b, child| {
                    b.expr(child, elt)
                })?;
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.comprehension(sc, e.span, generators, false, |b, child| {
                    b.expr(child, key)?;
                    b.expr(child, value)
                })?;
            }
            ExprKind::Yield(v) => {
                sc.has_yield = true;
                if let Some(v) = v {
                    self.expr(sc, v)?;
                }
            }
            ExprKind::FString(parts) => self.fstring(sc, parts)?,
            ExprKind::NamedExpr { target, value } => {
                self.expr(sc, value)?;
                sc.assigned.insert(target.clone());
            }
        }
        Ok(())
    }

    fn fstring(&mut self, sc: &mut Scope, parts: &[FStringPart]) -> Result<(), CompileError> {
        for p in parts {
            if let FStringPart::Field(f) = p {
                self.expr(sc, &f.value)?;
                if let Some(spec) = &f.format_spec {
                    self.fstring(sc, spec)?;
                }
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        sc: &mut Scope,
        span: Span,
        generators: &[Comprehension],
        is_generator: bool,
        elt: impl FnOnce(&mut Self, &mut Scope) -> Result<(), CompileError>,
    ) -> Result<(), CompileError> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.expr(sc, &first.iter)?;
        let mut child = Self::new_scope(ScopeKind::Function);
        child.params = vec![".0".into()];
        child.has_yield = is_generator;
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&mut child, &g.iter)?;
            }
            self.target(&mut child, &g.target)?;
            for cond in &g.ifs {
                self.expr(&mut child, cond)?;
            }
        }
        elt(self, &mut child)?;
        sc.children.insert((span.line, span.col), child);
        Ok(())
    }
}

pub fn param_names(p: &Params) -> Vec<String> {
    let mut names: Vec<String> = p
        .posonly
        .iter()
        .chain(&p.args)
        .map(|a| a.name.clone())
        .collect();
    names.extend(p.kwonly.iter().map(|a| a.name.clone()));
    if let Some(v) = &p.vararg {
        names.push(v.name.clone());
    }
    if let Some(k) = &p.kwarg {
        names.push(k.name.clone());
    }
    names
}
