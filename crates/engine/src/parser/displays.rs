//! Bracketed expressions: parenthesised groups, tuples and generator expressions, lists, dicts,
//! sets, comprehensions and call arguments.

use super::expr::mk;
use super::targets::TargetKind;
use super::{PErr, PResult, Parser, T};
use crate::ast::{Comprehension, Expr, ExprKind, Keyword, Span};
use crate::lexer::{Kw, Op};

/// Call arguments being parsed.
struct Arguments {
    open: Span,
    args: Vec<Expr>,
    keywords: Vec<Keyword>,
    /// Whether a keyword argument (`k=v`) or a `**mapping` was seen.
    keyword: bool,
    double_star: bool,
}

impl Parser {
    fn at_comprehension(&mut self) -> bool {
        self.at_kw(Kw::For) || (self.at_kw(Kw::Async) && self.t_at(1) == T::Kw(Kw::For))
    }

    /// `(`: the empty tuple, a group, a tuple or a generator expression. (Split in small
    /// functions: this one is on the recursion path of nested parentheses.)
    pub(super) fn paren_atom(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if self.at_op(Op::RPar) || self.at_kw(Kw::Yield) || self.at_op(Op::DoubleStar) {
            return self.paren_special(open);
        }
        let first = self.star_named_expression()?;
        self.paren_rest(open, first)
    }

    /// `()`, `(yield ...)` and `(**x)`.
    fn paren_special(&mut self, open: Span) -> PResult<Expr> {
        if let Some(close) = self.eat_op(Op::RPar) {
            return Ok(mk(ExprKind::Tuple(Vec::new()), open.to(close)));
        }
        if self.at_kw(Kw::Yield) {
            let e = self.yield_expr()?;
            self.expect_op(Op::RPar)?;
            return Ok(e);
        }
        let stars = self.bump();
        let is_group = self.speculate(|p| {
            p.expression()?;
            p.expect_op(Op::RPar)
        });
        if is_group.is_some() {
            return Err(self.error_at("cannot use double starred expression here", stars));
        }
        Err(PErr::Generic)
    }

    /// After the first element of a parenthesised expression.
    fn paren_rest(&mut self, open: Span, first: Expr) -> PResult<Expr> {
        let starred = matches!(first.kind, ExprKind::Starred(_));
        if self.at_comprehension() {
            if starred {
                return Err(self.error_at(
                    "iterable unpacking cannot be used in comprehension",
                    first.span,
                ));
            }
            let generators = self.for_if_clauses()?;
            let close = self.expect_op(Op::RPar)?;
            let kind = ExprKind::GeneratorExp {
                elt: Box::new(first),
                generators,
            };
            return Ok(mk(kind, open.to(close)));
        }
        if self.eat_op(Op::RPar).is_some() {
            if starred {
                return Err(self.error_at("cannot use starred expression here", first.span));
            }
            return Ok(first);
        }
        if !self.at_op(Op::Comma) {
            return Err(PErr::Generic);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma).is_some() {
            if self.at_op(Op::RPar) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        let close = self.expect_op(Op::RPar)?;
        Ok(mk(ExprKind::Tuple(elts), open.to(close)))
    }

    /// `[`: a list display or a list comprehension.
    pub(super) fn list_atom(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if let Some(close) = self.eat_op(Op::RSqb) {
            return Ok(mk(ExprKind::List(Vec::new()), open.to(close)));
        }
        let first = self.star_named_expression()?;
        self.list_rest(open, first)
    }

    fn list_rest(&mut self, open: Span, first: Expr) -> PResult<Expr> {
        if self.at_comprehension() {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(self.error_at(
                    "iterable unpacking cannot be used in comprehension",
                    first.span,
                ));
            }
            let generators = self.for_if_clauses()?;
            let close = self.expect_op(Op::RSqb)?;
            let kind = ExprKind::ListComp {
                elt: Box::new(first),
                generators,
            };
            return Ok(mk(kind, open.to(close)));
        }
        let elts = self.display_tail(first, Op::RSqb)?;
        let close = self.expect_op(Op::RSqb)?;
        Ok(mk(ExprKind::List(elts), open.to(close)))
    }

    /// The elements after the first of a list or set display, with CPython's error for a
    /// comprehension whose target lacks parentheses (`[a, b for a in c]`).
    fn display_tail(&mut self, first: Expr, close: Op) -> PResult<Vec<Expr>> {
        let first_span = first.span;
        let mut elts = vec![first];
        while let Some(comma) = self.eat_op(Op::Comma) {
            if self.at_op(close) {
                break;
            }
            if self.at_comprehension()
                && elts.len() == 1
                && self.speculate(|p| p.for_if_clauses()).is_some()
            {
                let msg = "did you forget parentheses around the comprehension target?";
                return Err(self.error_at(msg, first_span.to(comma)));
            }
            elts.push(self.star_named_expression()?);
            if self.at_comprehension() {
                let last = elts[elts.len() - 1].span;
                if self.speculate(|p| p.for_if_clauses()).is_some() {
                    let msg = "did you forget parentheses around the comprehension target?";
                    return Err(self.error_at(msg, first_span.to(last)));
                }
            }
        }
        Ok(elts)
    }

    /// `{`: a dict or set display, or a dict or set comprehension.
    pub(super) fn brace_atom(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if let Some(close) = self.eat_op(Op::RBrace) {
            return Ok(mk(ExprKind::Dict(Vec::new()), open.to(close)));
        }
        if self.eat_op(Op::DoubleStar).is_some() {
            let value = self.bitwise_or()?;
            return self.dict_tail(open, vec![(None, value)]);
        }
        let parenthesized = self.at_op(Op::LPar);
        let first = self.star_named_expression()?;
        if let Some(colon) = self.eat_op(Op::Colon) {
            let walrus = matches!(first.kind, ExprKind::NamedExpr { .. }) && !parenthesized;
            if walrus || matches!(first.kind, ExprKind::Starred(_)) {
                return Err(PErr::Generic);
            }
            if self.at_op(Op::RBrace) || self.at_op(Op::Comma) {
                return Err(
                    self.error_at("expression expected after dictionary key and ':'", colon)
                );
            }
            let value = self.expression()?;
            if self.at_comprehension() {
                let generators = self.for_if_clauses()?;
                let close = self.expect_op(Op::RBrace)?;
                let kind = ExprKind::DictComp {
                    key: Box::new(first),
                    value: Box::new(value),
                    generators,
                };
                return Ok(mk(kind, open.to(close)));
            }
            return self.dict_tail(open, vec![(Some(first), value)]);
        }
        if self.at_comprehension() {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(self.error_at(
                    "iterable unpacking cannot be used in comprehension",
                    first.span,
                ));
            }
            let generators = self.for_if_clauses()?;
            let close = self.expect_op(Op::RBrace)?;
            let kind = ExprKind::SetComp {
                elt: Box::new(first),
                generators,
            };
            return Ok(mk(kind, open.to(close)));
        }
        let elts = self.display_tail(first, Op::RBrace)?;
        let close = self.expect_op(Op::RBrace)?;
        Ok(mk(ExprKind::Set(elts), open.to(close)))
    }

    /// The rest of a dict display after its first item.
    fn dict_tail(&mut self, open: Span, mut items: Vec<(Option<Expr>, Expr)>) -> PResult<Expr> {
        if items.len() == 1 && items[0].0.is_none() && self.at_comprehension() {
            return Err(PErr::Generic);
        }
        while self.eat_op(Op::Comma).is_some() {
            if self.at_op(Op::RBrace) {
                break;
            }
            if self.eat_op(Op::DoubleStar).is_some() {
                items.push((None, self.bitwise_or()?));
                continue;
            }
            let key = self.without_invalid(|p| p.expression())?;
            let Some(colon) = self.eat_op(Op::Colon) else {
                let span = Span::new(
                    key.span.line,
                    key.span.end_col - 1,
                    key.span.end_line,
                    key.span.end_col - 1,
                );
                return Err(self.error_at("':' expected after dictionary key", span));
            };
            if self.at_op(Op::RBrace) || self.at_op(Op::Comma) {
                return Err(
                    self.error_at("expression expected after dictionary key and ':'", colon)
                );
            }
            let value = self.expression()?;
            items.push((Some(key), value));
        }
        let close = self.expect_op(Op::RBrace)?;
        Ok(mk(ExprKind::Dict(items), open.to(close)))
    }

    /// `for_if_clauses`: one or more `[async] for targets in iter [if cond]...`.
    pub(super) fn for_if_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.at_comprehension() {
            let is_async = self.eat_kw(Kw::Async).is_some();
            self.expect_kw(Kw::For)?;
            let target = self.for_targets(TargetKind::For)?;
            self.expect_kw(Kw::In)?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Kw::If).is_some() {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        if generators.is_empty() {
            return Err(PErr::Generic);
        }
        Ok(generators)
    }

    /// A call's parenthesised arguments.
    pub(super) fn call_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let open = self.bump();
        let (args, keywords) = self.arguments(open)?;
        self.expect_op(Op::RPar)?;
        Ok((args, keywords))
    }

    pub(super) fn arguments(&mut self, open: Span) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args = Arguments {
            open,
            args: Vec::new(),
            keywords: Vec::new(),
            keyword: false,
            double_star: false,
        };
        while !self.at_op(Op::RPar) {
            if let Some(done) = self.argument(&mut args)? {
                return Ok(done);
            }
            if self.eat_op(Op::Comma).is_none() {
                break;
            }
        }
        Ok((args.args, args.keywords))
    }

    /// One argument. Returns the whole argument list when it is a lone generator expression.
    fn argument(&mut self, a: &mut Arguments) -> PResult<Option<(Vec<Expr>, Vec<Keyword>)>> {
        if self.at_op(Op::DoubleStar) {
            let keyword = self.double_star_argument()?;
            a.keywords.push(keyword);
            a.double_star = true;
        } else if self.at_op(Op::Star) {
            let arg = self.star_argument(a.double_star)?;
            a.args.push(arg);
        } else if self.at(T::Name) && self.t_at(1) == T::Op(Op::Equal) {
            let keyword = self.keyword_argument()?;
            a.keywords.push(keyword);
            a.keyword = true;
        } else {
            return self.positional_or_genexp(a);
        }
        Ok(None)
    }

    fn positional_or_genexp(
        &mut self,
        a: &mut Arguments,
    ) -> PResult<Option<(Vec<Expr>, Vec<Keyword>)>> {
        if let Some(kw) = self.singleton_keyword_argument() {
            let word = self.bump();
            let eq = self.bump();
            return Err(self.error_at(format!("cannot assign to {}", kw.as_str()), word.to(eq)));
        }
        let arg = self.positional_argument()?;
        if self.at_comprehension() {
            let alone = a.args.is_empty() && a.keywords.is_empty();
            return self.genexp_argument(a.open, arg, alone).map(Some);
        }
        if let Some(eq) = self.eat_op(Op::Equal) {
            let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
            return Err(self.error_at(msg, arg.span.to(eq)));
        }
        if a.keyword || a.double_star {
            return Err(self.positional_after_keyword(a.double_star));
        }
        a.args.push(arg);
        Ok(None)
    }

    fn double_star_argument(&mut self) -> PResult<Keyword> {
        let stars = self.bump();
        let value = self.expression()?;
        if self.at_op(Op::Equal) {
            return Err(PErr::Generic);
        }
        Ok(Keyword {
            name: None,
            value,
            span: stars.to(self.prev_span()),
        })
    }

    fn star_argument(&mut self, after_double_star: bool) -> PResult<Expr> {
        let star = self.bump();
        if after_double_star {
            let msg = "iterable argument unpacking follows keyword argument unpacking";
            return Err(self.error_at(msg, star));
        }
        let value = self.expression()?;
        let span = star.to(self.prev_span());
        if self.at_comprehension() {
            return Err(self.error_at("iterable unpacking cannot be used in comprehension", span));
        }
        Ok(mk(ExprKind::Starred(Box::new(value)), span))
    }

    fn keyword_argument(&mut self) -> PResult<Keyword> {
        let (name, name_span) = self.name()?;
        let eq = self.bump();
        let value = self.expression()?;
        if self.at_comprehension() {
            let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
            return Err(self.error_at(msg, name_span.to(eq)));
        }
        Ok(Keyword {
            name: Some(name),
            value,
            span: name_span.to(self.prev_span()),
        })
    }

    /// `True=`, `False=` or `None=` in a call.
    fn singleton_keyword_argument(&mut self) -> Option<Kw> {
        match self.t() {
            T::Kw(kw @ (Kw::True | Kw::False | Kw::None)) if self.t_at(1) == T::Op(Op::Equal) => {
                Some(kw)
            }
            _ => None,
        }
    }

    /// `assignment_expression | expression !':='`.
    fn positional_argument(&mut self) -> PResult<Expr> {
        if self.at(T::Name) && self.t_at(1) == T::Op(Op::ColonEqual) {
            return self.assignment_expression();
        }
        let start = self.pos;
        let e = self.expression()?;
        if self.at_op(Op::ColonEqual) {
            if let Some(err) = self.invalid_named_expression(start) {
                return Err(err);
            }
            return Err(PErr::Generic);
        }
        Ok(e)
    }

    /// `f(x for x in y)`: a generator expression as the sole argument; anywhere else CPython
    /// requires parentheses.
    fn genexp_argument(
        &mut self,
        open: Span,
        elt: Expr,
        alone: bool,
    ) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let elt_span = elt.span;
        let generators = self.for_if_clauses()?;
        if alone && self.at_op(Op::RPar) {
            let close = self.span();
            let genexp = mk(
                ExprKind::GeneratorExp {
                    elt: Box::new(elt),
                    generators,
                },
                open.to(close),
            );
            return Ok((vec![genexp], Vec::new()));
        }
        let Some(last) = generators.last() else {
            return Err(PErr::Generic);
        };
        let end = last.ifs.last().unwrap_or(&last.iter).span;
        Err(self.error_at(
            "Generator expression must be parenthesized",
            elt_span.to(end),
        ))
    }

    /// A positional argument after keyword arguments: CPython reports it at the furthest
    /// token, after reading the remaining arguments.
    fn positional_after_keyword(&mut self, unpacking: bool) -> PErr {
        while self.eat_op(Op::Comma).is_some() {
            let result = if self.at_op(Op::Star) || self.at_op(Op::DoubleStar) {
                self.bump();
                self.expression()
            } else if self.at(T::Name) && self.t_at(1) == T::Op(Op::Equal) {
                self.bump();
                self.bump();
                self.expression()
            } else {
                self.expression()
            };
            match result {
                Ok(_) => {}
                Err(PErr::Error(err)) => return PErr::Error(err),
                Err(PErr::Generic) => break,
            }
        }
        self.look(0);
        let msg = if unpacking {
            "positional argument follows keyword argument unpacking"
        } else {
            "positional argument follows keyword argument"
        };
        self.error_last(msg)
    }
}
