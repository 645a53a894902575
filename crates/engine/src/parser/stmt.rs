//! Statements: dispatch, blocks and simple statements.

use super::targets::{expr_name, invalid_target, is_single_target, TargetKind};
use super::{PErr, PResult, Parser, T};
use crate::ast::{Alias, BinOp, Expr, ExprKind, Span, Stmt, StmtKind};
use crate::error::SyntaxKind;
use crate::lexer::{Kw, Op};

fn augassign_op(op: Op) -> Option<BinOp> {
    Some(match op {
        Op::PlusEqual => BinOp::Add,
        Op::MinEqual => BinOp::Sub,
        Op::StarEqual => BinOp::Mul,
        Op::AtEqual => BinOp::MatMul,
        Op::SlashEqual => BinOp::Div,
        Op::PercentEqual => BinOp::Mod,
        Op::AmperEqual => BinOp::BitAnd,
        Op::VBarEqual => BinOp::BitOr,
        Op::CircumflexEqual => BinOp::BitXor,
        Op::LeftShiftEqual => BinOp::LShift,
        Op::RightShiftEqual => BinOp::RShift,
        Op::DoubleStarEqual => BinOp::Pow,
        Op::DoubleSlashEqual => BinOp::FloorDiv,
        _ => return None,
    })
}

pub(super) fn stmt(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

/// The span of the last statement of a (non-empty) block.
pub(super) fn block_end(body: &[Stmt]) -> Span {
    body.last().map(|s| s.span).unwrap_or_default()
}

impl Parser {
    /// One statement (a compound statement, or a line of simple statements).
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let s = match self.t() {
            T::Kw(Kw::If) => self.nested(|p| p.if_stmt())?,
            T::Kw(Kw::While) => self.nested(|p| p.while_stmt())?,
            T::Kw(Kw::For) => self.nested(|p| p.for_stmt(None))?,
            T::Kw(Kw::Try) => self.nested(|p| p.try_stmt())?,
            T::Kw(Kw::With) => self.nested(|p| p.with_stmt(None))?,
            T::Kw(Kw::Def) => self.nested(|p| p.funcdef(Vec::new(), None))?,
            T::Kw(Kw::Class) => self.nested(|p| p.classdef(Vec::new()))?,
            T::Op(Op::At) => self.nested(|p| p.decorated())?,
            T::Kw(Kw::Async) => {
                let start = self.span();
                match self.t_at(1) {
                    T::Kw(Kw::Def) => {
                        self.bump();
                        self.nested(|p| p.funcdef(Vec::new(), Some(start)))?
                    }
                    T::Kw(Kw::For) => {
                        self.bump();
                        self.nested(|p| p.for_stmt(Some(start)))?
                    }
                    T::Kw(Kw::With) => {
                        self.bump();
                        self.nested(|p| p.with_stmt(Some(start)))?
                    }
                    _ => return Err(PErr::Generic),
                }
            }
            T::Name if self.at_word(0, "match") && self.is_match_stmt() => {
                self.skip_match_stmt()?
            }
            _ => return self.simple_stmts(out),
        };
        out.push(s);
        Ok(())
    }

    /// `type X = ...` (Python 3.12): recorded as unsupported, parsed as `X = ...`.
    fn type_alias(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        self.unsupported("type alias statement", start);
        let (name, name_span) = self.name()?;
        if self.at_op(Op::LSqb) {
            let mut depth = 0;
            loop {
                match self.t() {
                    T::Op(Op::LSqb) => depth += 1,
                    T::Op(Op::RSqb) => depth -= 1,
                    T::Newline | T::End | T::Other => return Err(PErr::Generic),
                    _ => {}
                }
                self.bump();
                if depth == 0 {
                    break;
                }
            }
        }
        self.expect_op(Op::Equal)?;
        let value = self.expression()?;
        let span = start.to(value.span);
        let target = Expr {
            kind: ExprKind::Name(name),
            span: name_span,
        };
        Ok(stmt(
            StmtKind::Assign {
                targets: vec![target],
                value,
            },
            span,
        ))
    }

    /// Whether a `match` statement starts here: `match subject:` at the end of a line.
    fn is_match_stmt(&mut self) -> bool {
        // A first-pass alternative: what it examines counts for generic errors.
        let pos = self.pos;
        self.bump();
        let found = self.star_expressions().is_ok()
            && self.eat_op(Op::Colon).is_some()
            && self.at(T::Newline);
        self.pos = pos;
        found
    }

    /// Records a `match` statement as unsupported and skips it.
    fn skip_match_stmt(&mut self) -> PResult<Stmt> {
        let start = self.span();
        self.unsupported("match statement", start);
        while !self.at(T::Newline) {
            self.bump();
        }
        self.bump();
        if !self.at(T::Indent) {
            let msg = format!(
                "expected an indented block after 'match' statement on line {}",
                start.line
            );
            let span = self.span();
            return Err(self.error_kind(SyntaxKind::IndentationError, msg, span));
        }
        let mut depth = 0;
        let mut end = start;
        loop {
            match self.t() {
                T::Indent => depth += 1,
                T::Dedent => depth -= 1,
                T::End | T::Other => return Err(PErr::Generic),
                T::Newline => {}
                _ => end = self.span(),
            }
            self.bump();
            if depth == 0 {
                break;
            }
        }
        Ok(stmt(StmtKind::Pass, start.to(end)))
    }

    /// A block: an indented suite after a newline, or simple statements on the same line.
    /// `what` names the statement for `expected an indented block after ...`.
    pub(super) fn block(&mut self, what: impl FnOnce() -> String) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !self.at(T::Newline) {
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        self.bump();
        if !self.at(T::Indent) {
            let msg = format!("expected an indented block after {}", what());
            let span = self.toks[self.max_pos].span;
            return Err(self.error_kind(SyntaxKind::IndentationError, msg, span));
        }
        self.bump();
        while !self.at(T::Dedent) {
            if self.at(T::End) {
                return Err(PErr::Generic);
            }
            self.statement(&mut body)?;
        }
        self.bump();
        Ok(body)
    }

    /// `':' block`, where a missing colon at the end of the line is `expected ':'`.
    pub(super) fn colon_block(&mut self, what: impl FnOnce() -> String) -> PResult<Vec<Stmt>> {
        if self.eat_op(Op::Colon).is_none() {
            if self.at(T::Newline) {
                return Err(self.error_last("expected ':'"));
            }
            return Err(PErr::Generic);
        }
        self.block(what)
    }

    /// Simple statements separated by `;`, up to the end of the line.
    pub(super) fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let s = self.simple_stmt()?;
            out.push(s);
            if self.eat_op(Op::Semi).is_none() || self.at(T::Newline) {
                break;
            }
        }
        if !self.at(T::Newline) {
            return Err(PErr::Generic);
        }
        self.bump();
        Ok(())
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let start = self.span();
        let kind = match self.t() {
            T::Kw(Kw::Pass) => StmtKind::Pass,
            T::Kw(Kw::Break) => StmtKind::Break,
            T::Kw(Kw::Continue) => StmtKind::Continue,
            T::Kw(Kw::Return) => {
                self.bump();
                if !self.can_start_star_expression() {
                    return Ok(stmt(StmtKind::Return(None), start));
                }
                let value = self.star_expressions()?;
                let span = start.to(self.prev_span());
                return Ok(stmt(StmtKind::Return(Some(value)), span));
            }
            T::Kw(Kw::Raise) => return self.raise_stmt(),
            T::Kw(Kw::Global | Kw::Nonlocal) => return self.global_stmt(),
            T::Kw(Kw::Del) => return self.del_stmt(),
            T::Kw(Kw::Assert) => {
                self.bump();
                let test = self.expression()?;
                let msg = if self.eat_op(Op::Comma).is_some() {
                    Some(self.expression()?)
                } else {
                    None
                };
                let span = start.to(self.prev_span());
                return Ok(stmt(StmtKind::Assert { test, msg }, span));
            }
            T::Kw(Kw::Import) => return self.import_name(),
            T::Kw(Kw::From) => return self.import_from(),
            T::Name
                if self.at_word(0, "type")
                    && self.t_at(1) == T::Name
                    && matches!(self.t_at(2), T::Op(Op::Equal | Op::LSqb)) =>
            {
                return self.type_alias()
            }
            _ => return self.expr_stmt(),
        };
        self.bump();
        Ok(stmt(kind, start))
    }

    fn rhs(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// Expression statements and assignments.
    fn expr_stmt(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        let first = self.rhs()?;
        match self.t() {
            T::Op(Op::Equal) => self.assignment(start, first),
            T::Op(Op::Colon) => self.annotated_assignment(start, first),
            T::Op(Op::ColonEqual) => {
                let walrus = self.toks[start].kind != crate::lexer::TokenKind::Op(Op::LPar)
                    && matches!(self.toks[start].kind, crate::lexer::TokenKind::Name(_))
                    && self.pos == start + 1;
                if !walrus {
                    if let Some(err) = self.invalid_named_expression(start) {
                        return Err(err);
                    }
                }
                Err(PErr::Generic)
            }
            T::Op(op) if augassign_op(op).is_some() => {
                let op = augassign_op(op).unwrap_or(BinOp::Add);
                if !is_single_target(&first) {
                    // CPython's first pass stops at the operator; its second pass reports the
                    // target if a value follows.
                    let mark = self.mark();
                    self.bump();
                    let value = self.rhs();
                    self.reset(mark);
                    return match value {
                        Ok(_) => {
                            let msg = format!(
                                "'{}' is an illegal expression for augmented assignment",
                                expr_name(&first)
                            );
                            Err(self.error_at(msg, first.span))
                        }
                        Err(PErr::Generic) => Err(PErr::Generic),
                        Err(err) => Err(err),
                    };
                }
                self.bump();
                let value = self.rhs()?;
                let span = self.toks[start].span.to(self.prev_span());
                Ok(stmt(
                    StmtKind::AugAssign {
                        target: first,
                        op,
                        value,
                    },
                    span,
                ))
            }
            _ => {
                let span = self.toks[start].span.to(self.prev_span());
                Ok(stmt(StmtKind::Expr(first), span))
            }
        }
    }

    fn assignment(&mut self, start: usize, first: Expr) -> PResult<Stmt> {
        let mut exprs = vec![first];
        while self.at_op(Op::Equal) {
            // Like CPython's first pass, stop at a target that is not one.
            let last = &exprs[exprs.len() - 1];
            let bad = invalid_target(last, TargetKind::Star).is_some()
                || matches!(last.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_));
            if bad {
                return Err(self.invalid_assignment(start, &exprs));
            }
            self.bump();
            exprs.push(self.rhs()?);
        }
        let Some(value) = exprs.pop() else {
            return Err(PErr::Generic);
        };
        let span = self.toks[start].span.to(self.prev_span());
        Ok(stmt(
            StmtKind::Assign {
                targets: exprs,
                value,
            },
            span,
        ))
    }

    fn annotated_assignment(&mut self, start: usize, target: Expr) -> PResult<Stmt> {
        self.bump();
        let yield_or_star = matches!(target.kind, ExprKind::Starred(_))
            || matches!(
                self.toks[start].kind,
                crate::lexer::TokenKind::Keyword(Kw::Yield)
            );
        if yield_or_star {
            return Err(PErr::Generic);
        }
        if !is_single_target(&target) {
            // CPython's second pass reports a bad target only if an annotation follows.
            let mark = self.mark();
            let annotation = self.expression();
            self.reset(mark);
            match annotation {
                Ok(_) => {}
                Err(PErr::Generic) => return Err(PErr::Generic),
                Err(err) => return Err(err),
            }
            let open = self.toks[start].span;
            let parenthesized = self.toks[start].kind == crate::lexer::TokenKind::Op(Op::LPar)
                && target.span.line == open.line
                && target.span.col == open.col;
            let err = match &target.kind {
                ExprKind::List(_) => self.error_at(
                    "only single target (not list) can be annotated",
                    target.span,
                ),
                ExprKind::Tuple(_) if parenthesized => self.error_at(
                    "only single target (not tuple) can be annotated",
                    target.span,
                ),
                ExprKind::Tuple(elts) if !elts.is_empty() => self.error_at(
                    "only single target (not tuple) can be annotated",
                    elts[0].span,
                ),
                _ => self.error_at("illegal target for annotation", target.span),
            };
            return Err(err);
        }
        let annotation = self.expression()?;
        let value = if self.eat_op(Op::Equal).is_some() {
            Some(self.rhs()?)
        } else {
            None
        };
        let span = self.toks[start].span.to(self.prev_span());
        Ok(stmt(
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            },
            span,
        ))
    }

    fn raise_stmt(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        if !self.can_start_expression() {
            return Ok(stmt(
                StmtKind::Raise {
                    exc: None,
                    cause: None,
                },
                start,
            ));
        }
        let exc = self.expression()?;
        let cause = if self.eat_kw(Kw::From).is_some() {
            Some(self.expression()?)
        } else {
            None
        };
        let span = start.to(self.prev_span());
        Ok(stmt(
            StmtKind::Raise {
                exc: Some(exc),
                cause,
            },
            span,
        ))
    }

    fn global_stmt(&mut self) -> PResult<Stmt> {
        let global = self.at_kw(Kw::Global);
        let start = self.bump();
        let mut names = vec![self.name()?.0];
        while self.eat_op(Op::Comma).is_some() {
            names.push(self.name()?.0);
        }
        let span = start.to(self.prev_span());
        let kind = if global {
            StmtKind::Global(names)
        } else {
            StmtKind::Nonlocal(names)
        };
        Ok(stmt(kind, span))
    }

    fn del_stmt(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        let after_del = self.pos;
        let targets = self.del_targets();
        let valid = match &targets {
            Ok(targets) => {
                (self.at(T::Newline) || self.at_op(Op::Semi))
                    && targets
                        .iter()
                        .all(|t| invalid_target(t, TargetKind::Del).is_none())
            }
            Err(_) => false,
        };
        if !valid {
            // CPython's `invalid_del_stmt`: the targets read as expressions.
            let mark = self.mark();
            self.pos = after_del;
            let as_expr = self.star_expressions();
            self.reset(mark);
            match as_expr {
                Ok(e) => {
                    if let Some(bad) = invalid_target(&e, TargetKind::Del) {
                        return Err(
                            self.error_at(format!("cannot delete {}", expr_name(bad)), bad.span)
                        );
                    }
                }
                Err(PErr::Error(err)) => return Err(PErr::Error(err)),
                Err(PErr::Generic) => {}
            }
            return Err(PErr::Generic);
        }
        let targets = targets?;
        let span = start.to(self.prev_span());
        Ok(stmt(StmtKind::Delete(targets), span))
    }

    fn del_targets(&mut self) -> PResult<Vec<Expr>> {
        let mut targets = vec![self.primary()?];
        while self.eat_op(Op::Comma).is_some() {
            if !self.can_start_expression() {
                break;
            }
            targets.push(self.primary()?);
        }
        Ok(targets)
    }

    fn dotted_name(&mut self) -> PResult<(String, Span)> {
        let (mut name, start) = self.name()?;
        while self.at_op(Op::Dot) && self.t_at(1) == T::Name {
            self.bump();
            name.push('.');
            name.push_str(&self.name()?.0);
        }
        Ok((name, start.to(self.prev_span())))
    }

    fn import_name(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        let mut names = Vec::new();
        loop {
            let (name, span) = self.dotted_name()?;
            let asname = if self.eat_kw(Kw::As).is_some() {
                Some(self.name()?.0)
            } else {
                None
            };
            names.push(Alias {
                name,
                asname,
                span: span.to(self.prev_span()),
            });
            if self.eat_op(Op::Comma).is_none() {
                break;
            }
        }
        let span = start.to(self.prev_span());
        Ok(stmt(StmtKind::Import(names), span))
    }

    fn import_from(&mut self) -> PResult<Stmt> {
        let start = self.bump();
        let mut level = 0;
        loop {
            if self.eat_op(Op::Dot).is_some() {
                level += 1;
            } else if self.eat_op(Op::Ellipsis).is_some() {
                level += 3;
            } else {
                break;
            }
        }
        let module = if level > 0 && self.at_kw(Kw::Import) {
            String::new()
        } else {
            self.dotted_name()?.0
        };
        self.expect_kw(Kw::Import)?;
        let mut names = Vec::new();
        if let Some(star) = self.eat_op(Op::Star) {
            self.unsupported("star import", star);
        } else {
            let parens = self.eat_op(Op::LPar).is_some();
            loop {
                let (name, span) = self.name()?;
                let asname = if self.eat_kw(Kw::As).is_some() {
                    Some(self.name()?.0)
                } else {
                    None
                };
                names.push(Alias {
                    name,
                    asname,
                    span: span.to(self.prev_span()),
                });
                if self.eat_op(Op::Comma).is_none() {
                    break;
                }
                if parens && self.at_op(Op::RPar) {
                    break;
                }
                if !parens && self.at(T::Newline) {
                    return Err(self
                        .error_last("trailing comma not allowed without surrounding parentheses"));
                }
            }
            if parens {
                self.expect_op(Op::RPar)?;
            }
        }
        let span = start.to(self.prev_span());
        Ok(stmt(
            StmtKind::ImportFrom {
                module,
                names,
                level,
            },
            span,
        ))
    }
}
