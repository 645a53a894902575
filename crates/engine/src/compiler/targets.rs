//! Compiling assignment targets: names, attributes, subscripts, tuple/list unpacking with a
//! starred target, augmented assignment, and `del`.

use super::CodeBuilder;
use crate::ast::*;
use crate::bytecode::{Idx, Instr};
use crate::error::CompileError;

type R = Result<(), CompileError>;

impl<'s> CodeBuilder<'s> {
    pub(super) fn aug_assign(
        &mut self,
        target: &'s Expr,
        op: BinOp,
        value: &'s Expr,
        line: u32,
    ) -> R {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n, target.span);
                self.expr(value)?;
                self.emit(Instr::InPlace(op), line);
                self.store_name(n, line);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Instr::Copy(1), line);
                let a = self.name(attr);
                self.emit(Instr::LoadAttr(a), line);
                self.expr(value)?;
                self.emit(Instr::InPlace(op), line);
                self.emit(Instr::Swap(2), line);
                self.emit(Instr::StoreAttr(a), line);
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Instr::Copy(2), line);
                self.emit(Instr::Copy(2), line);
                self.emit(Instr::Subscript, line);
                self.expr(value)?;
                self.emit(Instr::InPlace(op), line);
                self.emit(Instr::Swap(3), line);
                self.emit(Instr::Swap(2), line);
                self.emit(Instr::StoreSubscript, line);
            }
            _ => {
                return Err(CompileError::syntax(
                    "'expression' is an illegal expression for augmented assignment",
                    line,
                    target.span.col,
                ))
            }
        }
        Ok(())
    }

    /// Stores the value on top of the stack into an assignment target.
    pub(super) fn store_target(&mut self, t: &'s Expr) -> R {
        let line = t.span.line;
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n, line),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let a = self.name(attr);
                self.emit(Instr::StoreAttr(a), line);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::StoreSubscript, line);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    Some(at) => {
                        let after = items.len() - at - 1;
                        self.emit(Instr::UnpackEx(at as u16, after as u16), line);
                    }
                    None => {
                        self.emit(Instr::UnpackSequence(items.len() as Idx), line);
                    }
                }
                for i in items {
                    match &i.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(i)?,
                    }
                }
            }
            _ => {
                return Err(CompileError::syntax(
                    "cannot assign to expression",
                    line,
                    t.span.col,
                ));
            }
        }
        Ok(())
    }

    pub(super) fn delete_target(&mut self, t: &'s Expr) -> R {
        let line = t.span.line;
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n, line),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let a = self.name(attr);
                self.emit(Instr::DeleteAttr(a), line);
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::DeleteSubscript, line);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i)?;
                }
            }
            _ => {
                return Err(CompileError::syntax(
                    "cannot delete expression",
                    line,
                    t.span.col,
                ))
            }
        }
        Ok(())
    }
}
