//! Parameter lists of `def` and `lambda`, and lambdas.

use super::expr::mk;
use super::{PErr, PResult, Parser, T};
use crate::ast::{Expr, ExprKind, Param, Params, Span};
use crate::lexer::{Kw, Op};

impl Parser {
    /// `lambda [params]: body`.
    pub(super) fn lambdef(&mut self) -> PResult<Expr> {
        let start = self.expect_kw(Kw::Lambda)?;
        let params = self.params(true)?;
        self.expect_op(Op::Colon)?;
        let body = self.expression()?;
        let span = start.to(self.prev_span());
        Ok(mk(
            ExprKind::Lambda {
                params: Box::new(params),
                body: Box::new(body),
            },
            span,
        ))
    }

    /// One parameter: a name, then (in a `def`) an optional annotation.
    fn param(&mut self, lambda: bool, star_annotation: bool) -> PResult<Param> {
        let (name, span) = self.name()?;
        let annotation = if !lambda && self.eat_op(Op::Colon).is_some() {
            Some(if star_annotation {
                self.star_expression()?
            } else {
                self.expression()?
            })
        } else {
            None
        };
        Ok(Param {
            name,
            annotation,
            default: None,
            span: span.to(self.prev_span()),
        })
    }

    /// A parameter list, up to `)` for a `def` or `:` for a lambda (not consumed).
    pub(super) fn params(&mut self, lambda: bool) -> PResult<Params> {
        let close = if lambda { Op::Colon } else { Op::RPar };
        let mut params = Params::default();
        let mut seen_default = false;
        let mut seen_slash = false;
        let mut bare_star: Option<Span> = None;
        let mut star_seen = false;
        let mut kwarg_seen = false;
        loop {
            if self.at_op(close) {
                break;
            }
            if kwarg_seen {
                if self.at(T::Name)
                    || self.at_op(Op::Star)
                    || self.at_op(Op::DoubleStar)
                    || self.at_op(Op::Slash)
                {
                    let span = if self.at(T::Name) {
                        self.speculate(|p| p.param(lambda, false))
                            .map_or(self.span(), |p| p.span)
                    } else {
                        self.span()
                    };
                    return Err(self.error_at("arguments cannot follow var-keyword argument", span));
                }
                return Err(PErr::Generic);
            }
            match self.t() {
                T::Op(Op::Slash) => {
                    let slash = self.span();
                    if star_seen {
                        return Err(self.error_at("/ must be ahead of *", slash));
                    }
                    if seen_slash {
                        return Err(self.error_at("/ may appear only once", slash));
                    }
                    if params.args.is_empty() {
                        if self.t_at_quiet(1) == T::Op(Op::Comma) {
                            return Err(
                                self.error_at("at least one argument must precede /", slash)
                            );
                        }
                        return Err(PErr::Generic);
                    }
                    self.bump();
                    params.posonly = std::mem::take(&mut params.args);
                    seen_slash = true;
                }
                T::Op(Op::Star) => {
                    let star = self.span();
                    if star_seen {
                        return Err(self.error_at("* argument may appear only once", star));
                    }
                    self.bump();
                    star_seen = true;
                    if self.at_op(Op::Comma) || self.at_op(close) {
                        if self.at_op(close)
                            || (self.t_at(1) == T::Op(Op::DoubleStar)
                                || self.t_at(1) == T::Op(close))
                        {
                            return Err(self.bare_star_error(star, lambda));
                        }
                        bare_star = Some(star);
                    } else {
                        let param = self.param(lambda, true)?;
                        if self.at_op(Op::Equal) {
                            let eq = self.span();
                            return Err(self.error_at(
                                "var-positional argument cannot have default value",
                                eq,
                            ));
                        }
                        params.vararg = Some(param);
                    }
                }
                T::Op(Op::DoubleStar) => {
                    self.bump();
                    let param = self.param(lambda, false)?;
                    if self.at_op(Op::Equal) {
                        let eq = self.span();
                        return Err(
                            self.error_at("var-keyword argument cannot have default value", eq)
                        );
                    }
                    params.kwarg = Some(param);
                    kwarg_seen = true;
                }
                T::Name => {
                    let mut param = self.param(lambda, false)?;
                    if self.eat_op(Op::Equal).is_some() {
                        param.default = Some(self.expression()?);
                    }
                    if star_seen {
                        params.kwonly.push(param);
                    } else {
                        if param.default.is_some() {
                            seen_default = true;
                        } else if seen_default {
                            let msg = "non-default argument follows default argument";
                            return Err(self.error_at(msg, param.span));
                        }
                        params.args.push(param);
                    }
                }
                _ => return Err(PErr::Generic),
            }
            if self.eat_op(Op::Comma).is_none() {
                break;
            }
        }
        if let Some(star) = bare_star {
            if params.kwonly.is_empty() {
                return Err(self.bare_star_error(star, lambda));
            }
        }
        Ok(params)
    }

    fn bare_star_error(&mut self, star: Span, lambda: bool) -> PErr {
        if lambda {
            self.error_last("named arguments must follow bare *")
        } else {
            self.error_at("named arguments must follow bare *", star)
        }
    }
}
