//! Capturing a [`Snapshot`] of a stopped run: each thread's frames in the program's own file
//! with their locals and each process's `__main__` globals, their values shown by
//! [`Vm::safe_repr`] (no Python code runs).

use super::safe_repr::Addresses;
use super::Vm;
use crate::bytecode::{Code, Instr};
use crate::snapshot::*;
use crate::trace::{ProcessId, ThreadId};
use crate::value::*;
use std::collections::HashMap;
use std::rc::Rc;

impl Vm {
    /// The state of every thread and process now; `t_ns` is the time the run stopped at.
    pub(super) fn snapshot(&self, t_ns: u64, ended: bool) -> Snapshot {
        let mut addresses = Addresses::default();
        let threads = (0..self.sched.threads.len() as ThreadId)
            .map(|tid| self.thread_snapshot(tid, &mut addresses))
            .collect();
        let processes = (0..self.procs.len() as ProcessId)
            .map(|p| ProcessGlobals {
                process: p,
                globals: self.globals_of(p, &mut addresses),
            })
            .collect();
        Snapshot {
            t_ns,
            steps: self.sched.steps,
            ended,
            threads,
            processes,
        }
    }

    fn is_program_code(&self, code: &Code) -> bool {
        *code.filename == *self.options.filename
    }

    fn thread_snapshot(&self, tid: ThreadId, addresses: &mut Addresses) -> ThreadSnapshot {
        let sched = &self.sched.threads[tid as usize];
        let alive = !sched.finished;
        let frames = match self.threads.get(tid as usize) {
            Some(thread) if alive => thread
                .frames
                .iter()
                .filter(|f| self.is_program_code(&f.code))
                .map(|f| FrameSnapshot {
                    function: f.code.qualname.to_string(),
                    filename: f.code.filename.to_string(),
                    line: f.line(),
                    locals: self.frame_locals(f, addresses),
                })
                .collect(),
            _ => Vec::new(),
        };
        ThreadSnapshot {
            thread: tid,
            process: sched.proc,
            alive,
            frames,
        }
    }

    fn frame_locals(&self, f: &super::Frame, addresses: &mut Addresses) -> Vec<Variable> {
        let mut out = Vec::new();
        if let Some(ns) = &f.namespace {
            // A module body's names are the globals; a class body shows its namespace.
            if !Rc::ptr_eq(ns, &f.globals) {
                for (k, v) in ns.borrow().iter() {
                    if let Value::Str(name) = &k.0 {
                        if !is_dunder(name) {
                            out.push(self.variable(name, v, addresses));
                        }
                    }
                }
            }
            return out;
        }
        let code = &f.code;
        let cell_names: Vec<&Rc<str>> = code.cellvars.iter().chain(code.freevars.iter()).collect();
        let cell_value = |name: &str| {
            cell_names
                .iter()
                .position(|n| &***n == name)
                .and_then(|i| f.cells.get(i))
                .map(|c| c.borrow().clone())
        };
        // Definition order, as CPython's `co_varnames`: parameters, then the other locals by
        // where the code first stores them (the compiler lists those alphabetically).
        let params = code.argcount as usize
            + code.kwonlyargcount as usize
            + code.flags.varargs as usize
            + code.flags.varkeywords as usize;
        let mut first_store: HashMap<&str, usize> = HashMap::new();
        for (pc, instr) in code.instrs.iter().enumerate() {
            let name = match instr {
                Instr::StoreFast(i) => code.varnames.get(*i as usize),
                Instr::StoreDeref(i) => cell_names.get(*i as usize).copied(),
                _ => None,
            };
            if let Some(name) = name {
                first_store.entry(name).or_insert(pc);
            }
        }
        let order = |name: &str, slot: usize| match slot < params {
            true => (0, slot),
            false => (1, first_store.get(name).copied().unwrap_or(usize::MAX)),
        };
        let mut found: Vec<((usize, usize), &str, Value)> = Vec::new();
        for (i, name) in code.varnames.iter().enumerate() {
            // Hidden locals: a comprehension's `.0`, the compiler's temporaries.
            if name.starts_with('.') {
                continue;
            }
            // A parameter captured by an inner function lives in its cell.
            let value = match cell_value(name) {
                Some(v) => v,
                None => f.locals.get(i).cloned().flatten(),
            };
            if let Some(v) = value {
                found.push((order(name, i), name, v));
            }
        }
        for (i, name) in cell_names.iter().enumerate() {
            if name.starts_with('.') || code.varnames.iter().any(|v| v == *name) {
                continue;
            }
            if let Some(v) = f.cells.get(i).and_then(|c| c.borrow().clone()) {
                // Free variables come last, as in CPython's `f_locals`.
                let key = match i < code.cellvars.len() {
                    true => order(name, usize::MAX),
                    false => (2, i),
                };
                found.push((key, name, v));
            }
        }
        found.sort_by_key(|(key, _, _)| *key);
        for (_, name, v) in found {
            out.push(self.variable(name, &v, addresses));
        }
        out
    }

    fn globals_of(&self, p: ProcessId, addresses: &mut Addresses) -> Vec<Variable> {
        let globals = self.process_globals(p);
        let globals = globals.borrow();
        let mut out = Vec::new();
        for (k, v) in globals.iter() {
            let Value::Str(name) = &k.0 else { continue };
            if is_dunder(name) || !self.is_program_global(v) {
                continue;
            }
            out.push(self.variable(name, v, addresses));
        }
        out
    }

    /// Leaves out modules and the functions and classes the program imported.
    fn is_program_global(&self, v: &Value) -> bool {
        match v {
            Value::Module(_) | Value::Builtin(_) => false,
            Value::Function(f) => self.is_program_code(&f.code),
            Value::Class(c) => &*c.module == "__main__",
            _ => true,
        }
    }

    fn variable(&self, name: &str, v: &Value, addresses: &mut Addresses) -> Variable {
        Variable {
            name: name.to_string(),
            type_name: self.types.type_of(v).name.to_string(),
            repr: self.safe_repr(v, addresses, REPR_LIMIT, "…"),
        }
    }
}

fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}
