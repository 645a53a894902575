//! Delegation and the await protocol: the `Send` loop behind `yield from` and `await`,
//! `throw()` into suspended generators and coroutines (reaching the innermost delegate, as
//! asyncio's task cancellation needs), and the `async with` / `async for` instructions.

use super::{Flow, NResult, ReturnMode, Vm};
use crate::bytecode::Instr;
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// `Send(exit)`: `[.., delegate, value]` → `[.., delegate, yielded]`, or `[.., result]`
    /// and a jump to `exit` when the delegate is exhausted.
    pub(super) fn exec_send(&mut self, exit: usize) -> Result<(), Flow> {
        let sent = self.pop();
        let delegate = self.top();
        if let Value::Generator(g) = &delegate {
            let mode = ReturnMode::GenSend {
                gen: g.clone(),
                exit,
            };
            let (is_async_gen, pending_throw) = {
                let mut gb = g.borrow_mut();
                (gb.kind == GenKind::AsyncGenerator, gb.pending_throw.take())
            };
            if let Some(Value::None) = pending_throw {
                // Awaiting `aclose()`.
                return self.delegation_done(Value::None, exit);
            }
            if let Some(exc) = pending_throw {
                return match self.throw_into(g, exc, mode) {
                    Err(Flow::Pushed) => Err(Flow::Pushed),
                    // athrow() into a generator that cannot run: the exception goes on.
                    other => other.map(|_| ()),
                };
            }
            if self.resume_generator(g, sent, mode)? {
                return Err(Flow::Pushed);
            }
            if is_async_gen {
                return Err(self.exc("StopAsyncIteration", ""));
            }
            return self.delegation_done(Value::None, exit);
        }
        let next = if sent.is_none() {
            self.next(&delegate)
        } else {
            let send = self.getattr(&delegate, "send")?;
            match self.call_sync(send, vec![sent]) {
                Ok(v) => Ok(Some(v)),
                Err(Flow::Exc(e)) if self.is_stop_iteration(&e) => {
                    let value = self.stop_iteration_value(&e);
                    return self.delegation_done(value, exit);
                }
                Err(other) => Err(other),
            }
        };
        match next? {
            Some(v) => {
                self.push(v);
                Ok(())
            }
            None => self.delegation_done(Value::None, exit),
        }
    }

    fn delegation_done(&mut self, result: Value, exit: usize) -> Result<(), Flow> {
        let f = self.frame();
        f.stack.pop();
        f.stack.push(result);
        f.pc = exit;
        Ok(())
    }

    /// The `value` of a `StopIteration` (its first argument, or None).
    pub fn stop_iteration_value(&self, e: &Value) -> Value {
        Self::with_exc_data(e, |d| d.args.first().cloned())
            .flatten()
            .unwrap_or(Value::None)
    }

    /// `gen.throw(exc)` from Python code: raises `exc` where the generator is suspended (in its
    /// innermost delegate, if it is in a `yield from` / `await`). The generator's next yield
    /// becomes the call's result.
    pub fn generator_throw(&mut self, gen: &Rc<RefCell<Generator>>, exc: Value) -> NResult {
        self.throw_into(gen, exc, ReturnMode::GenNext { gen: gen.clone() })
    }

    pub(super) fn throw_into(
        &mut self,
        gen: &Rc<RefCell<Generator>>,
        exc: Value,
        mode: ReturnMode,
    ) -> NResult {
        let (started, alive) = {
            let g = gen.borrow();
            (g.started, g.frame.is_some())
        };
        if alive && !started {
            // A generator that never ran has no handler to catch it: it is closed, and the
            // exception goes straight back to the thrower.
            Self::generator_finished(gen);
        }
        if !alive || !started {
            return Err(Flow::Exc(exc));
        }
        self.resume_generator(gen, Value::None, mode)?;
        self.frame().stack.pop();
        if let Some((inner, send_at, exit)) = self.suspended_delegate() {
            self.frame().pc = send_at + 1;
            let mode = ReturnMode::GenSend {
                gen: inner.clone(),
                exit,
            };
            return self.throw_into(&inner, exc, mode);
        }
        Err(Flow::Exc(exc))
    }

    /// When the current frame is suspended inside a `Send` loop on a generator delegate:
    /// the delegate, where its `Send` is, and the loop's exit.
    fn suspended_delegate(&mut self) -> Option<(Rc<RefCell<Generator>>, usize, usize)> {
        let f = self.frame();
        let Some(Instr::Jump(send_at)) = f.code.instrs.get(f.pc).copied() else {
            return None;
        };
        let Some(Instr::Send(exit)) = f.code.instrs.get(send_at as usize).copied() else {
            return None;
        };
        match f.stack.last() {
            Some(Value::Generator(g)) => Some((g.clone(), send_at as usize, exit as usize)),
            _ => None,
        }
    }

    /// `GetAwaitable`: a coroutine awaits itself; other objects through `__await__()`.
    pub(super) fn get_awaitable(&mut self) -> Result<(), Flow> {
        let v = self.pop();
        if let Value::Generator(g) = &v {
            // An async generator stands for its own `__anext__()` / `athrow()` awaitable.
            if matches!(
                g.borrow().kind,
                GenKind::Coroutine | GenKind::AsyncGenerator
            ) {
                self.push(v);
                return Ok(());
            }
        }
        let Some(await_method) = self.lookup_special(&v, "__await__") else {
            let tn = self.type_name(&v);
            return Err(self.exc(
                "TypeError",
                format!("object {tn} can't be used in 'await' expression"),
            ));
        };
        let it = self.call_sync(await_method, Vec::new())?;
        if let Value::Generator(g) = &it {
            if g.borrow().kind == GenKind::Coroutine {
                return Err(self.exc("TypeError", "__await__() returned a coroutine"));
            }
        }
        if !matches!(it, Value::Generator(_) | Value::Iterator(_))
            && self.lookup_special(&it, "__next__").is_none()
        {
            let tn = self.type_name(&it);
            return Err(self.exc(
                "TypeError",
                format!("__await__() returned non-iterator of type '{tn}'"),
            ));
        }
        self.push(it);
        Ok(())
    }

    pub fn is_async_generator(v: &Value) -> bool {
        matches!(v, Value::Generator(g) if g.borrow().kind == GenKind::AsyncGenerator)
    }

    /// `agen.athrow(exc)`: the generator itself is the awaitable; awaiting it throws `exc` in.
    pub fn async_gen_athrow(&mut self, gen: &Rc<RefCell<Generator>>, exc: Value) -> NResult {
        gen.borrow_mut().pending_throw = Some(exc);
        Ok(Value::Generator(gen.clone()))
    }

    /// `BeforeAsyncWith`: `[.., ctx]` → `[.., ctx.__aexit__, ctx.__aenter__()]`.
    pub(super) fn before_async_with(&mut self) -> Result<(), Flow> {
        let ctx = self.pop();
        let (Some(aenter), Some(aexit)) = (
            self.lookup_special(&ctx, "__aenter__"),
            self.lookup_special(&ctx, "__aexit__"),
        ) else {
            let tn = self.type_name(&ctx);
            return Err(self.exc(
                "TypeError",
                format!("'{tn}' object does not support the asynchronous context manager protocol"),
            ));
        };
        self.push(aexit);
        self.call_and_push(aenter, Vec::new(), Vec::new())
    }

    /// `GetAIter`: `[.., iterable]` → `[.., iterable.__aiter__()]`.
    pub(super) fn get_aiter(&mut self) -> Result<(), Flow> {
        let v = self.pop();
        if Self::is_async_generator(&v) {
            self.push(v);
            return Ok(());
        }
        let Some(aiter) = self.lookup_special(&v, "__aiter__") else {
            let tn = self.type_name(&v);
            return Err(self.exc(
                "TypeError",
                format!("'async for' requires an object with __aiter__ method, got {tn}"),
            ));
        };
        self.call_and_push(aiter, Vec::new(), Vec::new())
    }

    /// `GetANext`: `[.., aiter]` → `[.., aiter, aiter.__anext__()]`.
    pub(super) fn get_anext(&mut self) -> Result<(), Flow> {
        let aiter = self.top();
        if Self::is_async_generator(&aiter) {
            self.push(aiter);
            return Ok(());
        }
        let Some(anext) = self.lookup_special(&aiter, "__anext__") else {
            let tn = self.type_name(&aiter);
            return Err(self.exc(
                "TypeError",
                format!("'async for' requires an iterator with __anext__ method, got {tn}"),
            ));
        };
        self.call_and_push(anext, Vec::new(), Vec::new())
    }

    /// `EndAsyncFor`: `[.., aiter, exc]` at the loop's exception handler.
    pub(super) fn end_async_for(&mut self) -> Result<(), Flow> {
        let exc = self.pop();
        let stop = self.types.exception("StopAsyncIteration");
        if !self.types.type_of(&exc).is_subclass_of(&stop) {
            return Err(Flow::Exc(exc));
        }
        if let Some(super::FrameBlock::Except { previous }) = self.frame().blocks.pop() {
            self.thread().handled = previous;
        }
        self.pop();
        Ok(())
    }
}
