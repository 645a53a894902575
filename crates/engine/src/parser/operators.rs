//! Operators from `or` down to `**` and `await`, parsed with explicit stacks (operator
//! precedence without recursion), so that long chains and many prefix operators cost no native
//! stack. Node spans follow CPython: from the first token of the left operand (an opening
//! parenthesis included) to the last token of the right one.

use super::expr::mk;
use super::{PErr, PResult, Parser, MAX_DEPTH, T};
use crate::ast::{BinOp, BoolOp, CmpOp, Expr, ExprKind, Span, UnaryOp};
use crate::error::CompileError;
use crate::lexer::{Kw, Op};

const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
/// `bitwise_or`: the loosest level below comparisons.
pub(super) const BITWISE_OR: u8 = 5;
const UNARY: u8 = 11;
const POWER: u8 = 12;

fn binop_of(op: Op) -> Option<(BinOp, u8)> {
    Some(match op {
        Op::VBar => (BinOp::BitOr, 5),
        Op::Circumflex => (BinOp::BitXor, 6),
        Op::Amper => (BinOp::BitAnd, 7),
        Op::LeftShift => (BinOp::LShift, 8),
        Op::RightShift => (BinOp::RShift, 8),
        Op::Plus => (BinOp::Add, 9),
        Op::Minus => (BinOp::Sub, 9),
        Op::Star => (BinOp::Mul, 10),
        Op::Slash => (BinOp::Div, 10),
        Op::DoubleSlash => (BinOp::FloorDiv, 10),
        Op::Percent => (BinOp::Mod, 10),
        Op::At => (BinOp::MatMul, 10),
        Op::DoubleStar => (BinOp::Pow, POWER),
        _ => return None,
    })
}

/// An operand: the expression, its first and last tokens, and its depth.
struct Item {
    expr: Expr,
    start: Span,
    end: Span,
    depth: u32,
}

enum Pending {
    Prefix {
        op: UnaryOp,
        start: Span,
        level: u8,
    },
    Binary {
        op: BinOp,
        level: u8,
    },
    /// `a or b or ...`: `count` operands.
    Bool {
        op: BoolOp,
        count: usize,
    },
    /// `a < b <= ...`: `ops.len() + 1` operands.
    Compare {
        ops: Vec<CmpOp>,
    },
}

impl Pending {
    fn level(&self) -> u8 {
        match self {
            Pending::Prefix { level, .. } | Pending::Binary { level, .. } => *level,
            Pending::Bool { op: BoolOp::Or, .. } => OR,
            Pending::Bool {
                op: BoolOp::And, ..
            } => AND,
            Pending::Compare { .. } => COMPARE,
        }
    }
}

/// How to take back the operator last pushed (when its right operand fails).
enum Undo {
    /// It was pushed: pop it.
    Pop,
    /// It extended the chain on top: shrink that chain.
    Shrink,
}

impl Undo {
    fn apply(self, pending: &mut Vec<Pending>) {
        match (self, pending.last_mut()) {
            (Undo::Pop, _) => {
                pending.pop();
            }
            (Undo::Shrink, Some(Pending::Bool { count, .. })) => *count -= 1,
            (Undo::Shrink, Some(Pending::Compare { ops })) => {
                ops.pop();
            }
            (Undo::Shrink, _) => {}
        }
    }
}

/// What follows an operand.
enum Next {
    Bool(BoolOp),
    Compare(CmpOp, usize),
    Binary(BinOp, u8),
}

impl Parser {
    /// `disjunction`: `or`, `and`, `not`, comparisons and everything tighter.
    pub(super) fn disjunction(&mut self) -> PResult<Expr> {
        self.operators(OR)
    }

    /// `bitwise_or`: `|` and everything tighter.
    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.operators(BITWISE_OR)
    }

    fn next_operator(&mut self) -> Option<Next> {
        Some(match self.t() {
            T::Kw(Kw::Or) => Next::Bool(BoolOp::Or),
            T::Kw(Kw::And) => Next::Bool(BoolOp::And),
            T::Op(Op::EqEqual) => Next::Compare(CmpOp::Eq, 1),
            T::Op(Op::NotEqual) => Next::Compare(CmpOp::NotEq, 1),
            T::Op(Op::Less) => Next::Compare(CmpOp::Lt, 1),
            T::Op(Op::LessEqual) => Next::Compare(CmpOp::LtE, 1),
            T::Op(Op::Greater) => Next::Compare(CmpOp::Gt, 1),
            T::Op(Op::GreaterEqual) => Next::Compare(CmpOp::GtE, 1),
            T::Kw(Kw::In) => Next::Compare(CmpOp::In, 1),
            T::Kw(Kw::Not) if self.t_at(1) == T::Kw(Kw::In) => Next::Compare(CmpOp::NotIn, 2),
            T::Kw(Kw::Is) if self.t_at(1) == T::Kw(Kw::Not) => Next::Compare(CmpOp::IsNot, 2),
            T::Kw(Kw::Is) => Next::Compare(CmpOp::Is, 1),
            T::Op(op) => {
                let (op, level) = binop_of(op)?;
                Next::Binary(op, level)
            }
            _ => return None,
        })
    }

    fn operators(&mut self, min_level: u8) -> PResult<Expr> {
        let mut items: Vec<Item> = Vec::new();
        let mut pending: Vec<Pending> = Vec::new();
        let mut allow_not = min_level <= NOT;
        let mut undo: Option<(usize, Undo)> = None;
        loop {
            let pending_len = pending.len();
            let operand = self
                .prefixes(&mut pending, &mut allow_not)
                .and_then(|()| self.await_primary());
            let item = match (operand, undo.take()) {
                (Ok(item), _) => item,
                // Like CPython's PEG rules: when the operand after an operator fails, the
                // expression ends before the operator.
                (Err(PErr::Generic), Some((pos, undo))) => {
                    pending.truncate(pending_len);
                    undo.apply(&mut pending);
                    self.pos = pos;
                    break;
                }
                (Err(err), _) => return Err(err),
            };
            items.push(item);
            let before = self.pos;
            let Some(next) = self.next_operator() else {
                break;
            };
            match self.push_operator(next, min_level, &mut items, &mut pending)? {
                Some((not_next, how)) => {
                    allow_not = not_next;
                    undo = Some((before, how));
                }
                None => break,
            }
        }
        while !pending.is_empty() {
            self.reduce(&mut items, &mut pending)?;
        }
        match items.pop() {
            Some(item) => Ok(item.expr),
            None => Err(PErr::Generic),
        }
    }

    /// Prefix operators (`not`, `-`, `+`, `~`) before an operand.
    fn prefixes(&mut self, pending: &mut Vec<Pending>, allow_not: &mut bool) -> PResult<()> {
        loop {
            let start = self.span();
            let (op, level) = match self.t() {
                T::Kw(Kw::Not) if *allow_not => (UnaryOp::Not, NOT),
                T::Op(Op::Minus) => (UnaryOp::Neg, UNARY),
                T::Op(Op::Plus) => (UnaryOp::Pos, UNARY),
                T::Op(Op::Tilde) => (UnaryOp::Invert, UNARY),
                _ => return Ok(()),
            };
            self.bump();
            if level == UNARY {
                *allow_not = false;
            }
            pending.push(Pending::Prefix { op, start, level });
            self.check_operator_depth(pending.len() as u32, start)?;
        }
    }

    /// Reduces what binds tighter than `next` and pushes it. Returns whether `not` may start
    /// the next operand, or `None` when `next` is too loose for this call.
    fn push_operator(
        &mut self,
        next: Next,
        min_level: u8,
        items: &mut Vec<Item>,
        pending: &mut Vec<Pending>,
    ) -> PResult<Option<(bool, Undo)>> {
        let level = match &next {
            Next::Bool(BoolOp::Or) => OR,
            Next::Bool(BoolOp::And) => AND,
            Next::Compare(..) => COMPARE,
            Next::Binary(_, level) => *level,
        };
        if level < min_level {
            return Ok(None);
        }
        // Reduce what binds tighter (left-associative, except `**`; `or`, `and` and
        // comparisons chain).
        let chains = matches!(next, Next::Bool(_) | Next::Compare(..));
        while let Some(top) = pending.last() {
            let top_level = top.level();
            if !(top_level > level || (top_level == level && level != POWER && !chains)) {
                break;
            }
            self.reduce(items, pending)?;
        }
        let op_span = self.span();
        let (allow_not, undo) = match next {
            Next::Bool(op) => {
                self.bump();
                match pending.last_mut() {
                    Some(Pending::Bool { op: top, count }) if *top == op => {
                        *count += 1;
                        (true, Undo::Shrink)
                    }
                    _ => {
                        pending.push(Pending::Bool { op, count: 2 });
                        (true, Undo::Pop)
                    }
                }
            }
            Next::Compare(op, tokens) => {
                for _ in 0..tokens {
                    self.bump();
                }
                match pending.last_mut() {
                    Some(Pending::Compare { ops }) => {
                        ops.push(op);
                        (false, Undo::Shrink)
                    }
                    _ => {
                        pending.push(Pending::Compare { ops: vec![op] });
                        (false, Undo::Pop)
                    }
                }
            }
            Next::Binary(op, level) => {
                self.bump();
                pending.push(Pending::Binary { op, level });
                (false, Undo::Pop)
            }
        };
        self.check_operator_depth(pending.len() as u32, op_span)?;
        Ok(Some((allow_not, undo)))
    }

    fn check_operator_depth(&self, extra: u32, span: Span) -> PResult<()> {
        if self.depth + extra > MAX_DEPTH {
            return Err(PErr::Error(CompileError::unsupported(
                "expression nested too deeply",
                span.line,
                span.col,
            )));
        }
        Ok(())
    }

    /// `await_primary`, as an operand.
    fn await_primary(&mut self) -> PResult<Item> {
        let start = self.span();
        let expr = if self.at_kw(Kw::Await) {
            self.await_expr()?
        } else {
            self.primary()?
        };
        Ok(Item {
            expr,
            start,
            end: self.prev_span(),
            depth: 1,
        })
    }

    fn await_expr(&mut self) -> PResult<Expr> {
        let start = self.bump();
        let value = self.primary()?;
        Ok(mk(
            ExprKind::Await(Box::new(value)),
            start.to(self.prev_span()),
        ))
    }

    /// Combines the operator on top of `pending` with its operands.
    fn reduce(&mut self, items: &mut Vec<Item>, pending: &mut Vec<Pending>) -> PResult<()> {
        let Some(top) = pending.pop() else {
            return Ok(());
        };
        let count = match &top {
            Pending::Prefix { .. } => 1,
            Pending::Binary { .. } => 2,
            Pending::Bool { count, .. } => *count,
            Pending::Compare { ops } => ops.len() + 1,
        };
        if items.len() < count {
            return Err(PErr::Generic);
        }
        let operands: Vec<Item> = items.split_off(items.len() - count);
        let depth = operands.iter().map(|i| i.depth).max().unwrap_or(0) + 1;
        let end = operands[count - 1].end;
        let (start, kind) = match top {
            Pending::Prefix { op, start, .. } => {
                let operand = operands.into_iter().next().map(|i| i.expr);
                (
                    start,
                    operand.map(|o| ExprKind::UnaryOp {
                        op,
                        operand: Box::new(o),
                    }),
                )
            }
            Pending::Binary { op, .. } => {
                let start = operands[0].start;
                let mut it = operands.into_iter().map(|i| i.expr);
                match (it.next(), it.next()) {
                    (Some(left), Some(right)) => (
                        start,
                        Some(ExprKind::BinOp {
                            left: Box::new(left),
                            op,
                            right: Box::new(right),
                        }),
                    ),
                    _ => (start, None),
                }
            }
            Pending::Bool { op, .. } => {
                let start = operands[0].start;
                (
                    start,
                    Some(ExprKind::BoolOp {
                        op,
                        values: operands.into_iter().map(|i| i.expr).collect(),
                    }),
                )
            }
            Pending::Compare { ops } => {
                let start = operands[0].start;
                let mut it = operands.into_iter().map(|i| i.expr);
                match it.next() {
                    Some(left) => (
                        start,
                        Some(ExprKind::Compare {
                            left: Box::new(left),
                            ops,
                            comparators: it.collect(),
                        }),
                    ),
                    None => (start, None),
                }
            }
        };
        let Some(kind) = kind else {
            return Err(PErr::Generic);
        };
        if self.depth + depth > MAX_DEPTH {
            return Err(PErr::Error(CompileError::unsupported(
                "expression nested too deeply",
                start.line,
                start.col,
            )));
        }
        items.push(Item {
            expr: mk(kind, start.to(end)),
            start,
            end,
            depth,
        });
        Ok(())
    }
}
