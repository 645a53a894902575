//! Compound statements: `if`, `while`, `for`, `try`, `with`, `def`, `class` and decorators.

use super::stmt::{block_end, stmt};
use super::targets::{expr_name, invalid_target, TargetKind};
use super::{PErr, PResult, Parser, T};
use crate::ast::{ClassDef, ExceptHandler, Expr, FunctionDef, Span, Stmt, StmtKind, WithItem};
use crate::lexer::{Kw, Op};

impl Parser {
    /// `if` (or, for the nested statement an `elif` becomes, `elif`).
    pub(super) fn if_stmt(&mut self) -> PResult<Stmt> {
        let word = if self.at_kw(Kw::Elif) { "elif" } else { "if" };
        let kw = self.bump();
        let test = self.named_expression()?;
        let body = self.colon_block(|| format!("'{word}' statement on line {}", kw.line))?;
        let mut end = block_end(&body);
        let orelse = if self.at_kw(Kw::Elif) {
            let nested = self.nested(|p| p.if_stmt())?;
            end = nested.span;
            vec![nested]
        } else if self.at_kw(Kw::Else) {
            let orelse = self.else_block()?;
            end = block_end(&orelse);
            orelse
        } else {
            Vec::new()
        };
        Ok(stmt(StmtKind::If { test, body, orelse }, kw.to(end)))
    }

    /// `else: block`.
    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let kw = self.bump();
        self.expect_forced(Op::Colon)?;
        self.block(|| format!("'else' statement on line {}", kw.line))
    }

    /// An optional `else` block; returns it and the end of the statement.
    fn opt_else(&mut self, body: &[Stmt]) -> PResult<(Vec<Stmt>, Span)> {
        if self.at_kw(Kw::Else) {
            let orelse = self.else_block()?;
            let end = block_end(&orelse);
            return Ok((orelse, end));
        }
        Ok((Vec::new(), block_end(body)))
    }

    pub(super) fn while_stmt(&mut self) -> PResult<Stmt> {
        let kw = self.bump();
        let test = self.named_expression()?;
        let body = self.colon_block(|| format!("'while' statement on line {}", kw.line))?;
        let (orelse, end) = self.opt_else(&body)?;
        Ok(stmt(StmtKind::While { test, body, orelse }, kw.to(end)))
    }

    pub(super) fn for_stmt(&mut self, async_kw: Option<Span>) -> PResult<Stmt> {
        let kw = self.expect_kw(Kw::For)?;
        let target = self.for_targets(TargetKind::For)?;
        self.expect_kw(Kw::In)?;
        let iter = self.star_expressions()?;
        let body = self.colon_block(|| format!("'for' statement on line {}", kw.line))?;
        let (orelse, end) = self.opt_else(&body)?;
        let kind = StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async: async_kw.is_some(),
        };
        Ok(stmt(kind, async_kw.unwrap_or(kw).to(end)))
    }

    pub(super) fn try_stmt(&mut self) -> PResult<Stmt> {
        let kw = self.bump();
        self.expect_forced(Op::Colon)?;
        let body = self.block(|| format!("'try' statement on line {}", kw.line))?;
        let mut end = block_end(&body);
        let mut handlers = Vec::new();
        while self.at_kw(Kw::Except) {
            let handler = self.except_block()?;
            end = handler.span;
            handlers.push(handler);
        }
        let mut orelse = Vec::new();
        if !handlers.is_empty() && self.at_kw(Kw::Else) {
            orelse = self.else_block()?;
            end = block_end(&orelse);
        }
        let mut finalbody = Vec::new();
        if self.at_kw(Kw::Finally) {
            let kw = self.bump();
            self.expect_forced(Op::Colon)?;
            finalbody = self.block(|| format!("'finally' statement on line {}", kw.line))?;
            end = block_end(&finalbody);
        }
        if handlers.is_empty() && finalbody.is_empty() {
            self.look(0);
            return Err(self.error_last("expected 'except' or 'finally' block"));
        }
        Ok(stmt(
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
            kw.to(end),
        ))
    }

    fn except_block(&mut self) -> PResult<ExceptHandler> {
        let kw = self.bump();
        let mut word = "except";
        if let Some(star) = self.eat_op(Op::Star) {
            self.unsupported("except* clause", kw.to(star));
            word = "except*";
        }
        let mut typ = None;
        let mut name = None;
        if !self.at_op(Op::Colon) && !self.at(T::Newline) {
            let e = self.expression()?;
            if self.at_op(Op::Comma) {
                let multiple = self.speculate(|p| {
                    p.bump();
                    p.expression()?;
                    while p.eat_op(Op::Comma).is_some() {
                        p.expression()?;
                    }
                    p.expect_kw(Kw::As)?;
                    p.name()?;
                    p.expect_op(Op::Colon)
                });
                if multiple.is_some() {
                    let msg = "multiple exception types must be parenthesized";
                    return Err(self.error_at(msg, e.span));
                }
            }
            typ = Some(e);
            if self.eat_kw(Kw::As).is_some() {
                name = Some(self.name()?.0);
            }
        }
        let body = self.colon_block(|| format!("'{word}' statement on line {}", kw.line))?;
        let span = kw.to(block_end(&body));
        Ok(ExceptHandler {
            typ,
            name,
            body,
            span,
        })
    }

    pub(super) fn with_stmt(&mut self, async_kw: Option<Span>) -> PResult<Stmt> {
        let kw = self.expect_kw(Kw::With)?;
        let mut items = None;
        if self.at_op(Op::LPar) {
            let mark = self.pos;
            match self.parenthesized_with_items() {
                Ok(parsed) => items = Some(parsed),
                Err(PErr::Generic) => self.pos = mark,
                Err(err) => return Err(err),
            }
        }
        let items = match items {
            Some(items) => items,
            None => {
                let mut items = vec![self.with_item()?];
                while self.eat_op(Op::Comma).is_some() {
                    items.push(self.with_item()?);
                }
                items
            }
        };
        let body = self.colon_block(|| format!("'with' statement on line {}", kw.line))?;
        let span = async_kw.unwrap_or(kw).to(block_end(&body));
        Ok(stmt(
            StmtKind::With {
                items,
                body,
                is_async: async_kw.is_some(),
            },
            span,
        ))
    }

    /// `(item, item,)` followed by `:` (or the end of the line).
    fn parenthesized_with_items(&mut self) -> PResult<Vec<WithItem>> {
        self.bump();
        let mut items = vec![self.with_item()?];
        while self.eat_op(Op::Comma).is_some() {
            if self.at_op(Op::RPar) {
                break;
            }
            items.push(self.with_item()?);
        }
        self.expect_op(Op::RPar)?;
        if !self.at_op(Op::Colon) && !self.at(T::Newline) {
            return Err(PErr::Generic);
        }
        Ok(items)
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context = self.expression()?;
        if !self.at_kw(Kw::As) {
            return Ok(WithItem {
                context,
                target: None,
            });
        }
        let before_as = self.pos;
        self.bump();
        if let Ok(target) = self.target_element() {
            let follows = self.at_op(Op::Comma) || self.at_op(Op::RPar) || self.at_op(Op::Colon);
            if follows && invalid_target(&target, TargetKind::Star).is_none() {
                return Ok(WithItem {
                    context,
                    target: Some(target),
                });
            }
        }
        // CPython's `invalid_with_item`: `expression 'as' expression` before `,`, `)` or `:`.
        let mark = self.mark();
        self.pos = before_as + 1;
        let target = self.expression();
        let follows = self.at_op(Op::Comma) || self.at_op(Op::RPar) || self.at_op(Op::Colon);
        self.reset(mark);
        match target {
            Ok(target) if follows => {
                if let Some(bad) = invalid_target(&target, TargetKind::Star) {
                    return Err(
                        self.error_at(format!("cannot assign to {}", expr_name(bad)), bad.span)
                    );
                }
            }
            Err(PErr::Error(err)) => return Err(PErr::Error(err)),
            _ => {}
        }
        self.pos = before_as;
        Ok(WithItem {
            context,
            target: None,
        })
    }

    /// Decorators, then the decorated `def`, `async def` or `class`.
    pub(super) fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op(Op::At).is_some() {
            decorators.push(self.named_expression()?);
            if !self.at(T::Newline) {
                return Err(PErr::Generic);
            }
            self.bump();
        }
        match self.t() {
            T::Kw(Kw::Def) => self.funcdef(decorators, None),
            T::Kw(Kw::Class) => self.classdef(decorators),
            T::Kw(Kw::Async) if self.t_at(1) == T::Kw(Kw::Def) => {
                let start = self.bump();
                self.funcdef(decorators, Some(start))
            }
            _ => Err(PErr::Generic),
        }
    }

    pub(super) fn funcdef(
        &mut self,
        decorators: Vec<Expr>,
        async_kw: Option<Span>,
    ) -> PResult<Stmt> {
        let kw = self.expect_kw(Kw::Def)?;
        let (name, _) = self.name()?;
        self.expect_forced(Op::LPar)?;
        let params = self.params(false)?;
        self.expect_op(Op::RPar)?;
        let returns = if self.eat_op(Op::RArrow).is_some() {
            Some(self.expression()?)
        } else {
            None
        };
        self.expect_forced(Op::Colon)?;
        let body = self.block(|| format!("function definition on line {}", kw.line))?;
        let span = async_kw.unwrap_or(kw).to(block_end(&body));
        let def = FunctionDef {
            name,
            params,
            body,
            decorators,
            returns,
            is_async: async_kw.is_some(),
            span,
        };
        Ok(stmt(StmtKind::FunctionDef(Box::new(def)), span))
    }

    pub(super) fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let kw = self.bump();
        let (name, _) = self.name()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if let Some(open) = self.eat_op(Op::LPar) {
            (bases, keywords) = self.nested(|p| p.arguments(open))?;
            self.expect_op(Op::RPar)?;
        }
        let body = self.colon_block(|| format!("class definition on line {}", kw.line))?;
        let span = kw.to(block_end(&body));
        let def = ClassDef {
            name,
            bases,
            keywords,
            body,
            decorators,
            span,
        };
        Ok(stmt(StmtKind::ClassDef(Box::new(def)), span))
    }
}
