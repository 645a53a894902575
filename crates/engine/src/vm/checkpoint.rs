//! Checkpoints of a paused run: the whole interpreter copied — every object, every thread's
//! frames, suspended generators, the parked state of other processes, the scheduler with its
//! trace — so that a replay can start from the copy instead of from the beginning. Objects
//! shared in the run are shared in the copy and nothing mutable is shared between the two
//! (one memo for the whole copy, [`Copier::exact`]); immutable parts (code, strings, built-in
//! classes and functions) are shared.

use super::fork_copy::Copier;
use super::generators::Drained;
use super::process::ProcState;
use super::{Frame, FrameBlock, Resume, ReturnMode, Thread, Vm};
use crate::value::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

impl Vm {
    /// A copy of this interpreter, paused between instructions, that runs on exactly as this
    /// one would and shares no mutable object with it; also how many objects were copied and
    /// how many values were met.
    pub fn checkpoint(&mut self) -> (Vm, (usize, usize)) {
        let mut c = Copier::exact();
        // Module dicts first: functions and classes are then met where they are defined.
        let modules = copy_modules(&mut c, self, &self.modules.clone());
        let main_globals = c.copy_dict(self, &self.main_globals.clone());
        let builtins = c.copy_dict(self, &self.builtins.clone());
        let lazy_iter_globals = self
            .lazy_iter_globals
            .clone()
            .map(|g| c.copy_dict(self, &g));
        let procs = (0..self.procs.len())
            .map(|i| {
                let parked = self.procs[i].parked();
                let (modules, main_globals) = (parked.modules.clone(), parked.main_globals.clone());
                let modules = copy_modules(&mut c, self, &modules);
                let main_globals = c.copy_dict(self, &main_globals);
                let parked = self.procs[i].parked();
                let parked = ProcState {
                    modules,
                    main_globals,
                    mt: parked.mt.clone(),
                    exit_code: parked.exit_code,
                    uncaught: parked.uncaught.clone(),
                    stdout_buffer: parked.stdout_buffer.clone(),
                    stderr_buffer: parked.stderr_buffer.clone(),
                };
                self.procs[i].with_parked(parked)
            })
            .collect();
        let threads = (0..self.threads.len())
            .map(|i| c.copy_thread(self, i))
            .collect();
        let captured = match self.captured.clone() {
            Some(Ok(v)) => Some(Ok(c.copy(self, &v))),
            Some(Err(v)) => Some(Err(c.copy(self, &v))),
            None => None,
        };
        // Coroutines alive but reachable from nowhere above (a leaked cycle) still matter at
        // exit ("never awaited"); the primitives' objects likewise for recording.
        let live_coroutines = self
            .live_coroutines
            .clone()
            .iter()
            .map(|w| match w.upgrade() {
                Some(g) => Rc::downgrade(&c.copy_generator(self, &g)),
                None => Weak::new(),
            })
            .collect();
        let recorded = std::mem::take(&mut self.prims);
        let prims = recorded.clone_with(|obj, shared| {
            let obj = match obj.upgrade() {
                Some(i) => match c.copy(self, &Value::Instance(i)) {
                    Value::Instance(n) => Rc::downgrade(&n),
                    _ => Weak::new(),
                },
                None => Weak::new(),
            };
            (obj, shared.map(|s| c.copy_shared(self, s)))
        });
        self.prims = recorded;
        let ids = RefCell::new(self.ids.borrow().for_copy(&c));
        let counts = c.counts();
        let vm = Vm {
            options: self.options.clone(),
            threads,
            cur: self.cur,
            sched: self.sched.clone(),
            builtins,
            types: self.types.clone(),
            modules,
            sources: self.sources.clone(),
            line_aliases: self.line_aliases.clone(),
            loop_idle_waits: self.loop_idle_waits.clone(),
            live_coroutines,
            live_coroutines_pruned_at: self.live_coroutines_pruned_at,
            task_step_started: self.task_step_started.clone(),
            lazy_iter_globals,
            warned: self.warned.clone(),
            main_globals,
            outcome: self.outcome.clone(),
            captured,
            rng: self.rng.clone(),
            mt: self.mt.clone(),
            nested: self.nested,
            exit_code: self.exit_code,
            uncaught: self.uncaught.clone(),
            procs,
            cur_proc: self.cur_proc,
            prims,
            watch: None,
            ids,
        };
        (vm, counts)
    }
}

/// Modules by name, copied in name order (so the copy does not depend on hash order).
fn copy_modules(
    c: &mut Copier,
    vm: &mut Vm,
    modules: &HashMap<Rc<str>, Value>,
) -> HashMap<Rc<str>, Value> {
    let mut names: Vec<&Rc<str>> = modules.keys().collect();
    names.sort();
    names
        .into_iter()
        .map(|name| (name.clone(), c.copy(vm, &modules[name])))
        .collect()
}

impl Copier {
    fn copy_opt(&mut self, vm: &mut Vm, v: &Option<Value>) -> Option<Value> {
        v.as_ref().map(|v| self.copy(vm, v))
    }

    fn copy_cell(&mut self, vm: &mut Vm, cell: &CellRef) -> CellRef {
        match self.copy(vm, &Value::Cell(cell.clone())) {
            Value::Cell(c) => c,
            _ => unreachable!("a cell copies to a cell"),
        }
    }

    fn copy_thread(&mut self, vm: &mut Vm, index: usize) -> Thread {
        let frames = (0..vm.threads[index].frames.len())
            .map(|f| {
                let frame = clone_frame_shell(&vm.threads[index].frames[f]);
                self.copy_frame(vm, frame)
            })
            .collect();
        let resume = match vm.threads[index].resume.clone() {
            Resume::Push(v) => Resume::Push(self.copy(vm, &v)),
            other => other,
        };
        let handled = vm.threads[index].handled.clone();
        let t = &vm.threads[index];
        let (done_lock, finished) = (t.done_lock, t.finished);
        Thread {
            frames,
            resume,
            handled: self.copy_opt(vm, &handled),
            done_lock,
            finished,
        }
    }

    /// The copy of a frame whose references (taken from the original, see
    /// [`clone_frame_shell`]) still point at the original's objects.
    fn copy_frame(&mut self, vm: &mut Vm, f: Frame) -> Frame {
        let stack = self.copy_all(vm, &f.stack);
        let locals = f.locals.iter().map(|l| self.copy_opt(vm, l)).collect();
        let cells = f.cells.iter().map(|c| self.copy_cell(vm, c)).collect();
        let globals = self.copy_dict(vm, &f.globals);
        let namespace = f.namespace.as_ref().map(|n| self.copy_dict(vm, n));
        let blocks = f
            .blocks
            .iter()
            .map(|b| match b {
                FrameBlock::Handler { handler, level } => FrameBlock::Handler {
                    handler: *handler,
                    level: *level,
                },
                FrameBlock::Except { previous } => FrameBlock::Except {
                    previous: self.copy_opt(vm, previous),
                },
            })
            .collect();
        let mode = self.copy_return_mode(vm, &f.mode);
        Frame {
            code: f.code.clone(),
            pc: f.pc,
            stack,
            locals,
            cells,
            globals,
            namespace,
            blocks,
            mode,
        }
    }

    fn copy_return_mode(&mut self, vm: &mut Vm, mode: &ReturnMode) -> ReturnMode {
        match mode {
            ReturnMode::Normal => ReturnMode::Normal,
            ReturnMode::Init(v) => ReturnMode::Init(self.copy(vm, v)),
            ReturnMode::BuildClass {
                name,
                bases,
                namespace,
                keywords,
            } => ReturnMode::BuildClass {
                name: name.clone(),
                bases: self.copy_all(vm, bases),
                namespace: self.copy_dict(vm, namespace),
                keywords: keywords
                    .iter()
                    .map(|(k, v)| (k.clone(), self.copy(vm, v)))
                    .collect(),
            },
            ReturnMode::Import { module, retry } => ReturnMode::Import {
                module: self.copy(vm, module),
                retry: *retry,
            },
            ReturnMode::Capture => ReturnMode::Capture,
            ReturnMode::ThreadRoot => ReturnMode::ThreadRoot,
            ReturnMode::MainModule => ReturnMode::MainModule,
            ReturnMode::Shutdown => ReturnMode::Shutdown,
            ReturnMode::ProcessRoot => ReturnMode::ProcessRoot,
            ReturnMode::GenFor { gen, exit } => ReturnMode::GenFor {
                gen: self.copy_generator(vm, gen),
                exit: *exit,
            },
            ReturnMode::GenNext { gen } => ReturnMode::GenNext {
                gen: self.copy_generator(vm, gen),
            },
            ReturnMode::GenSend { gen, exit } => ReturnMode::GenSend {
                gen: self.copy_generator(vm, gen),
                exit: *exit,
            },
            ReturnMode::GenCapture { gen } => ReturnMode::GenCapture {
                gen: self.copy_generator(vm, gen),
            },
            ReturnMode::GenDrain { gen, items, then } => ReturnMode::GenDrain {
                gen: self.copy_generator(vm, gen),
                items: self.copy_all(vm, items),
                then: Box::new(Drained {
                    func: self.copy(vm, &then.func),
                    args: self.copy_all(vm, &then.args),
                    kwargs: then
                        .kwargs
                        .iter()
                        .map(|(k, v)| (k.clone(), self.copy(vm, v)))
                        .collect(),
                    slot: then.slot,
                    discard_result: then.discard_result,
                }),
            },
        }
    }

    /// A generator or coroutine with its suspended frame (exact copies only).
    pub(super) fn copy_generator(
        &mut self,
        vm: &mut Vm,
        g: &Rc<RefCell<Generator>>,
    ) -> Rc<RefCell<Generator>> {
        let key = Rc::as_ptr(g) as usize;
        if let Some(Value::Generator(done)) = self.copied(key) {
            return done.clone();
        }
        let (frame, exc_state, outer_handled, pending_throw, new) = {
            let old = g.borrow();
            let new = Generator {
                frame: None,
                name: old.name.clone(),
                qualname: old.qualname.clone(),
                code: old.code.clone(),
                kind: old.kind,
                started: old.started,
                running: old.running,
                exc_state: None,
                outer_handled: None,
                pending_throw: None,
            };
            (
                old.frame.as_ref().map(clone_frame_shell),
                old.exc_state.clone(),
                old.outer_handled.clone(),
                old.pending_throw.clone(),
                new,
            )
        };
        let new = Rc::new(RefCell::new(new));
        self.memo(&Value::Generator(g.clone()), Value::Generator(new.clone()));
        let frame = frame.map(|f| self.copy_frame(vm, f));
        let exc_state = self.copy_opt(vm, &exc_state);
        let outer_handled = self.copy_opt(vm, &outer_handled);
        let pending_throw = self.copy_opt(vm, &pending_throw);
        {
            let mut n = new.borrow_mut();
            n.frame = frame;
            n.exc_state = exc_state;
            n.outer_handled = outer_handled;
            n.pending_throw = pending_throw;
        }
        new
    }

    /// A `multiprocessing` shared object (exact copies only).
    pub(super) fn copy_shared(&mut self, vm: &mut Vm, s: &Rc<Shared>) -> Rc<Shared> {
        let key = Rc::as_ptr(s) as usize;
        if let Some(done) = self.shared.get(&key) {
            return done.clone();
        }
        let new = Rc::new(match &**s {
            Shared::Array { typecode, .. } => Shared::Array {
                typecode: *typecode,
                items: RefCell::new(Vec::new()),
            },
            Shared::Buffer(_) => Shared::Buffer(RefCell::new(Default::default())),
            Shared::Object(_) => Shared::Object(RefCell::new(Value::None)),
        });
        self.shared.insert(key, new.clone());
        match (&**s, &*new) {
            (Shared::Array { items, .. }, Shared::Array { items: to, .. }) => {
                let old = items.borrow().clone();
                *to.borrow_mut() = self.copy_all(vm, &old);
            }
            (Shared::Buffer(messages), Shared::Buffer(to)) => {
                let old: Vec<(Value, usize)> = messages.borrow().iter().cloned().collect();
                let copied = old
                    .iter()
                    .map(|(v, transfer)| (self.copy(vm, v), *transfer))
                    .collect();
                *to.borrow_mut() = copied;
            }
            (Shared::Object(obj), Shared::Object(to)) => {
                let old = obj.borrow().clone();
                *to.borrow_mut() = self.copy(vm, &old);
            }
            _ => unreachable!("the copy has the original's kind"),
        }
        new
    }
}

/// A frame with the same references as `f` (the `Rc`s cloned, nothing deep), for copying
/// without holding a borrow of its owner.
fn clone_frame_shell(f: &Frame) -> Frame {
    Frame {
        code: f.code.clone(),
        pc: f.pc,
        stack: f.stack.clone(),
        locals: f.locals.clone(),
        cells: f.cells.clone(),
        globals: f.globals.clone(),
        namespace: f.namespace.clone(),
        blocks: f.blocks.clone(),
        mode: f.mode.clone(),
    }
}
