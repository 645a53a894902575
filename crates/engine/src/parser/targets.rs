//! Assignment, `for` and `del` targets, and CPython's errors for invalid ones.

use super::expr::mk;
use super::{PErr, PResult, Parser, T};
use crate::ast::{Constant, Expr, ExprKind};
use crate::lexer::{Kw, Op};

/// Which kind of target a check is for (CPython's `TARGETS_TYPE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TargetKind {
    Star,
    For,
    Del,
}

/// How CPython names an expression in error messages (`_PyPegen_get_expr_name`).
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The part of `e` that cannot be a target, if any (`_PyPegen_get_invalid_target`).
pub(super) fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List(elts) | ExprKind::Tuple(elts) => {
            elts.iter().find_map(|elt| invalid_target(elt, kind))
        }
        ExprKind::Starred(value) => {
            if kind == TargetKind::Del {
                Some(e)
            } else {
                invalid_target(value, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if kind == TargetKind::For {
                if ops[0] == crate::ast::CmpOp::In {
                    return invalid_target(left, kind);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// Whether `e` is a valid `single_target` (augmented and annotated assignments).
pub(super) fn is_single_target(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
    )
}

impl Parser {
    /// The targets of a `for` statement or comprehension, up to `in`.
    pub(super) fn for_targets(&mut self, kind: TargetKind) -> PResult<Expr> {
        let start = self.pos;
        let result = self.target_list();
        if let Ok(target) = &result {
            if self.at_kw(Kw::In) {
                if let Some(bad) = invalid_target(target, kind) {
                    return Err(
                        self.error_at(format!("cannot assign to {}", expr_name(bad)), bad.span)
                    );
                }
                return result;
            }
        }
        // CPython's `invalid_for_target`: the targets read as expressions.
        let mark = self.mark();
        self.pos = start;
        let as_expr = self.star_expressions();
        self.reset(mark);
        match as_expr {
            Ok(e) => {
                if let Some(bad) = invalid_target(&e, TargetKind::For) {
                    return Err(
                        self.error_at(format!("cannot assign to {}", expr_name(bad)), bad.span)
                    );
                }
            }
            Err(PErr::Error(err)) => return Err(PErr::Error(err)),
            Err(PErr::Generic) => {}
        }
        result.and(Err(PErr::Generic))
    }

    /// Comma-separated `[*]bitwise_or`, a tuple if there is a comma.
    fn target_list(&mut self) -> PResult<Expr> {
        let start = self.span();
        let first = self.target_element()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma).is_some() {
            if !self.can_start_star_expression() {
                break;
            }
            elts.push(self.target_element()?);
        }
        let span = start.to(self.prev_span());
        Ok(mk(ExprKind::Tuple(elts), span))
    }

    /// `star_target`: `*target`, or a primary (CPython's `t_primary`-based targets examine
    /// the same tokens).
    pub(super) fn target_element(&mut self) -> PResult<Expr> {
        if let Some(star) = self.eat_op(Op::Star) {
            if self.at_op(Op::Star) {
                return Err(PErr::Generic);
            }
            let value = self.nested(|p| p.target_element())?;
            let span = star.to(self.prev_span());
            return Ok(mk(ExprKind::Starred(Box::new(value)), span));
        }
        self.primary()
    }

    /// Whether the expression at the current token starts with a list display, a
    /// parenthesised tuple, a generator expression, `True`, `None` or `False`.
    fn starts_with_display_or_singleton(&mut self) -> bool {
        match self.t() {
            T::Kw(Kw::True | Kw::None | Kw::False) => true,
            T::Op(Op::LSqb) => {
                matches!(
                    self.speculate(|p| p.atom()),
                    Some(Expr {
                        kind: ExprKind::List(_),
                        ..
                    })
                )
            }
            T::Op(Op::LPar) => self
                .speculate(|p| {
                    let open = p.pos;
                    let e = p.atom()?;
                    let parenthesized = e.span.line == p.toks[open].span.line
                        && e.span.col == p.toks[open].span.col;
                    Ok(parenthesized
                        && matches!(e.kind, ExprKind::Tuple(_) | ExprKind::GeneratorExp { .. }))
                })
                .unwrap_or(false),
            _ => false,
        }
    }

    /// CPython's `invalid_named_expression`, tried at token `start`: `a.b := 1`,
    /// `if x = 1:` and `f() = 1`.
    pub(super) fn invalid_named_expression(&mut self, start: usize) -> Option<PErr> {
        if !self.invalid_rules {
            return None;
        }
        let mark = self.mark();
        self.pos = start;
        let found = self.invalid_named_expression_here();
        self.reset(mark);
        found
    }

    fn invalid_named_expression_here(&mut self) -> Option<PErr> {
        // Errors found while reading (CPython's second pass raises them) are returned too.
        macro_rules! attempt {
            ($e:expr) => {
                match $e {
                    Ok(v) => Some(v),
                    Err(PErr::Error(err)) => return Some(PErr::Error(err)),
                    Err(PErr::Generic) => None,
                }
            };
        }
        let start = self.pos;
        if let Some(a) = attempt!(self.expression()) {
            if self.eat_op(Op::ColonEqual).is_some() && attempt!(self.expression()).is_some() {
                let msg = format!("cannot use assignment expressions with {}", expr_name(&a));
                return Some(self.error_at(msg, a.span));
            }
        }
        self.pos = start;
        if self.at(T::Name) && self.t_at(1) == T::Op(Op::Equal) {
            let a = self.bump();
            self.bump();
            if let Some(b) = attempt!(self.bitwise_or()) {
                if !self.at_op(Op::Equal) && !self.at_op(Op::ColonEqual) {
                    let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
                    return Some(self.error_at(msg, a.to(b.span)));
                }
            }
        }
        self.pos = start;
        if !self.starts_with_display_or_singleton() {
            if let Some(a) = attempt!(self.bitwise_or()) {
                if self.eat_op(Op::Equal).is_some()
                    && attempt!(self.bitwise_or()).is_some()
                    && !self.at_op(Op::Equal)
                    && !self.at_op(Op::ColonEqual)
                {
                    let msg = format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(&a)
                    );
                    return Some(self.error_at(msg, a.span));
                }
            }
        }
        None
    }

    /// The error for an assignment `exprs[0] = exprs[1] = ... = value` (statement starting
    /// at token `start`) with an invalid target, as CPython's `invalid_assignment` finds it.
    pub(super) fn invalid_assignment(&mut self, start: usize, targets: &[Expr]) -> PErr {
        // `star_named_expression (',' star_named_expression)*`: each element is a
        // `named_expression`, where `invalid_named_expression` may apply.
        let mark = self.mark();
        let mut element = start;
        loop {
            if let Some(err) = self.invalid_named_expression(element) {
                self.reset(mark);
                return err;
            }
            self.pos = element;
            if self.star_named_expression().is_err() || self.eat_op(Op::Comma).is_none() {
                break;
            }
            element = self.pos;
        }
        self.reset(mark);
        for target in targets {
            if matches!(target.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
                return self.error_at("assignment to yield expression not possible", target.span);
            }
            if let Some(bad) = invalid_target(target, TargetKind::Star) {
                return self.error_at(format!("cannot assign to {}", expr_name(bad)), bad.span);
            }
        }
        PErr::Generic
    }
}
