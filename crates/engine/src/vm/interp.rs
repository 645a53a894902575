//! The interpreter loop: executes the current thread's instructions until it blocks, drops
//! the GIL, finishes, or the scheduler needs to process a timer.

use super::{Flow, FrameBlock, Vm};
use crate::ast::{CmpOp, UnaryOp};
use crate::bytecode::Instr;
use crate::cost;
use crate::value::{Key, Value};
use std::rc::Rc;

/// Why [`Vm::run_current`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The clock reached the scheduler's next timer; the thread still holds the GIL.
    Timer,
    /// The thread blocked, dropped the GIL, or finished.
    Switched,
    /// A nested call made by native code returned.
    Captured,
    /// The run is over (main thread done, budget, fatal error).
    Halt,
}

impl Vm {
    /// Runs the GIL holder until something needs the scheduler.
    ///
    /// `hooks` hears progress every so many steps: the step budget's check doubles as the
    /// check for the next report (`step_limit`), so reports cost nothing per instruction.
    pub fn run_current(&mut self, nested: bool, hooks: &mut super::RunHooks) -> Stop {
        let depth = self.nested;
        let any_instruction = self.options.preempt == crate::Preempt::AnyInstruction;
        let directed = !nested && self.directed();
        let slow_only = any_instruction || self.watch.is_some();
        let max_steps = self.options.max_steps;
        let mut step_limit = max_steps.min(hooks.next_report());
        if !nested {
            self.sched.refresh_stop_at();
        }
        loop {
            if !slow_only {
                self.run_fast_path(nested, step_limit);
            }
            if self.sched.steps >= step_limit {
                if self.sched.steps >= max_steps {
                    self.budget_exceeded("step");
                    return Stop::Halt;
                }
                if hooks.report(self.sched.steps, self.sched.clock) {
                    hooks.hand_trace_so_far(self.trace_so_far());
                }
                step_limit = max_steps.min(hooks.next_report());
            }
            if !nested && self.sched.clock >= self.sched.stop_at_cache {
                return Stop::Timer;
            }
            let (instr, breaker) = {
                let f = self.frame();
                let instr = f.code.instrs[f.pc];
                f.pc += 1;
                (
                    instr,
                    matches!(instr, Instr::Resume | Instr::JumpBackward(_)) || any_instruction,
                )
            };
            self.sched.steps += 1;
            self.sched.clock += cost::instr_ns(&instr);
            let result = self.execute(instr);
            if crate::value::never_awaited_pending() {
                self.warn_never_awaited();
            }
            let stop = match result {
                Ok(()) => None,
                Err(Flow::Exc(e)) => self.raise(e),
                Err(Flow::Pushed) => None,
                Err(Flow::Blocked) => Some(Stop::Switched),
            };
            if let Some(stop) = stop {
                return stop;
            }
            if self.outcome.is_some() {
                return Stop::Halt;
            }
            if nested && self.captured.is_some() && self.captured_ready(depth) {
                return Stop::Captured;
            }
            if self.threads[self.cur as usize].finished {
                return Stop::Switched;
            }
            let after_native_call = matches!(
                instr,
                Instr::Call(_) | Instr::CallKw { .. } | Instr::CallEx(_)
            );
            if directed && (breaker || after_native_call) {
                // A loop of the program's own (not a library's) is a step per iteration.
                let loop_iteration = matches!(instr, Instr::JumpBackward(_)) && {
                    let file = self.frame().code.filename.clone();
                    *file == *self.options.filename
                };
                if let Some(stop) = self.directed_switch_point(loop_iteration) {
                    return stop;
                }
            }
            if (breaker || after_native_call)
                && !nested
                && self.sched.gil(self.cur).drop_request
                && self.eval_breaker()
            {
                return Stop::Switched;
            }
        }
    }

    fn execute(&mut self, instr: Instr) -> Result<(), Flow> {
        match instr {
            Instr::Resume | Instr::Nop => {}
            Instr::LoadConst(i) => {
                let f = self.frame();
                let v = f.code.consts[i as usize].clone();
                f.stack.push(v);
            }
            Instr::LoadFast(i) => {
                let f = self.frame();
                match &f.locals[i as usize] {
                    Some(v) => {
                        let v = v.clone();
                        f.stack.push(v);
                    }
                    None => {
                        let name = f.code.varnames[i as usize].clone();
                        return Err(self.exc(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                }
            }
            Instr::StoreFast(i) => {
                let f = self.frame();
                let v = f.stack.pop();
                if let Some(old) = std::mem::replace(&mut f.locals[i as usize], v) {
                    old.discard();
                }
            }
            Instr::DeleteFast(i) => {
                let f = self.frame();
                f.locals[i as usize] = None;
            }
            Instr::LoadDeref(i) => {
                let f = self.frame();
                let v = f.cells[i as usize].borrow().clone();
                match v {
                    Some(v) => f.stack.push(v),
                    None => {
                        let code = f.code.clone();
                        let name = code
                            .cellvars
                            .iter()
                            .chain(code.freevars.iter())
                            .nth(i as usize)
                            .cloned()
                            .unwrap_or_else(|| Rc::from("?"));
                        return Err(self.exc(
                            "NameError",
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        ));
                    }
                }
            }
            Instr::StoreDeref(i) => {
                let f = self.frame();
                let v = f.stack.pop();
                *f.cells[i as usize].borrow_mut() = v;
            }
            Instr::LoadClosure(i) => {
                let f = self.frame();
                let c = f.cells[i as usize].clone();
                f.stack.push(Value::Cell(c));
            }
            Instr::LoadGlobal(i) => {
                let name = self.frame().code.names[i as usize].clone();
                let v = self.load_global(&name)?;
                self.watch_global(&name, false);
                self.push(v);
            }
            Instr::StoreGlobal(i) => {
                let watching = self.watch.is_some();
                let f = self.frame();
                let name = f.code.names[i as usize].clone();
                let v = f.stack.pop().unwrap_or(Value::None);
                if !watching {
                    f.globals.borrow_mut().insert(Key(Value::Str(name)), v);
                } else {
                    f.globals
                        .borrow_mut()
                        .insert(Key(Value::Str(name.clone())), v);
                    self.watch_global(&name, true);
                }
            }
            Instr::DeleteGlobal(i) => {
                let f = self.frame();
                let name = f.code.names[i as usize].clone();
                let removed = f
                    .globals
                    .borrow_mut()
                    .shift_remove(&Key(Value::Str(name.clone())));
                if removed.is_none() {
                    return Err(self.exc("NameError", format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadName(i) => {
                let f = self.frame();
                let name = f.code.names[i as usize].clone();
                let local = f
                    .namespace
                    .as_ref()
                    .and_then(|ns| ns.borrow().get(&Key(Value::Str(name.clone()))).cloned());
                let v = match local {
                    Some(v) => v,
                    None => {
                        let v = self.load_global(&name)?;
                        self.watch_global(&name, false);
                        v
                    }
                };
                self.push(v);
            }
            Instr::StoreName(i) => {
                let f = self.frame();
                let name = f.code.names[i as usize].clone();
                let v = f.stack.pop().unwrap_or(Value::None);
                let module_level = f.namespace.is_none();
                let ns = f.namespace.clone().unwrap_or_else(|| f.globals.clone());
                ns.borrow_mut().insert(Key(Value::Str(name.clone())), v);
                if module_level {
                    self.watch_global(&name, true);
                }
            }
            Instr::DeleteName(i) => {
                let f = self.frame();
                let name = f.code.names[i as usize].clone();
                let ns = f.namespace.clone().unwrap_or_else(|| f.globals.clone());
                let removed = ns.borrow_mut().shift_remove(&Key(Value::Str(name.clone())));
                if removed.is_none() {
                    return Err(self.exc("NameError", format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadAttr(i) => {
                let name = self.frame().code.names[i as usize].clone();
                let obj = self.pop();
                let v = self.getattr(&obj, &name)?;
                self.watch_attr(&obj, &name, false);
                self.push(v);
            }
            Instr::StoreAttr(i) => {
                let name = self.frame().code.names[i as usize].clone();
                let obj = self.pop();
                let v = self.pop();
                self.setattr(&obj, &name, v)?;
                self.watch_attr(&obj, &name, true);
            }
            Instr::DeleteAttr(i) => {
                let name = self.frame().code.names[i as usize].clone();
                let obj = self.pop();
                self.delattr(&obj, &name)?;
            }
            Instr::Subscript => {
                let key = self.pop();
                let container = self.pop();
                let v = self.getitem(&container, &key)?;
                self.watch_item(&container, &key, false);
                self.push(v);
            }
            Instr::StoreSubscript => {
                let key = self.pop();
                let container = self.pop();
                let v = self.pop();
                if self.watch.is_some() {
                    self.setitem(&container, key.clone(), v)?;
                    self.watch_item(&container, &key, true);
                } else {
                    self.setitem(&container, key, v)?;
                }
            }
            Instr::DeleteSubscript => {
                let key = self.pop();
                let container = self.pop();
                self.delitem(&container, &key)?;
            }
            Instr::BuildSlice(n) => {
                let step = if n == 3 { self.pop() } else { Value::None };
                let stop = self.pop();
                let start = self.pop();
                self.push(Value::Slice(Rc::new(crate::value::SliceObj {
                    start,
                    stop,
                    step,
                })));
            }
            Instr::Binary(op) | Instr::InPlace(op) => {
                let b = self.pop();
                let a = self.pop();
                // Fast path: small ints that do not overflow.
                if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                    let r = match op {
                        crate::ast::BinOp::Add => x.checked_add(*y),
                        crate::ast::BinOp::Sub => x.checked_sub(*y),
                        crate::ast::BinOp::Mul => x.checked_mul(*y),
                        _ => None,
                    };
                    if let Some(r) = r {
                        self.push(Value::Int(r));
                        return Ok(());
                    }
                }
                let v = self.binary_op(op, &a, &b, matches!(instr, Instr::InPlace(_)))?;
                self.push(v);
            }
            Instr::Unary(op) => {
                let a = self.pop();
                let v = match op {
                    UnaryOp::Not => Value::Bool(!self.truthy(&a)?),
                    _ => self.unary_op(op, &a)?,
                };
                self.push(v);
            }
            Instr::Compare(op) => {
                let b = self.pop();
                let a = self.pop();
                if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                    let r = match op {
                        CmpOp::Lt => Some(x < y),
                        CmpOp::LtE => Some(x <= y),
                        CmpOp::Gt => Some(x > y),
                        CmpOp::GtE => Some(x >= y),
                        CmpOp::Eq => Some(x == y),
                        CmpOp::NotEq => Some(x != y),
                        _ => None,
                    };
                    if let Some(r) = r {
                        self.push(Value::Bool(r));
                        return Ok(());
                    }
                }
                let v = match op {
                    CmpOp::Is => Value::Bool(a.is(&b)),
                    CmpOp::IsNot => Value::Bool(!a.is(&b)),
                    CmpOp::In => Value::Bool(self.contains(&b, &a)?),
                    CmpOp::NotIn => Value::Bool(!self.contains(&b, &a)?),
                    _ => self.compare(op, &a, &b)?,
                };
                self.push(v);
            }
            Instr::Pop => {
                self.frame().stack.pop();
            }
            Instr::Copy(n) => {
                let f = self.frame();
                let v = f.stack[f.stack.len() - n as usize].clone();
                f.stack.push(v);
            }
            Instr::Swap(n) => {
                let f = self.frame();
                let len = f.stack.len();
                f.stack.swap(len - 1, len - n as usize);
            }
            Instr::Jump(t) | Instr::JumpBackward(t) => self.frame().pc = t as usize,
            Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                let v = self.pop();
                let truth = match v {
                    Value::Bool(b) => b,
                    _ => self.truthy(&v)?,
                };
                if truth == matches!(instr, Instr::PopJumpIfTrue(_)) {
                    self.frame().pc = t as usize;
                }
            }
            Instr::JumpIfFalseOrPop(t) | Instr::JumpIfTrueOrPop(t) => {
                let v = self.top();
                let truth = self.truthy(&v)?;
                if truth == matches!(instr, Instr::JumpIfTrueOrPop(_)) {
                    self.frame().pc = t as usize;
                } else {
                    self.pop();
                }
            }
            Instr::GetIter => {
                let v = self.pop();
                let it = self.iter(&v)?;
                self.push(it);
            }
            Instr::ForIter(t) => {
                // Fast path: iterating a range.
                {
                    let f = self.frame();
                    let step_result = match f.stack.last() {
                        Some(Value::Iterator(cell)) => match &mut *cell.borrow_mut() {
                            crate::value::NativeIter::Range { next, stop, step } => {
                                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                                    let v = *next;
                                    *next += *step;
                                    Some(Some(Value::Int(v)))
                                } else {
                                    Some(None)
                                }
                            }
                            crate::value::NativeIter::Seq {
                                seq: Value::List(items),
                                index,
                            } => {
                                let item = items.borrow().get(*index).cloned();
                                *index += 1;
                                Some(item)
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    match step_result {
                        Some(Some(v)) => {
                            f.stack.push(v);
                            return Ok(());
                        }
                        Some(None) => {
                            f.stack.pop();
                            f.pc = t as usize;
                            return Ok(());
                        }
                        None => {}
                    }
                }
                let it = self.top();
                if let Value::Generator(g) = &it {
                    if !self.resume_generator(
                        g,
                        Value::None,
                        super::ReturnMode::GenFor {
                            gen: g.clone(),
                            exit: t as usize,
                        },
                    )? {
                        self.pop();
                        self.frame().pc = t as usize;
                    }
                    return Ok(());
                }
                match self.next(&it)? {
                    Some(v) => self.push(v),
                    None => {
                        self.pop();
                        self.frame().pc = t as usize;
                    }
                }
            }
            Instr::BuildList(n) => {
                let items = self.pop_n(n as usize);
                self.push(Value::list(items));
            }
            Instr::BuildTuple(n) => {
                let items = self.pop_n(n as usize);
                self.push(Value::tuple(items));
            }
            Instr::BuildSet(_)
            | Instr::BuildMap(_)
            | Instr::ListAppend(_)
            | Instr::SetAdd(_)
            | Instr::ListExtend(_)
            | Instr::SetUpdate(_)
            | Instr::MapAdd(_)
            | Instr::DictUpdate(_)
            | Instr::ListToTuple
            | Instr::UnpackSequence(_)
            | Instr::UnpackEx(_, _) => return self.collection_instr(instr),
            Instr::Call(argc) => {
                let args = self.pop_n(argc as usize);
                let func = self.pop();
                self.call_and_push(func, args, Vec::new())?;
            }
            Instr::CallKw { argc, names } => {
                let names = match &self.frame().code.consts[names as usize] {
                    Value::Tuple(t) => t.clone(),
                    _ => Rc::new(Vec::new()),
                };
                let mut args = self.pop_n(argc as usize);
                let kw_values = args.split_off(args.len() - names.len());
                let kwargs = names
                    .iter()
                    .zip(kw_values)
                    .map(|(n, v)| {
                        (
                            if let Value::Str(s) = n {
                                s.clone()
                            } else {
                                Rc::from("")
                            },
                            v,
                        )
                    })
                    .collect();
                let func = self.pop();
                self.call_and_push(func, args, kwargs)?;
            }
            Instr::CallEx(has_kwargs) => {
                let kwargs = if has_kwargs { self.pop() } else { Value::None };
                let args = self.pop();
                let func = self.pop();
                let args = self.collect(&args)?;
                let mut kw = Vec::new();
                if let Value::Dict(d) = kwargs {
                    for (k, v) in d.borrow().iter() {
                        match &k.0 {
                            Value::Str(s) => kw.push((s.clone(), v.clone())),
                            _ => return Err(self.exc("TypeError", "keywords must be strings")),
                        }
                    }
                }
                self.call_and_push(func, args, kw)?;
            }
            Instr::MakeFunction { code, flags } => self.make_function(code, flags)?,
            Instr::Return => {
                let v = self.pop();
                self.return_from_frame(v)?;
            }
            Instr::FormatValue {
                conversion,
                has_spec,
            } => {
                let spec = if has_spec { Some(self.pop()) } else { None };
                let v = self.pop();
                let v = match conversion {
                    b'r' => Value::str(&self.repr(&v)?),
                    b's' => Value::str(&self.str_of(&v)?),
                    b'a' => Value::str(&self.repr(&v)?),
                    _ => v,
                };
                let spec = match spec {
                    Some(Value::Str(s)) => s,
                    _ => Rc::from(""),
                };
                let s = self.format_value(&v, &spec)?;
                self.push(Value::str(&s));
            }
            Instr::BuildString(n) => {
                let parts = self.pop_n(n as usize);
                let mut s = String::new();
                for p in parts {
                    if let Value::Str(p) = p {
                        s.push_str(&p);
                    }
                }
                self.push(Value::str(&s));
            }
            Instr::SetupFinally(t) => {
                let f = self.frame();
                let level = f.stack.len();
                f.blocks.push(FrameBlock::Handler {
                    handler: t as usize,
                    level,
                });
            }
            Instr::PopBlock => {
                self.frame().blocks.pop();
            }
            Instr::PopExcept => {
                if let Some(FrameBlock::Except { previous }) = self.frame().blocks.pop() {
                    self.thread().handled = previous;
                }
            }
            Instr::Reraise => {
                let e = self.pop();
                return Err(Flow::Exc(e));
            }
            Instr::Raise(kind) => return Err(self.do_raise(kind)),
            Instr::CheckExcMatch => {
                let typ = self.pop();
                let exc = self.top();
                let m = self.exception_matches(&exc, &typ)?;
                self.push(Value::Bool(m));
            }
            Instr::BeforeWith => {
                let ctx = self.pop();
                let exit = self.getattr(&ctx, "__exit__").map_err(|_| {
                    let tn = self.type_name(&ctx);
                    self.exc(
                        "TypeError",
                        format!("'{tn}' object does not support the context manager protocol"),
                    )
                })?;
                let enter = self.getattr(&ctx, "__enter__")?;
                self.push(exit);
                self.call_and_push(enter, Vec::new(), Vec::new())?;
            }
            Instr::WithExceptStart => {
                let exc = self.top();
                let exit = {
                    let f = self.frame();
                    f.stack[f.stack.len() - 2].clone()
                };
                let typ = Value::Class(self.types.type_of(&exc));
                self.call_and_push(exit, vec![typ, exc, Value::None], Vec::new())?;
            }
            Instr::ImportName(i) => {
                let name = self.frame().code.names[i as usize].clone();
                self.import(&name)?;
            }
            Instr::ImportFrom(i) => {
                let name = self.frame().code.names[i as usize].clone();
                let module = self.top();
                let v = self.import_from(&module, &name)?;
                self.push(v);
            }
            Instr::LoadBuildClass => {
                let b = self.builtin_value("__build_class__");
                self.push(b);
            }
            Instr::Send(exit) => self.exec_send(exit as usize)?,
            Instr::GetAwaitable => self.get_awaitable()?,
            Instr::BeforeAsyncWith => self.before_async_with()?,
            Instr::GetAIter => self.get_aiter()?,
            Instr::GetANext => self.get_anext()?,
            Instr::EndAsyncFor => self.end_async_for()?,
            Instr::YieldValue | Instr::AsyncGenYield => {
                let v = self.pop();
                self.yield_value(v, instr == Instr::AsyncGenYield);
            }
            Instr::LoadAssertionError => {
                let c = Value::Class(self.types.exception("AssertionError"));
                self.push(c);
            }
        }
        Ok(())
    }

    /// A nested run stops when its own capture arrives (not an inner one's).
    fn captured_ready(&self, depth: u32) -> bool {
        self.nested == depth
    }

    pub fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let f = self.frame();
        let at = f.stack.len() - n;
        f.stack.split_off(at)
    }

    fn load_global(&mut self, name: &Rc<str>) -> Result<Value, Flow> {
        let key = Key(Value::Str(name.clone()));
        let globals = self.frame().globals.clone();
        if let Some(v) = globals.borrow().get(&key) {
            return Ok(v.clone());
        }
        if let Some(v) = self.builtins.borrow().get(&key) {
            return Ok(v.clone());
        }
        Err(self.exc("NameError", format!("name '{name}' is not defined")))
    }

    /// Calls `func` and pushes its result, unless a frame was pushed or the thread blocked.
    pub fn call_and_push(
        &mut self,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Flow> {
        let v = self.call_value(func, args, kwargs)?;
        self.push(v);
        Ok(())
    }

    /// The GIL holder reached an eval-breaker point with the drop request set: it drops the
    /// GIL (CPython's FORCE_SWITCHING). Returns whether it did.
    fn eval_breaker(&mut self) -> bool {
        self.sched_drop_gil_on_request()
    }
}
