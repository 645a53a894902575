//! Calling: Python functions (argument binding, new frames), built-ins, bound methods,
//! classes (instantiation, `__init__`), class creation, and returning from frames.

use super::interp::Stop;
use super::{Flow, Frame, NResult, ReturnMode, Vm};
use crate::bytecode::Code;
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Deep Python recursion ends in RecursionError, as CPython's default limit of 1000.
const RECURSION_LIMIT: usize = 1000;

impl Vm {
    /// Calls `func`. A Python function gets a new frame (`Err(Flow::Pushed)`); built-ins run
    /// at once and may block.
    pub fn call_value(
        &mut self,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> NResult {
        match &func {
            Value::Function(f) => {
                let frame = self.new_frame(f, args, kwargs)?;
                if frame.code.flags.generator || frame.code.flags.coroutine {
                    return Ok(self.make_generator(frame));
                }
                self.push_frame(frame)
            }
            Value::Builtin(b) => {
                let mut positional = args;
                if let Some(r) = &b.receiver {
                    positional.insert(0, r.clone());
                }
                if let Some(slot) = materialising_slot(b) {
                    let unbound = Value::Builtin(Rc::new(Builtin {
                        name: b.name,
                        func: b.func,
                        receiver: None,
                    }));
                    if let Some(v) = self.drain_then_call(&unbound, &positional, &kwargs, slot)? {
                        return Ok(v);
                    }
                }
                self.sched.clock += crate::cost::NATIVE_CALL_NS;
                (b.func)(
                    self,
                    Args {
                        positional,
                        keywords: kwargs,
                    },
                )
            }
            Value::BoundMethod(m) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(m.receiver.clone());
                full.extend(args);
                self.call_value(m.func.clone(), full, kwargs)
            }
            Value::Class(c) => self.instantiate(c.clone(), args, kwargs),
            Value::Instance(_) => match self.lookup_special(&func, "__call__") {
                Some(call) => self.call_value(call, args, kwargs),
                None => {
                    let tn = self.type_name(&func);
                    Err(self.exc("TypeError", format!("'{tn}' object is not callable")))
                }
            },
            _ => {
                let tn = self.type_name(&func);
                Err(self.exc("TypeError", format!("'{tn}' object is not callable")))
            }
        }
    }

    pub fn push_frame(&mut self, frame: Frame) -> NResult {
        if self.thread().frames.len() >= RECURSION_LIMIT {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.sched.clock += crate::cost::PY_CALL_NS;
        self.thread().frames.push(frame);
        Err(Flow::Pushed)
    }

    /// Runs the frame just pushed (with a capturing return mode) nested on this thread until
    /// its result is captured: how native code waits for Python code.
    pub fn run_nested_until_captured(&mut self) -> (Stop, Option<Result<Value, Value>>) {
        let saved = self.captured.take();
        self.nested += 1;
        let stop = self.run_current(true, &mut super::RunHooks::none());
        self.nested -= 1;
        let result = self.captured.take();
        self.captured = saved;
        (stop, result)
    }

    /// Calls `func` from native code and waits for its result, running nested frames on the
    /// current thread. Blocking inside such a call is not supported.
    pub fn call_sync(&mut self, func: Value, args: Vec<Value>) -> NResult {
        self.call_sync_with(func, args, Vec::new())
    }

    /// [`Vm::call_sync`] with keyword arguments.
    pub fn call_sync_with(
        &mut self,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> NResult {
        match self.call_value(func, args, kwargs) {
            Err(Flow::Pushed) => {
                // Instantiating a class runs its `__init__`: the call's result is the instance.
                let instance = match std::mem::replace(&mut self.frame().mode, ReturnMode::Capture)
                {
                    ReturnMode::Init(instance) => Some(instance),
                    _ => None,
                };
                let (stop, result) = self.run_nested_until_captured();
                match (stop, result) {
                    (_, Some(Ok(v))) => match instance {
                        Some(instance) if v.is_none() => Ok(instance),
                        Some(_) => {
                            let tn = self.type_name(&v);
                            Err(self.exc(
                                "TypeError",
                                format!("__init__() should return None, not '{tn}'"),
                            ))
                        }
                        None => Ok(v),
                    },
                    (_, Some(Err(e))) => Err(Flow::Exc(e)),
                    (Stop::Halt, None) => Err(Flow::Exc(Value::None)),
                    _ => Err(self.exc(
                        "RuntimeError",
                        "interleave: a callback ended without returning",
                    )),
                }
            }
            other => other,
        }
    }

    /// Builds the frame of a Python function call, binding arguments to parameters.
    pub fn new_frame(
        &mut self,
        f: &Rc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<Frame, Flow> {
        let code = f.code.clone();
        let mut locals: Vec<Option<Value>> = vec![None; code.varnames.len()];
        self.bind_arguments(f, &code, &mut locals, args, kwargs)?;
        let mut cells: Vec<CellRef> = code
            .cellvars
            .iter()
            .map(|_| Rc::new(RefCell::new(None)))
            .collect();
        for (cell, var) in &code.cell_params {
            *cells[*cell as usize].borrow_mut() = locals[*var as usize].clone();
        }
        cells.extend(f.closure.iter().cloned());
        Ok(Frame {
            code,
            pc: 0,
            stack: Vec::with_capacity(8),
            locals,
            cells,
            globals: f.globals.clone(),
            namespace: None,
            blocks: Vec::new(),
            mode: ReturnMode::Normal,
        })
    }

    fn bind_arguments(
        &mut self,
        f: &Rc<Function>,
        code: &Code,
        locals: &mut [Option<Value>],
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Flow> {
        let fname = f.qualname.borrow().clone();
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let nargs = args.len();
        let mut extra = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if i < argcount {
                locals[i] = Some(a);
            } else {
                extra.push(a);
            }
        }
        let mut slot = argcount + kwonly;
        if code.flags.varargs {
            locals[slot] = Some(Value::tuple(extra));
            slot += 1;
        } else if !extra.is_empty() {
            let given = nargs;
            let takes = if f.defaults.is_empty() {
                format!("{argcount}")
            } else {
                format!("from {} to {}", argcount - f.defaults.len(), argcount)
            };
            let plural = if argcount == 1 && f.defaults.is_empty() {
                ""
            } else {
                "s"
            };
            let was = if given == 1 { "was" } else { "were" };
            return Err(self.exc(
                "TypeError",
                format!(
                    "{fname}() takes {takes} positional argument{plural} but {given} {was} given"
                ),
            ));
        }
        let mut kwdict = Dict::default();
        for (name, v) in kwargs {
            let pos = code.varnames[code.posonlyargcount as usize..argcount + kwonly]
                .iter()
                .position(|n| *n == name);
            match pos {
                Some(p) => {
                    let idx = p + code.posonlyargcount as usize;
                    if locals[idx].is_some() {
                        return Err(self.exc(
                            "TypeError",
                            format!("{fname}() got multiple values for argument '{name}'"),
                        ));
                    }
                    locals[idx] = Some(v);
                }
                None if code.flags.varkeywords => {
                    kwdict.insert(Key(Value::Str(name)), v);
                }
                None => {
                    return Err(self.exc(
                        "TypeError",
                        format!("{fname}() got an unexpected keyword argument '{name}'"),
                    ));
                }
            }
        }
        if code.flags.varkeywords {
            locals[slot] = Some(Value::Dict(Rc::new(RefCell::new(kwdict))));
        }
        // Defaults fill the last positional parameters.
        let first_default = argcount - f.defaults.len();
        let mut missing = Vec::new();
        for (i, local) in locals.iter_mut().enumerate().take(argcount) {
            if local.is_none() {
                if i >= first_default {
                    *local = Some(f.defaults[i - first_default].clone());
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.exc("TypeError", missing_message(&fname, &missing, "positional")));
        }
        let mut missing_kw = Vec::new();
        for (i, local) in locals
            .iter_mut()
            .enumerate()
            .take(argcount + kwonly)
            .skip(argcount)
        {
            if local.is_none() {
                let name = code.varnames[i].clone();
                match f.kwdefaults.get(&Key(Value::Str(name.clone()))) {
                    Some(d) => *local = Some(d.clone()),
                    None => missing_kw.push(name),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.exc(
                "TypeError",
                missing_message(&fname, &missing_kw, "keyword-only"),
            ));
        }
        Ok(())
    }

    pub fn make_function(&mut self, code_idx: u16, flags: u8) -> Result<(), Flow> {
        let closure = if flags & 4 != 0 {
            match self.pop() {
                Value::Tuple(cells) => cells
                    .iter()
                    .filter_map(|c| {
                        if let Value::Cell(c) = c {
                            Some(c.clone())
                        } else {
                            None
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let kwdefaults = if flags & 2 != 0 {
            match self.pop() {
                Value::Dict(d) => d.borrow().clone(),
                _ => Dict::default(),
            }
        } else {
            Dict::default()
        };
        let defaults = if flags & 1 != 0 {
            match self.pop() {
                Value::Tuple(t) => (*t).clone(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let (code, globals) = {
            let f = self.frame();
            let code = match &f.code.consts[code_idx as usize] {
                Value::Code(c) => c.clone(),
                _ => unreachable!("MakeFunction refers to a code constant"),
            };
            (code, f.globals.clone())
        };
        let module = match globals.borrow().get(&Key::str("__name__")) {
            Some(Value::Str(s)) => s.clone(),
            _ => Rc::from("__main__"),
        };
        let func = Function {
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(code.qualname.clone()),
            code,
            globals,
            defaults,
            kwdefaults,
            closure,
            module,
            dict: RefCell::new(Dict::default()),
        };
        self.push(Value::Function(Rc::new(func)));
        Ok(())
    }

    /// Creates an instance: built-in classes construct natively; Python classes get a new
    /// instance and their `__init__` frame.
    fn instantiate(
        &mut self,
        class: Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> NResult {
        if class.kind == ClassKind::User {
            self.refuse_abstract(&class)?;
        }
        if class.kind != ClassKind::User {
            if matches!(
                class.kind,
                ClassKind::List | ClassKind::Tuple | ClassKind::Set | ClassKind::Dict
            ) {
                let func = Value::Class(class.clone());
                if let Some(v) = self.drain_then_call(&func, &args, &kwargs, 0)? {
                    return Ok(v);
                }
            }
            return self.construct_builtin(&class, args, kwargs);
        }
        let instance = match self.call_new(&class, &args, &kwargs)? {
            Ok(instance) => instance,
            Err(other) => return Ok(other),
        };
        match class.lookup("__init__") {
            Some(Value::Function(init)) => {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(instance.clone());
                full.extend(args);
                let mut frame = self.new_frame(&init, full, kwargs)?;
                frame.mode = ReturnMode::Init(instance);
                self.push_frame(frame)
            }
            Some(init @ Value::Builtin(_)) => {
                let mut full = vec![instance.clone()];
                full.extend(args);
                self.call_value(init, full, kwargs)?;
                Ok(instance)
            }
            _ => {
                let init: Option<NativeFn> = match class.native_kind() {
                    ClassKind::Dict => Some(super::builtin_subclass::dict_init),
                    ClassKind::List => Some(super::builtin_subclass::list_init),
                    _ => None,
                };
                if let Some(init) = init {
                    let mut full = vec![instance.clone()];
                    full.extend(args);
                    init(
                        self,
                        Args {
                            positional: full,
                            keywords: kwargs,
                        },
                    )?;
                    return Ok(instance);
                }
                let takes_arguments =
                    matches!(class.native_kind(), ClassKind::Exception | ClassKind::Tuple)
                        || class.lookup("__new__").is_some();
                if (!args.is_empty() || !kwargs.is_empty()) && !takes_arguments {
                    return Err(
                        self.exc("TypeError", format!("{}() takes no arguments", class.name))
                    );
                }
                Ok(instance)
            }
        }
    }

    /// Handles a frame's `return`.
    pub fn return_from_frame(&mut self, v: Value) -> Result<(), Flow> {
        let frame = self.thread().frames.pop().expect("returning frame");
        match frame.mode {
            ReturnMode::Normal => self.push(v),
            ReturnMode::Init(instance) => {
                if !v.is_none() {
                    let tn = self.type_name(&v);
                    return Err(self.exc(
                        "TypeError",
                        format!("__init__() should return None, not '{tn}'"),
                    ));
                }
                self.primitive_constructed(&instance);
                self.push(instance);
            }
            ReturnMode::BuildClass {
                name,
                bases,
                namespace,
                keywords,
            } => {
                let class = self.build_class(name, bases, namespace, keywords)?;
                self.push(class);
            }
            ReturnMode::Import { retry: true, .. } => self.frame().pc -= 1,
            ReturnMode::Import { module, .. } => self.push(module),
            ReturnMode::Capture => self.captured = Some(Ok(v)),
            ReturnMode::ThreadRoot => self.finish_thread(),
            ReturnMode::MainModule => self.main_module_done(None),
            ReturnMode::Shutdown => self.after_shutdown(),
            ReturnMode::ProcessRoot => {
                let code = match v {
                    Value::Int(i) => i as i32,
                    _ => 0,
                };
                self.exit_current_process(code);
            }
            mode @ (ReturnMode::GenFor { .. }
            | ReturnMode::GenNext { .. }
            | ReturnMode::GenSend { .. }
            | ReturnMode::GenCapture { .. }
            | ReturnMode::GenDrain { .. }) => {
                self.generator_returned(mode, v)?;
            }
        }
        Ok(())
    }

    /// `__build_class__(body, name, *bases)`: runs the class body in a fresh namespace.
    pub fn start_class_body(&mut self, mut args: Args) -> NResult {
        if args.positional.len() < 2 {
            return Err(self.exc("TypeError", "__build_class__: not enough arguments"));
        }
        let bases = args.positional.split_off(2);
        let name = match &args.positional[1] {
            Value::Str(s) => s.clone(),
            _ => return Err(self.exc("TypeError", "__build_class__: name is not a string")),
        };
        let Value::Function(body) = args.positional[0].clone() else {
            return Err(self.exc("TypeError", "__build_class__: func must be a function"));
        };
        let namespace = Rc::new(RefCell::new(Dict::default()));
        let mut frame = self.new_frame(&body, vec![], vec![])?;
        frame.namespace = Some(namespace.clone());
        frame.mode = ReturnMode::BuildClass {
            name,
            bases,
            namespace,
            keywords: args.keywords,
        };
        self.push_frame(frame)
    }

    pub fn build_class(
        &mut self,
        name: Rc<str>,
        bases: Vec<Value>,
        namespace: Rc<RefCell<Dict>>,
        mut keywords: Vec<(Rc<str>, Value)>,
    ) -> NResult {
        let mut base_classes = Vec::new();
        for b in &bases {
            match b {
                Value::Class(c) => base_classes.push(c.clone()),
                _ => return Err(self.exc("TypeError", "bases must be types")),
            }
        }
        if base_classes.is_empty() {
            base_classes.push(self.types.object.clone());
        }
        let ns = namespace.borrow().clone();
        let get_str = |k: &str| match ns.get(&Key::str(k)) {
            Some(Value::Str(s)) => Some(s.clone()),
            _ => None,
        };
        let metaclass = self.metaclass_of(&mut keywords, &base_classes)?;
        let module = get_str("__module__").unwrap_or_else(|| Rc::from("__main__"));
        let qualname = get_str("__qualname__").unwrap_or_else(|| name.clone());
        let class = Rc::new(Class {
            name: name.clone(),
            qualname,
            module,
            bases: base_classes.clone(),
            mro: RefCell::new(Vec::new()),
            dict: RefCell::new(ns.clone()),
            kind: ClassKind::User,
            metaclass,
        });
        let mro = super::types::compute_mro(&class, &base_classes);
        *class.mro.borrow_mut() = mro;
        if let Some(Value::Cell(cell)) = ns.get(&Key::str("__classcell__")) {
            *cell.borrow_mut() = Some(Value::Class(class.clone()));
        }
        class
            .dict
            .borrow_mut()
            .shift_remove(&Key::str("__classcell__"));
        self.class_created(&class, bases, namespace, keywords)?;
        Ok(Value::Class(class))
    }
}

/// Which argument of a built-in function is turned into a list before anything else is
/// done with it (so a generator there can be drained on the thread's stack).
fn materialising_slot(b: &Builtin) -> Option<usize> {
    match (b.name, &b.receiver) {
        ("sorted" | "sum", None) => Some(0),
        ("join", Some(Value::Str(_))) | ("extend", Some(Value::List(_))) => Some(1),
        _ => None,
    }
}

fn missing_message(fname: &str, missing: &[Rc<str>], kind: &str) -> String {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    let plural = if missing.len() == 1 { "" } else { "s" };
    format!(
        "{fname}() missing {} required {kind} argument{plural}: {list}",
        missing.len()
    )
}
