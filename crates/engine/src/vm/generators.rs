//! Generators: a generator object owns its suspended frame; resuming pushes the frame on
//! the current thread's stack, `yield` takes it off again.

use super::interp::Stop;
use super::{Flow, Frame, NResult, ReturnMode, Vm};
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in call waiting for a drained generator: `args[slot]` becomes the list.
#[derive(Clone)]
pub struct Drained {
    pub func: Value,
    pub args: Vec<Value>,
    pub kwargs: Vec<(Rc<str>, Value)>,
    pub slot: usize,
    /// The call stands for an instruction with no result (`ListExtend`): drop what it returns.
    pub discard_result: bool,
}

impl Drained {
    /// `sum(gen, start)` adds a numeric item to its start as the generator yields it, as
    /// CPython's `sum` does, instead of keeping it for the end: a sum over a million-item
    /// generator holds one number, not a million-item list (which also made the
    /// interpreter's state too big to copy often for checkpoints). `false` when the item (or
    /// the total) is not an `int` or `float` the native addition covers, or the call is not
    /// `sum`; the item then waits in the list, and so does everything after it.
    fn fold_into_sum(&mut self, item: &Value) -> bool {
        let Value::Builtin(b) = &self.func else {
            return false;
        };
        if b.name != "sum" || b.receiver.is_some() || self.slot != 0 || self.args.len() > 2 {
            return false;
        }
        let start = match self.kwargs.iter_mut().find(|(k, _)| &**k == "start") {
            Some((_, v)) if self.args.len() == 1 => v,
            Some(_) => return false,
            None => {
                if self.args.len() == 1 {
                    self.args.push(Value::Int(0));
                }
                &mut self.args[1]
            }
        };
        let total = match (&*start, item) {
            (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(t) => Value::Int(t),
                None => return false,
            },
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            (Value::Float(a), Value::Int(b)) => Value::Float(a + *b as f64),
            (Value::Int(a), Value::Float(b)) => Value::Float(*a as f64 + b),
            _ => return false,
        };
        *start = total;
        true
    }
}

impl Vm {
    /// Calling `func(*args)` when the built-in first turns its argument `args[slot]` into a
    /// list and that argument is a generator: the generator runs to its end on this thread
    /// (where it may block, as in CPython) before the built-in is called with a list.
    /// `Ok(None)` when there is nothing to drain.
    pub fn drain_then_call(
        &mut self,
        func: &Value,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
        slot: usize,
    ) -> Result<Option<Value>, Flow> {
        let then = Drained {
            func: func.clone(),
            args: args.to_vec(),
            kwargs: kwargs.to_vec(),
            slot,
            discard_result: false,
        };
        if !self.start_drain(then)? {
            return Ok(None);
        }
        // Already exhausted: the built-in sees an empty list.
        let mut args = args.to_vec();
        args[slot] = Value::list(Vec::new());
        self.call_value(func.clone(), args, kwargs.to_vec())
            .map(Some)
    }

    /// `ListExtend` / `SetUpdate` of a generator (`f(*gen)`, `[*gen]`, `{*gen}`): the generator
    /// runs to its end on this thread (it may block, e.g. start threads) and `method` (the
    /// target's bound `extend`/`update`) then takes the list.
    pub fn drain_into(&mut self, method: Value, gen_value: &Value) -> Result<(), Flow> {
        self.start_drain(Drained {
            func: method,
            args: vec![gen_value.clone()],
            kwargs: Vec::new(),
            slot: 0,
            discard_result: true,
        })
        .map(|_| ())
    }

    /// Resumes the generator at `then.args[then.slot]` in drain mode (`Err(Pushed)`).
    /// `Ok(false)`: not a generator, or nested native code (which cannot wait for it);
    /// `Ok(true)`: the generator had already finished.
    fn start_drain(&mut self, then: Drained) -> Result<bool, Flow> {
        let Some(Value::Generator(gen)) = then.args.get(then.slot) else {
            return Ok(false);
        };
        if self.nested > 0 {
            return Ok(false);
        }
        let gen = gen.clone();
        let mode = ReturnMode::GenDrain {
            gen: gen.clone(),
            items: Vec::new(),
            then: Box::new(then),
        };
        if self.resume_generator(&gen, Value::None, mode)? {
            return Err(Flow::Pushed);
        }
        Ok(true)
    }

    /// Calling a generator function (or an `async def`) creates the generator or coroutine
    /// without running its body.
    pub fn make_generator(&mut self, frame: Frame) -> Value {
        let (name, qualname) = (frame.code.name.clone(), frame.code.qualname.clone());
        let kind = match (frame.code.flags.coroutine, frame.code.flags.generator) {
            (true, true) => GenKind::AsyncGenerator,
            (true, false) => GenKind::Coroutine,
            _ => GenKind::Generator,
        };
        let code = frame.code.clone();
        let gen = Rc::new(RefCell::new(Generator {
            frame: Some(frame),
            name,
            qualname,
            code,
            kind,
            started: false,
            running: false,
            exc_state: None,
            outer_handled: None,
            pending_throw: None,
        }));
        if kind == GenKind::Coroutine {
            self.register_coroutine(&gen);
        }
        Value::Generator(gen)
    }

    /// Pushes the generator's frame so it runs until its next `yield` or its end. Returns
    /// `Ok(false)` if the generator had already finished.
    pub fn resume_generator(
        &mut self,
        gen: &Rc<RefCell<Generator>>,
        sent: Value,
        mode: ReturnMode,
    ) -> Result<bool, Flow> {
        let mut g = gen.borrow_mut();
        if g.running {
            let msg = format!("{} already executing", g.kind.type_name());
            return Err(self.exc("ValueError", msg));
        }
        let Some(mut frame) = g.frame.take() else {
            if g.kind == GenKind::Coroutine {
                return Err(self.exc("RuntimeError", "cannot reuse already awaited coroutine"));
            }
            return Ok(false);
        };
        if g.started {
            frame.stack.push(sent);
        } else if !sent.is_none() {
            g.frame = Some(frame);
            return Err(self.exc(
                "TypeError",
                "can't send non-None value to a just-started generator",
            ));
        }
        g.started = true;
        g.running = true;
        frame.mode = mode;
        let own_handled = g.exc_state.take();
        drop(g);
        let outer = std::mem::replace(&mut self.thread().handled, own_handled);
        gen.borrow_mut().outer_handled = outer;
        match self.push_frame(frame) {
            Err(Flow::Pushed) => Ok(true),
            Err(other) => Err(other),
            Ok(_) => Ok(true),
        }
    }

    /// `yield`: suspends the generator frame and hands `v` to whoever resumed it.
    pub fn yield_value(&mut self, v: Value, async_gen_value: bool) {
        if let ReturnMode::GenDrain { items, then, .. } = &mut self.frame().mode {
            // Nothing held back yet means the running total is exact so far.
            if !(items.is_empty() && then.fold_into_sum(&v)) {
                items.push(v);
            }
            // The yield expression's value: what `next()` sends.
            self.push(Value::None);
            return;
        }
        let Some(mut frame) = self.thread().frames.pop() else {
            return;
        };
        let mode = std::mem::replace(&mut frame.mode, ReturnMode::Normal);
        let mut completes_await_at = None;
        let (gen, captured) = match mode {
            ReturnMode::GenSend { gen, exit } => {
                if async_gen_value {
                    completes_await_at = Some(exit);
                }
                (gen, false)
            }
            ReturnMode::GenFor { gen, .. } | ReturnMode::GenNext { gen } => (gen, false),
            ReturnMode::GenCapture { gen } => (gen, true),
            _ => return,
        };
        let mut g = gen.borrow_mut();
        g.frame = Some(frame);
        g.running = false;
        let outer = g.outer_handled.take();
        g.exc_state = std::mem::replace(&mut self.threads[self.cur as usize].handled, outer);
        drop(g);
        if let Some(exit) = completes_await_at {
            // The awaited `__anext__()` is complete: its value replaces the delegate.
            let f = self.frame();
            f.stack.pop();
            f.stack.push(v);
            f.pc = exit;
        } else if captured {
            self.captured = Some(Ok(v));
        } else {
            self.push(v);
        }
    }

    /// The next item of a generator, for native code: runs it nested on this thread.
    pub fn next_from_generator(
        &mut self,
        gen: &Rc<RefCell<Generator>>,
    ) -> Result<Option<Value>, Flow> {
        if !self.resume_generator(
            gen,
            Value::None,
            ReturnMode::GenCapture { gen: gen.clone() },
        )? {
            return Ok(None);
        }
        let (stop, result) = self.run_nested_until_captured();
        match (stop, result) {
            (_, Some(Ok(v))) => Ok(Some(v)),
            (_, Some(Err(e))) if self.is_stop_iteration(&e) => Ok(None),
            (_, Some(Err(e))) => Err(Flow::Exc(e)),
            _ => Err(self.exc(
                "RuntimeError",
                "interleave: generator ended without a result",
            )),
        }
    }

    pub fn is_stop_iteration(&self, e: &Value) -> bool {
        self.types
            .type_of(e)
            .is_subclass_of(&self.types.exception("StopIteration"))
    }

    /// `next(gen)` and `gen.send(v)` from Python code: the generator's frame is pushed, and its
    /// next yield becomes the call's result.
    pub fn generator_send(&mut self, gen: &Rc<RefCell<Generator>>, sent: Value) -> NResult {
        if self.resume_generator(gen, sent, ReturnMode::GenNext { gen: gen.clone() })? {
            Err(Flow::Pushed)
        } else {
            Err(self.exc("StopIteration", ""))
        }
    }

    /// A generator that is not running is closed: it is finished.
    pub fn generator_finished(gen: &Rc<RefCell<Generator>>) {
        let mut g = gen.borrow_mut();
        g.frame = None;
        g.running = false;
    }

    /// A running generator's frame returned or raised: it is finished, and the resumer's
    /// handled exception is back in force.
    pub fn generator_frame_done(&mut self, gen: &Rc<RefCell<Generator>>) {
        let outer = {
            let mut g = gen.borrow_mut();
            g.frame = None;
            g.running = false;
            g.exc_state = None;
            g.outer_handled.take()
        };
        self.thread().handled = outer;
    }

    /// What the caller sees when a generator frame returns `v`.
    pub fn generator_returned(&mut self, mode: ReturnMode, v: Value) -> Result<Option<Stop>, Flow> {
        match mode {
            ReturnMode::GenFor { gen, exit } => {
                self.generator_frame_done(&gen);
                self.pop();
                self.frame().pc = exit;
                Ok(None)
            }
            ReturnMode::GenSend { gen, exit } => {
                self.generator_frame_done(&gen);
                if gen.borrow().kind == GenKind::AsyncGenerator {
                    return Err(self.exc("StopAsyncIteration", ""));
                }
                let f = self.frame();
                f.stack.pop();
                f.stack.push(v);
                f.pc = exit;
                Ok(None)
            }
            ReturnMode::GenNext { gen } => {
                self.generator_frame_done(&gen);
                let class = self.types.exception("StopIteration");
                let args = if v.is_none() { vec![] } else { vec![v] };
                Err(Flow::Exc(self.new_exception(&class, args)))
            }
            ReturnMode::GenCapture { gen } => {
                self.generator_frame_done(&gen);
                let class = self.types.exception("StopIteration");
                self.captured = Some(Err(self.new_exception(&class, vec![])));
                Ok(Some(Stop::Captured))
            }
            ReturnMode::GenDrain { gen, items, then } => {
                Self::generator_finished(&gen);
                let Drained {
                    func,
                    mut args,
                    kwargs,
                    slot,
                    discard_result,
                } = *then;
                args[slot] = Value::list(items);
                match self.call_value(func, args, kwargs) {
                    Ok(_) if discard_result => {}
                    Ok(v) => self.push(v),
                    Err(Flow::Pushed) => {}
                    Err(e) => return Err(e),
                }
                Ok(None)
            }
            _ => Ok(None),
        }
    }
}
