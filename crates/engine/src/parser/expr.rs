//! Expressions, from conditional expressions down to atoms, with CPython's precedence:
//! lambda < if-else < or < and < not < comparisons < | < ^ < & < shifts < + - < * / // % @
//! < unary - + ~ < ** < await < primary.

use super::{PErr, PResult, Parser, T};
use crate::ast::{Constant, Expr, ExprKind, Span};
use crate::lexer::{Kw, Op, TokenKind};

pub(super) fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

/// What follows a primary.
enum Trailer {
    Attribute(String),
    Call(Vec<Expr>, Vec<crate::ast::Keyword>),
    Index(Expr),
}

impl Parser {
    /// Whether the current token can start an expression (`expression_without_invalid`).
    pub(super) fn can_start_expression(&mut self) -> bool {
        match self.t() {
            T::Name | T::Number | T::Str => true,
            T::Kw(kw) => matches!(
                kw,
                Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await
            ),
            T::Op(op) => matches!(
                op,
                Op::LPar | Op::LSqb | Op::LBrace | Op::Minus | Op::Plus | Op::Tilde | Op::Ellipsis
            ),
            _ => false,
        }
    }

    pub(super) fn can_start_star_expression(&mut self) -> bool {
        self.at_op(Op::Star) || self.can_start_expression()
    }

    /// `star_expressions`: `a`, `*a`, `a, *b,` (a tuple when there is a comma).
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.span();
        let first = self.star_expression()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma).is_some() {
            if !self.can_start_star_expression() {
                break;
            }
            elts.push(self.star_expression()?);
        }
        let span = start.to(self.prev_span());
        Ok(mk(ExprKind::Tuple(elts), span))
    }

    /// `star_expression`: `*bitwise_or` or an expression.
    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        if let Some(star) = self.eat_op(Op::Star) {
            let value = self.bitwise_or()?;
            let span = star.to(self.prev_span());
            return Ok(mk(ExprKind::Starred(Box::new(value)), span));
        }
        self.expression()
    }

    /// `star_named_expression`: `*bitwise_or` or a named expression (display elements).
    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            return self.starred_element();
        }
        self.named_expression()
    }

    fn starred_element(&mut self) -> PResult<Expr> {
        let star = self.bump();
        let after = self.pos;
        let value = self.bitwise_or()?;
        if self.can_start_expression() {
            // CPython's second pass reads `*expression` here (`invalid_group`,
            // `invalid_comprehension`), which may find a missing comma.
            let mark = self.mark();
            self.pos = after;
            let again = self.expression();
            self.reset(mark);
            if let Err(PErr::Error(err)) = again {
                return Err(PErr::Error(err));
            }
        }
        let span = star.to(self.prev_span());
        Ok(mk(ExprKind::Starred(Box::new(value)), span))
    }

    /// `named_expression`: `name := value` or an expression.
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Name) && self.t_at(1) == T::Op(Op::ColonEqual) {
            return self.assignment_expression();
        }
        let start = self.pos;
        let e = self.expression()?;
        if self.at_op(Op::ColonEqual) || self.at_op(Op::Equal) {
            self.named_expression_error(start)?;
        }
        Ok(e)
    }

    fn named_expression_error(&mut self, start: usize) -> PResult<()> {
        match self.invalid_named_expression(start) {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    /// `NAME ':=' expression`, at a NAME followed by `:=`.
    pub(super) fn assignment_expression(&mut self) -> PResult<Expr> {
        let (target, span) = self.name()?;
        self.expect_op(Op::ColonEqual)?;
        let value = self.expression()?;
        let span = span.to(self.prev_span());
        Ok(mk(
            ExprKind::NamedExpr {
                target,
                value: Box::new(value),
            },
            span,
        ))
    }

    /// `expression`: a conditional expression, a lambda or a disjunction.
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        let key = (self.pos, self.invalid_rules);
        if let Some(&furthest) = self.failed_expressions.get(&key) {
            self.max_pos = self.max_pos.max(furthest);
            self.max_fill = self.max_fill.max(furthest);
            return Err(PErr::Generic);
        }
        if self.hit_lex_error {
            // The tokenizer error will be reported; stop parsing.
            return Err(PErr::Generic);
        }
        let result = self.nested(|p| p.expression_inner());
        if let Err(PErr::Generic) = result {
            self.failed_expressions.insert(key, self.max_pos);
        }
        result
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Lambda) {
            return self.lambdef();
        }
        let start = self.pos;
        let body = self.disjunction()?;
        if self.at_kw(Kw::If) {
            return self.if_expression(start, body);
        }
        self.check_missing_comma(start, &body)?;
        Ok(body)
    }

    /// `body if test else orelse`, at `if`; `body` was parsed from token `start`.
    fn if_expression(&mut self, start: usize, body: Expr) -> PResult<Expr> {
        let before_if = self.pos;
        self.bump();
        let test = self.disjunction()?;
        if self.eat_kw(Kw::Else).is_none() {
            if !self.invalid_rules {
                self.pos = before_if;
                return Ok(body);
            }
            if self.at_op(Op::Colon) {
                return Err(PErr::Generic);
            }
            let span = body.span.to(test.span);
            return Err(self.error_at("expected 'else' after 'if' expression", span));
        }
        let orelse = self.expression()?;
        let span = self.toks[start].span.to(self.prev_span());
        let kind = ExprKind::IfExp {
            test: Box::new(test),
            body: Box::new(body),
            orelse: Box::new(orelse),
        };
        Ok(mk(kind, span))
    }

    /// CPython's `invalid_expression` (missing comma inside brackets) and
    /// `invalid_legacy_expression` (`print x`): `a` was parsed from token `start`, and another
    /// expression follows directly.
    fn check_missing_comma(&mut self, start: usize, a: &Expr) -> PResult<()> {
        if !self.invalid_rules || !self.can_start_expression() {
            return Ok(());
        }
        let first_word = match &self.toks[start].kind {
            TokenKind::Name(name) => Some(name.clone()),
            _ => None,
        };
        let next_is_paren = matches!(
            self.toks.get(start + 1).map(|t| &t.kind),
            Some(TokenKind::Op(Op::LPar))
        );
        let name_then_string = first_word.is_some()
            && matches!(
                self.toks.get(start + 1).map(|t| &t.kind),
                Some(TokenKind::Str(_))
            );
        // CPython matches soft keywords by prefix here (`strncmp` with the name's length), so
        // `c`, `ma`... count as soft keywords too.
        let soft_keyword = first_word.as_deref().is_some_and(|w| {
            !w.is_empty() && ("match".starts_with(w) || "case".starts_with(w) || w == "_")
        });
        let legacy = match &a.kind {
            ExprKind::Name(name) if name == "print" || name == "exec" => Some(name.clone()),
            _ => None,
        };
        if !name_then_string && !soft_keyword && legacy.is_none() {
            let found = self.speculate(|p| {
                let b = p.without_invalid(|p| p.expression())?;
                Ok((b.span, p.toks[p.pos - 1].level))
            });
            if let Some((b, level)) = found {
                if level > 0 {
                    return Err(
                        self.error_at("invalid syntax. Perhaps you forgot a comma?", a.span.to(b))
                    );
                }
            }
        }
        // `invalid_legacy_expression`: NAME !'(' star_expressions (which may itself find an
        // error further on).
        if first_word.is_some() && !next_is_paren {
            let mark = self.mark();
            self.pos = start + 1;
            let b = self.star_expressions();
            self.reset(mark);
            match b {
                Err(PErr::Error(err)) => return Err(PErr::Error(err)),
                Ok(b) => {
                    // CPython checks the name itself here (`print +x y` counts).
                    let legacy_name = first_word.filter(|w| w == "print" || w == "exec");
                    if let Some(name) = legacy_name {
                        let msg = format!(
                            "Missing parentheses in call to '{name}'. Did you mean {name}(...)?"
                        );
                        let name_span = self.toks[start].span;
                        return Err(self.error_at(msg, name_span.to(b.span)));
                    }
                }
                Err(PErr::Generic) => {}
            }
        }
        Ok(())
    }

    /// `primary`: an atom followed by attributes, calls and subscripts. Like CPython's PEG
    /// rule, a trailer that fails to parse is left for the caller.
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let start = self.span();
        let mut e = self.atom()?;
        while matches!(self.t(), T::Op(Op::Dot | Op::LPar | Op::LSqb)) {
            let before = self.pos;
            match self.trailer() {
                Ok(trailer) => e = self.apply_trailer(start, e, trailer),
                Err(PErr::Generic) => {
                    self.pos = before;
                    return Ok(e);
                }
                Err(err) => return Err(err),
            }
        }
        Ok(e)
    }

    /// One trailer: `.name`, `(args)` or `[index]`.
    fn trailer(&mut self) -> PResult<Trailer> {
        match self.t() {
            T::Op(Op::Dot) => {
                self.bump();
                Ok(Trailer::Attribute(self.name()?.0))
            }
            T::Op(Op::LPar) => {
                let (args, keywords) = self.call_arguments()?;
                Ok(Trailer::Call(args, keywords))
            }
            _ => Ok(Trailer::Index(self.subscript_index()?)),
        }
    }

    fn apply_trailer(&mut self, start: Span, e: Expr, trailer: Trailer) -> Expr {
        let value = Box::new(e);
        let kind = match trailer {
            Trailer::Attribute(attr) => ExprKind::Attribute { value, attr },
            Trailer::Call(args, keywords) => ExprKind::Call {
                func: value,
                args,
                keywords,
            },
            Trailer::Index(index) => ExprKind::Subscript {
                value,
                index: Box::new(index),
            },
        };
        mk(kind, start.to(self.prev_span()))
    }

    /// `[slices]`.
    fn subscript_index(&mut self) -> PResult<Expr> {
        self.bump();
        let index = self.slices()?;
        self.expect_op(Op::RSqb)?;
        Ok(index)
    }

    pub(super) fn atom(&mut self) -> PResult<Expr> {
        match self.t() {
            T::Name => {
                let (name, span) = self.name()?;
                Ok(mk(ExprKind::Name(name), span))
            }
            T::Str => self.strings(),
            T::Op(Op::LPar) => self.paren_atom(),
            T::Op(Op::LSqb) => self.list_atom(),
            T::Op(Op::LBrace) => self.brace_atom(),
            T::Kw(Kw::True | Kw::False | Kw::None) | T::Op(Op::Ellipsis) | T::Number => {
                self.constant_atom()
            }
            _ => Err(PErr::Generic),
        }
    }

    fn constant_atom(&mut self) -> PResult<Expr> {
        let span = self.span();
        let constant = match &self.toks[self.pos].kind {
            TokenKind::Keyword(Kw::True) => Constant::Bool(true),
            TokenKind::Keyword(Kw::False) => Constant::Bool(false),
            TokenKind::Keyword(Kw::None) => Constant::None,
            TokenKind::Int(value) => Constant::Int(value.clone()),
            TokenKind::Float(value) => Constant::Float(*value),
            TokenKind::Imaginary => {
                self.unsupported("imaginary number literal", span);
                Constant::Int(0.into())
            }
            _ => Constant::Ellipsis,
        };
        self.bump();
        Ok(mk(ExprKind::Constant(constant), span))
    }

    /// `yield_expr`: `yield`, `yield x, y`, `yield from x`.
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.expect_kw(Kw::Yield)?;
        if self.eat_kw(Kw::From).is_some() {
            let value = self.expression()?;
            let span = start.to(self.prev_span());
            return Ok(mk(ExprKind::YieldFrom(Box::new(value)), span));
        }
        if !self.can_start_star_expression() {
            return Ok(mk(ExprKind::Yield(None), start));
        }
        let value = self.star_expressions()?;
        let span = start.to(self.prev_span());
        Ok(mk(ExprKind::Yield(Some(Box::new(value))), span))
    }

    /// `slices`: the index of a subscript (a slice, an expression or a tuple of them).
    fn slices(&mut self) -> PResult<Expr> {
        let start = self.span();
        let first = if self.at_op(Op::Star) {
            self.star_expression()?
        } else {
            self.slice()?
        };
        let starred = matches!(first.kind, ExprKind::Starred(_));
        if !self.at_op(Op::Comma) && !starred {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma).is_some() {
            if self.at_op(Op::RSqb) {
                break;
            }
            let e = if self.at_op(Op::Star) {
                self.star_expression()?
            } else {
                self.slice()?
            };
            elts.push(e);
        }
        let span = start.to(self.prev_span());
        Ok(mk(ExprKind::Tuple(elts), span))
    }

    /// `slice`: `[lower]:[upper][:[step]]` or a named expression.
    fn slice(&mut self) -> PResult<Expr> {
        let start = self.span();
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            let e = self.named_expression()?;
            if !self.at_op(Op::Colon) {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect_op(Op::Colon)?;
        let upper = if self.can_start_expression() {
            Some(Box::new(self.expression()?))
        } else {
            None
        };
        let step = if self.eat_op(Op::Colon).is_some() && self.can_start_expression() {
            Some(Box::new(self.expression()?))
        } else {
            None
        };
        let span = start.to(self.prev_span());
        Ok(mk(ExprKind::Slice { lower, upper, step }, span))
    }
}
