//! Compiling delegation and the async constructs: `yield from`, `await`, `async with` and
//! `async for`. All of them come down to the same `Send` loop that CPython 3.11 uses
//! (`SEND` / `YIELD_VALUE` / `JUMP_BACKWARD_NO_INTERRUPT`), so `send()` and `throw()` reach
//! the innermost delegate.

use super::CodeBuilder;
use crate::error::CompileError;

type R = Result<(), CompileError>;
use crate::ast::{Expr, Stmt, WithItem};
use crate::bytecode::Instr;
use crate::value::Value;

impl<'s> CodeBuilder<'s> {
    /// With `[.., delegate]` on the stack, runs the delegate to completion, forwarding what
    /// it yields outward and what is sent in; leaves its return value.
    pub(super) fn emit_delegation(&mut self, line: u32) {
        self.emit_const(Value::None, line);
        let send = self.here();
        self.emit(Instr::Send(0), line);
        self.emit(Instr::YieldValue, line);
        // Not an eval-breaker point, as CPython's JUMP_BACKWARD_NO_INTERRUPT.
        self.emit(Instr::Jump(send as u32), line);
        let exit = self.here() as u32;
        self.instrs[send] = Instr::Send(exit);
    }

    /// With the async iterator on the stack, awaits its next item; a `StopAsyncIteration`
    /// goes to the handler set up here (patch the returned `SetupFinally`, then `EndAsyncFor`).
    pub(super) fn emit_async_next(&mut self, line: u32) -> usize {
        let setup = self.emit(Instr::SetupFinally(0), line);
        self.emit(Instr::GetANext, line);
        self.emit(Instr::GetAwaitable, line);
        self.emit_delegation(line);
        self.emit(Instr::PopBlock, line);
        setup
    }

    /// `await e`.
    pub(super) fn await_expr(&mut self, value: &'s Expr, line: u32, col: u32) -> R {
        if !self.flags.coroutine {
            return Err(CompileError::syntax(
                "'await' outside async function",
                line,
                col,
            ));
        }
        self.expr(value)?;
        self.emit(Instr::GetAwaitable, line);
        self.emit_delegation(line);
        Ok(())
    }

    fn require_coroutine(&self, what: &str, line: u32, col: u32) -> R {
        if self.flags.coroutine {
            Ok(())
        } else {
            Err(CompileError::syntax(
                format!("'{what}' outside async function"),
                line,
                col,
            ))
        }
    }

    /// `async with a as x, b: body`, one item at a time (as nested `async with`s).
    pub(super) fn async_with(
        &mut self,
        items: &'s [WithItem],
        body: &'s [Stmt],
        line: u32,
        col: u32,
    ) -> R {
        self.require_coroutine("async with", line, col)?;
        let Some((first, rest)) = items.split_first() else {
            return self.block(body);
        };
        self.expr(&first.context)?;
        self.emit(Instr::BeforeAsyncWith, line);
        self.emit(Instr::GetAwaitable, line);
        self.emit_delegation(line);
        match &first.target {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Instr::Pop, line);
            }
        }
        let setup = self.emit(Instr::SetupFinally(0), line);
        self.blocks.push(super::Block::With { is_async: true });
        self.async_with(rest, body, line, col)?;
        self.blocks.pop();
        self.with_exit(setup, line, true);
        Ok(())
    }

    /// `async for target in iterable: body else: orelse`.
    pub(super) fn async_for(
        &mut self,
        target: &'s Expr,
        iterable: &'s Expr,
        body: &'s [Stmt],
        orelse: &'s [Stmt],
        line: u32,
        col: u32,
    ) -> R {
        self.require_coroutine("async for", line, col)?;
        self.expr(iterable)?;
        self.emit(Instr::GetAIter, line);
        let top = self.here();
        let setup = self.emit_async_next(line);
        self.store_target(target)?;
        let breaks = self.loop_body(top, true, body, line)?;
        self.patch(setup);
        self.emit(Instr::EndAsyncFor, line);
        self.block(orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }
}
