//! Walking the expressions of one scope (not those of nested functions, lambdas and
//! comprehension bodies), to find out whether a function yields or awaits and whether a
//! comprehension runs as a coroutine.

use crate::ast::{Comprehension, Expr, ExprKind, FStringPart, Params, Stmt, StmtKind};

/// Whether a function body yields (in its own scope).
pub(super) fn body_yields(body: &[Stmt]) -> bool {
    let mut found = false;
    for s in body {
        visit_own_stmt(s, &mut |e| {
            found |= matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_))
        });
    }
    found
}

/// Whether a function body awaits (in its own scope).
pub(super) fn body_awaits(body: &[Stmt]) -> bool {
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
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => {
            e(target);
            e(annotation);
            value.iter().for_each(e);
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            e(test);
            body.iter().chain(orelse).for_each(|s| visit_own_stmt(s, f));
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            e(target);
            e(iter);
            body.iter().chain(orelse).for_each(|s| visit_own_stmt(s, f));
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            body.iter()
                .chain(orelse)
                .chain(finalbody)
                .for_each(|s| visit_own_stmt(s, f));
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
    let all = p
        .posonly
        .iter()
        .chain(&p.args)
        .chain(&p.vararg)
        .chain(&p.kwonly)
        .chain(&p.kwarg);
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
pub(super) fn for_each_child(e: &Expr, f: &mut dyn FnMut(&Expr), into_scopes: bool) {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => {}
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::BoolOp { values, .. }
        | ExprKind::List(values)
        | ExprKind::Tuple(values)
        | ExprKind::Set(values) => values.iter().for_each(f),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            f(left);
            comparators.iter().for_each(f);
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
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
            [lower, upper, step]
                .into_iter()
                .flatten()
                .for_each(|v| f(v));
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                k.iter().for_each(&mut *f);
                f(v);
            }
        }
        ExprKind::Lambda { params, body } => {
            params
                .posonly
                .iter()
                .chain(&params.args)
                .chain(&params.kwonly)
                .for_each(|p| {
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
        | ExprKind::GeneratorExp { elt, generators } => {
            comp_children(generators, &[elt], f, into_scopes)
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => comp_children(generators, &[key, value], f, into_scopes),
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

fn comp_children(
    generators: &[Comprehension],
    elts: &[&Expr],
    f: &mut dyn FnMut(&Expr),
    into: bool,
) {
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
pub(super) fn comprehension_is_async(generators: &[Comprehension], elts: &[&Expr]) -> bool {
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
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            expr_makes_async(&generators[0].iter)
                || comprehension_is_async(generators, &[key, value])
        }
        ExprKind::GeneratorExp { generators, .. } => expr_makes_async(&generators[0].iter),
        _ => {
            let mut found = false;
            for_each_child(e, &mut |c| found |= expr_makes_async(c), false);
            found
        }
    }
}
