//! Moves the spans of an f-string expression, parsed as `(text)` starting at column 1 of
//! `line`, to where the text really is.

use crate::ast::{Comprehension, Expr, ExprKind, FStringPart, Params, Span};

struct Shift {
    line: u32,
    col0: u32,
}

impl Shift {
    fn span(&self, span: &mut Span) {
        if span.line == self.line {
            span.col = (span.col + self.col0).saturating_sub(1);
        }
        if span.end_line == self.line {
            span.end_col = (span.end_col + self.col0).saturating_sub(1);
        }
    }

    fn opt(&self, e: &mut Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn params(&self, params: &mut Params) {
        let all = params
            .posonly
            .iter_mut()
            .chain(params.args.iter_mut())
            .chain(params.vararg.iter_mut())
            .chain(params.kwonly.iter_mut())
            .chain(params.kwarg.iter_mut());
        for p in all {
            self.span(&mut p.span);
            if let Some(a) = &mut p.annotation {
                self.expr(a);
            }
            if let Some(d) = &mut p.default {
                self.expr(d);
            }
        }
    }

    fn generators(&self, generators: &mut [Comprehension]) {
        for g in generators {
            self.expr(&mut g.target);
            self.expr(&mut g.iter);
            for e in &mut g.ifs {
                self.expr(e);
            }
        }
    }

    fn parts(&self, parts: &mut [FStringPart]) {
        for part in parts {
            if let FStringPart::Field(field) = part {
                self.expr(&mut field.value);
                if let Some(spec) = &mut field.format_spec {
                    self.parts(spec);
                }
            }
        }
    }

    fn expr(&self, e: &mut Expr) {
        self.span(&mut e.span);
        match &mut e.kind {
            ExprKind::Name(_) | ExprKind::Constant(_) => {}
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::BoolOp { values, .. }
            | ExprKind::List(values)
            | ExprKind::Tuple(values)
            | ExprKind::Set(values) => values.iter_mut().for_each(|v| self.expr(v)),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left);
                comparators.iter_mut().for_each(|v| self.expr(v));
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func);
                args.iter_mut().for_each(|v| self.expr(v));
                for k in keywords {
                    self.span(&mut k.span);
                    self.expr(&mut k.value);
                }
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower);
                self.opt(upper);
                self.opt(step);
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::Starred(v) | ExprKind::Await(v) | ExprKind::YieldFrom(v) => self.expr(v),
            ExprKind::Yield(v) => self.opt(v),
            ExprKind::Lambda { params, body } => {
                self.params(params);
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt);
                self.generators(generators);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.expr(key);
                self.expr(value);
                self.generators(generators);
            }
            ExprKind::FString(parts) => self.parts(parts),
            ExprKind::NamedExpr { value, .. } => self.expr(value),
        }
    }
}

/// Shifts every span in `e` from `(text)` coordinates to the file's: on `line`, the text
/// starts at 0-based column `col0`.
pub(crate) fn shift_expr(e: &mut Expr, line: u32, col0: u32) {
    Shift { line, col0 }.expr(e);
}
