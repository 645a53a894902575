//! Raising, unwinding and printing exceptions as CPython does: handler blocks, implicit and
//! explicit chaining, and the `Traceback (most recent call last):` report.

use super::interp::Stop;
use super::{Flow, FrameBlock, ReturnMode, Vm};
use crate::trace::Stream;
use crate::value::{ClassKind, ExceptionData, Instance, Native, TracebackEntry, Value};
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// A new instance of the built-in exception `name` with one message argument.
    pub fn exc(&self, name: &str, msg: impl Into<String>) -> Flow {
        let msg = msg.into();
        let args = if msg.is_empty() && name == "StopIteration" {
            vec![]
        } else {
            vec![Value::str(&msg)]
        };
        Flow::Exc(self.new_exception(&self.types.exception(name), args))
    }

    pub fn new_exception(&self, class: &Rc<crate::value::Class>, args: Vec<Value>) -> Value {
        Value::Instance(Rc::new(Instance {
            class: class.clone(),
            dict: RefCell::new(Default::default()),
            native: RefCell::new(Native::Exception(Box::new(ExceptionData {
                args,
                traceback: Vec::new(),
                cause: None,
                context: None,
                suppress_context: false,
            }))),
        }))
    }

    pub fn is_exception_instance(v: &Value) -> bool {
        matches!(v, Value::Instance(i) if matches!(*i.native.borrow(), Native::Exception(_)))
    }

    pub fn with_exc_data<T>(v: &Value, f: impl FnOnce(&mut ExceptionData) -> T) -> Option<T> {
        match v {
            Value::Instance(i) => match &mut *i.native.borrow_mut() {
                Native::Exception(d) => Some(f(d)),
                _ => None,
            },
            _ => None,
        }
    }

    /// `raise` / `raise X` / `raise X from Y`.
    pub fn do_raise(&mut self, kind: u8) -> Flow {
        match kind {
            0 => match self.thread().handled.clone() {
                Some(e) => Flow::Exc(e),
                None => self.exc("RuntimeError", "No active exception to reraise"),
            },
            _ => {
                let cause = if kind == 2 { Some(self.pop()) } else { None };
                let raised = self.pop();
                let exc = match self.instantiate_exception(raised) {
                    Ok(e) => e,
                    Err(flow) => return flow,
                };
                if let Some(cause) = cause {
                    let cause = if cause.is_none() {
                        None
                    } else {
                        match self.instantiate_exception(cause) {
                            Ok(c) => Some(c),
                            Err(flow) => return flow,
                        }
                    };
                    Self::with_exc_data(&exc, |d| {
                        d.cause = cause;
                        d.suppress_context = true;
                    });
                }
                Flow::Exc(exc)
            }
        }
    }

    /// `raise Cls` instantiates the class; `raise obj` needs an exception instance.
    fn instantiate_exception(&mut self, v: Value) -> Result<Value, Flow> {
        match &v {
            Value::Class(c) if c.native_kind() == ClassKind::Exception => match self.call_value(
                v.clone(),
                vec![],
                vec![],
            ) {
                Ok(e) => Ok(e),
                Err(Flow::Pushed) => Err(self.exc(
                    "RuntimeError",
                    "exception class with a Python __init__ must be instantiated before raising",
                )),
                Err(f) => Err(f),
            },
            _ if Self::is_exception_instance(&v) => Ok(v),
            _ => Err(self.exc("TypeError", "exceptions must derive from BaseException")),
        }
    }

    /// `except T:` matching: `T` may be a class or a tuple of classes.
    pub fn exception_matches(&mut self, exc: &Value, typ: &Value) -> Result<bool, Flow> {
        let class = self.types.type_of(exc);
        match typ {
            Value::Class(c) => Ok(class.is_subclass_of(c)),
            Value::Tuple(items) => {
                for t in items.iter() {
                    if self.exception_matches(exc, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.exc(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// Unwinds the current thread's frames to the nearest handler. Returns `None` when a
    /// handler took the exception and execution continues.
    pub fn raise(&mut self, exc: Value) -> Option<Stop> {
        // Implicit chaining: an exception raised while handling another.
        if let Some(handled) = self.thread().handled.clone() {
            if !handled.is(&exc) {
                Self::with_exc_data(&exc, |d| {
                    if d.context.is_none() {
                        d.context = Some(handled);
                    }
                });
            }
        }
        let reraised = {
            let f = self.frame();
            matches!(
                f.code.instrs.get(f.pc.wrapping_sub(1)),
                Some(crate::bytecode::Instr::Reraise | crate::bytecode::Instr::EndAsyncFor)
            )
        };
        let mut first = true;
        loop {
            if !(first && reraised) {
                self.add_traceback_entry(&exc);
            }
            first = false;
            loop {
                let block = self.frame().blocks.pop();
                match block {
                    Some(FrameBlock::Except { previous }) => self.thread().handled = previous,
                    Some(FrameBlock::Handler { handler, level }) => {
                        let previous = self.thread().handled.clone();
                        let f = self.frame();
                        f.stack.truncate(level);
                        f.blocks.push(FrameBlock::Except { previous });
                        f.stack.push(exc.clone());
                        f.pc = handler;
                        self.thread().handled = Some(exc);
                        return None;
                    }
                    None => break,
                }
            }
            let frame = self.thread().frames.pop().expect("frame being unwound");
            match frame.mode {
                ReturnMode::Normal | ReturnMode::Init(_) | ReturnMode::BuildClass { .. } => {}
                ReturnMode::GenFor { gen, .. }
                | ReturnMode::GenNext { gen }
                | ReturnMode::GenSend { gen, .. }
                | ReturnMode::GenDrain { gen, .. } => self.generator_frame_done(&gen),
                ReturnMode::GenCapture { gen } => {
                    self.generator_frame_done(&gen);
                    self.captured = Some(Err(exc));
                    return Some(Stop::Captured);
                }
                ReturnMode::Import { module, .. } => {
                    if let Value::Module(m) = module {
                        self.modules.remove(&m.name);
                    }
                }
                ReturnMode::Capture => {
                    self.captured = Some(Err(exc));
                    return Some(Stop::Captured);
                }
                ReturnMode::ThreadRoot => {
                    let text = self.format_exception(&exc);
                    self.write(Stream::Stderr, &text);
                    self.finish_thread();
                    return Some(Stop::Switched);
                }
                ReturnMode::MainModule => {
                    self.main_module_done(Some(exc));
                    return if self.outcome.is_some() {
                        Some(Stop::Halt)
                    } else {
                        None
                    };
                }
                ReturnMode::ProcessRoot => {
                    let text = self.format_exception(&exc);
                    self.write(Stream::Stderr, &text);
                    self.exit_current_process(1);
                    return Some(Stop::Switched);
                }
                ReturnMode::Shutdown => {
                    let text = self.format_exception(&exc);
                    self.write(Stream::Stderr, &text);
                    self.finish_main();
                    return Some(Stop::Halt);
                }
            }
            if self.thread().frames.is_empty() {
                self.finish_thread();
                return Some(Stop::Switched);
            }
            // Hide the raising call instruction's partial stack effects.
        }
    }

    fn add_traceback_entry(&mut self, exc: &Value) {
        let (filename, line, name, pos) = {
            let f = self.frame();
            let pos = f.code.pos_at(f.pc.saturating_sub(1));
            (f.code.filename.clone(), f.line(), f.code.name.clone(), pos)
        };
        Self::with_exc_data(exc, |d| {
            d.traceback.insert(
                0,
                TracebackEntry {
                    filename,
                    line,
                    name,
                    pos,
                },
            )
        });
    }

    /// `Type: message` as the last line of a traceback.
    pub fn exception_line(&mut self, exc: &Value) -> String {
        let class = self.types.type_of(exc);
        let name = if matches!(&*class.module, "builtins" | "__main__") {
            class.qualname.to_string()
        } else {
            format!("{}.{}", class.module, class.qualname)
        };
        let msg = self.str_of(exc).unwrap_or_default();
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    /// The full report CPython prints for an uncaught exception, with chained exceptions.
    pub fn format_exception(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let data = Self::with_exc_data(exc, |d| d.clone());
        if let Some(d) = &data {
            if let Some(cause) = &d.cause {
                out.push_str(&self.format_exception(cause));
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if let (Some(ctx), false) = (&d.context, d.suppress_context) {
                out.push_str(&self.format_exception(ctx));
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
            if !d.traceback.is_empty() {
                out.push_str("Traceback (most recent call last):\n");
                for entry in &d.traceback {
                    let shown_line = self
                        .line_aliases
                        .get(&*entry.filename)
                        .and_then(|m| m.get(&entry.line).copied())
                        .unwrap_or(entry.line);
                    if shown_line == 0 {
                        continue;
                    }
                    out.push_str(&format!(
                        "  File \"{}\", line {}, in {}\n",
                        entry.filename, shown_line, entry.name
                    ));
                    if let Some(raw) = self.raw_source_line(&entry.filename, entry.line) {
                        let src = raw.trim();
                        if !src.is_empty() {
                            out.push_str(&format!("    {src}\n"));
                            out.push_str(&super::carets::caret_line(&raw, entry.line, &entry.pos));
                        }
                    }
                }
            }
        }
        out.push_str(&self.exception_line(exc));
        out.push('\n');
        out
    }

    fn raw_source_line(&self, filename: &str, line: u32) -> Option<String> {
        let lines = self.sources.get(filename)?;
        lines.get(line.checked_sub(1)? as usize).cloned()
    }
}
