//! `_mp`: the native half of `multiprocessing` (the Python half is
//! `builtins_py/multiprocessing.py`): forking a process, its pid, exit code and signals,
//! semaphores shared by every process, shared memory for `Value`/`Array`, message buffers
//! for queues and pipes (pickled on send, unpickled on receive), and objects held by a
//! `Manager`.

use super::{Flow, NResult, Vm};
use crate::cost;
use crate::sched::{LockRole, TimerKind};
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

fn f(name: &'static str, func: NativeFn) -> (&'static str, Value) {
    (name, super::builtins::native(name, func))
}

impl Vm {
    pub(super) fn mp_module_entries(&self) -> Vec<(&'static str, Value)> {
        vec![
            f("fork", mp_fork),
            f("exitcode", mp_exitcode),
            f("kill", mp_kill),
            f("semlock", mp_semlock),
            f("sem_value", mp_sem_value),
            f("array", mp_array),
            f("array_get", mp_array_get),
            f("array_set", mp_array_set),
            f("array_len", mp_array_len),
            f("buffer", mp_buffer),
            f("send", mp_send),
            f("recv", mp_recv),
            f("dumps", mp_dumps),
            f("managed", mp_managed),
            f("managed_call", mp_managed_call),
            f("exit_delay", mp_exit_delay),
        ]
    }

    fn shared_instance(&self, shared: Shared) -> Value {
        let class = super::types::new_class(
            "SharedMemory",
            "_mp",
            vec![self.types.object.clone()],
            ClassKind::User,
        );
        Value::Instance(Rc::new(Instance {
            class,
            dict: Default::default(),
            native: RefCell::new(Native::Shared(Rc::new(shared))),
        }))
    }

    fn shared_of(&self, v: Option<&Value>) -> Result<Rc<Shared>, Flow> {
        if let Some(Value::Instance(i)) = v {
            if let Native::Shared(s) = &*i.native.borrow() {
                return Ok(s.clone());
            }
        }
        Err(self.exc("TypeError", "expected a multiprocessing shared object"))
    }

    fn process_arg(&self, v: Option<&Value>) -> Result<u32, Flow> {
        match v {
            Some(Value::Int(i)) if *i >= 0 && (*i as usize) < self.procs.len() => Ok(*i as u32),
            _ => Err(self.exc("ValueError", "no such process")),
        }
    }
}

/// `_mp.fork(func, name)`: a child process runs `func()` in a copy of this one; returns
/// `(index, pid, done_lock)`.
fn mp_fork(vm: &mut Vm, args: Args) -> NResult {
    let func = args.positional.first().cloned().unwrap_or(Value::None);
    let name = match args.positional.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => format!("Process-{}", vm.procs.len()),
    };
    let (child, done) = vm.fork_process(func, &name)?;
    let lock = vm.lock_object(done, false);
    Ok(Value::tuple(vec![
        Value::Int(child as i64),
        Value::Int(vm.pid_of(child)),
        lock,
    ]))
}

fn mp_exitcode(vm: &mut Vm, args: Args) -> NResult {
    let p = vm.process_arg(args.positional.first())?;
    Ok(match vm.procs[p as usize].exitcode {
        Some(c) => Value::Int(c as i64),
        None => Value::None,
    })
}

/// `_mp.kill(index, signal)`.
fn mp_kill(vm: &mut Vm, args: Args) -> NResult {
    let p = vm.process_arg(args.positional.first())?;
    let sig = vm.to_i64(args.positional.get(1).unwrap_or(&Value::Int(15)), "")?;
    vm.kill_process(p, sig as i32);
    Ok(Value::None)
}

/// `_mp.semlock(kind, value, maxvalue)`: kind 0 is a semaphore (a `Lock` is one with
/// value 1), kind 1 a recursive lock; shared by every process.
fn mp_semlock(vm: &mut Vm, args: Args) -> NResult {
    let kind = vm.to_i64(args.positional.first().unwrap_or(&Value::Int(0)), "")?;
    let value = vm.to_i64(args.positional.get(1).unwrap_or(&Value::Int(1)), "")?;
    let max = vm.to_i64(args.positional.get(2).unwrap_or(&Value::Int(1)), "")?;
    let reentrant = kind == 1;
    let id = vm.sched.new_lock(reentrant, LockRole::Plain);
    let l = &mut vm.sched.locks[id as usize];
    l.shared = true;
    if !reentrant {
        l.sem = Some(value);
        l.sem_max = max;
    }
    Ok(vm.lock_object(id, reentrant))
}

fn mp_sem_value(vm: &mut Vm, args: Args) -> NResult {
    if let Some(Value::Instance(i)) = args.positional.first() {
        if let Native::Lock(id) = &*i.native.borrow() {
            let l = &vm.sched.locks[*id as usize];
            return Ok(Value::Int(l.sem.unwrap_or(if l.owner.is_some() {
                0
            } else {
                1
            })));
        }
    }
    Err(vm.exc("TypeError", "expected a semaphore"))
}

/// A value stored in a C-typed slot: ints wrap to the type's width, floats round.
fn to_ctype(vm: &Vm, typecode: char, v: &Value) -> Result<Value, Flow> {
    let bits = match typecode {
        'b' | 'B' => 8,
        'h' | 'H' => 16,
        'i' | 'I' => 32,
        'l' | 'L' | 'q' | 'Q' => 64,
        'd' => {
            return match v {
                Value::Float(f) => Ok(Value::Float(*f)),
                Value::Int(i) => Ok(Value::Float(*i as f64)),
                Value::Bool(b) => Ok(Value::Float(*b as i64 as f64)),
                _ => Err(vm.exc("TypeError", "must be real number, not str")),
            }
        }
        'f' => {
            return match v {
                Value::Float(f) => Ok(Value::Float(*f as f32 as f64)),
                Value::Int(i) => Ok(Value::Float(*i as f32 as f64)),
                _ => Err(vm.exc("TypeError", "must be real number")),
            }
        }
        _ => 64,
    };
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => {
            let (_, digits) = b.to_u64_digits();
            digits.first().copied().unwrap_or(0) as i64
        }
        other => {
            let tn = vm.type_name(other);
            return Err(vm.exc("TypeError", format!("int expected instead of {tn}")));
        }
    };
    let signed = typecode.is_ascii_lowercase();
    Ok(Value::Int(if bits == 64 {
        i
    } else {
        let m = i & ((1i64 << bits) - 1);
        if signed && m >= 1i64 << (bits - 1) {
            m - (1i64 << bits)
        } else {
            m
        }
    }))
}

/// `_mp.array(typecode, initial_values)`.
fn mp_array(vm: &mut Vm, args: Args) -> NResult {
    let typecode = match args.positional.first() {
        Some(Value::Str(s)) => s.chars().next().unwrap_or('i'),
        _ => 'i',
    };
    let init = match args.positional.get(1) {
        Some(v) => vm.collect(v)?,
        None => Vec::new(),
    };
    let items = init
        .iter()
        .map(|v| to_ctype(vm, typecode, v))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(vm.shared_instance(Shared::Array {
        typecode,
        items: RefCell::new(items),
    }))
}

fn array_index(vm: &Vm, len: usize, v: Option<&Value>) -> Result<usize, Flow> {
    let i = vm.to_i64(v.unwrap_or(&Value::Int(0)), "")?;
    let i = if i < 0 { i + len as i64 } else { i };
    if i < 0 || i as usize >= len {
        return Err(vm.exc("IndexError", "invalid index"));
    }
    Ok(i as usize)
}

fn mp_array_get(vm: &mut Vm, args: Args) -> NResult {
    let s = vm.shared_of(args.positional.first())?;
    let Shared::Array { items, .. } = &*s else {
        return Err(vm.exc("TypeError", "not shared memory"));
    };
    let len = items.borrow().len();
    let i = array_index(vm, len, args.positional.get(1))?;
    let v = items.borrow()[i].clone();
    Ok(v)
}

fn mp_array_set(vm: &mut Vm, args: Args) -> NResult {
    let s = vm.shared_of(args.positional.first())?;
    let Shared::Array { items, typecode } = &*s else {
        return Err(vm.exc("TypeError", "not shared memory"));
    };
    let len = items.borrow().len();
    let i = array_index(vm, len, args.positional.get(1))?;
    let v = to_ctype(
        vm,
        *typecode,
        args.positional.get(2).unwrap_or(&Value::None),
    )?;
    items.borrow_mut()[i] = v;
    Ok(Value::None)
}

fn mp_array_len(vm: &mut Vm, args: Args) -> NResult {
    let s = vm.shared_of(args.positional.first())?;
    match &*s {
        Shared::Array { items, .. } => Ok(Value::Int(items.borrow().len() as i64)),
        Shared::Buffer(b) => Ok(Value::Int(b.borrow().len() as i64)),
        Shared::Object(_) => Ok(Value::Int(1)),
    }
}

fn mp_buffer(vm: &mut Vm, _args: Args) -> NResult {
    Ok(vm.shared_instance(Shared::Buffer(RefCell::new(Default::default()))))
}

/// `_mp.send(buffer, obj, semaphore)`: pickles `obj` into the buffer; the semaphore is
/// released when the message reaches the other side.
fn mp_send(vm: &mut Vm, args: Args) -> NResult {
    let s = vm.shared_of(args.positional.first())?;
    let obj = args.positional.get(1).cloned().unwrap_or(Value::None);
    let msg = vm.pickle_copy(&obj, true)?;
    vm.sched.clock += cost::MESSAGE_SEND_NS;
    let transfer = vm.sched.log.transfers.len();
    vm.sched.log.transfers.push(crate::trace::Transfer {
        from_thread: vm.cur,
        from_process: vm.cur_proc,
        sent_ns: vm.sched.clock,
        received: None,
        bytes: super::pickle_size::pickled_size(&obj),
    });
    if let Shared::Buffer(b) = &*s {
        b.borrow_mut().push_back((msg, transfer));
    }
    vm.sample_mp_queues();
    if let Some(Value::Instance(i)) = args.positional.get(2) {
        if let Native::Lock(id) = &*i.native.borrow() {
            let at = vm.sched.clock + cost::MESSAGE_LATENCY_NS;
            vm.sched.add_timer(at, TimerKind::SemPost { lock: *id });
        }
    }
    Ok(Value::None)
}

/// `_mp.recv(buffer)`: the oldest message, unpickled in this process.
fn mp_recv(vm: &mut Vm, args: Args) -> NResult {
    let s = vm.shared_of(args.positional.first())?;
    let msg = match &*s {
        Shared::Buffer(b) => b.borrow_mut().pop_front(),
        _ => None,
    };
    vm.sample_mp_queues();
    vm.sched.clock += cost::MESSAGE_RECV_NS;
    match msg {
        Some((m, transfer)) => {
            let end = crate::trace::TransferEnd {
                thread: vm.cur,
                process: vm.cur_proc,
                t_ns: vm.sched.clock,
            };
            if let Some(t) = vm.sched.log.transfers.get_mut(transfer) {
                t.received = Some(end);
            }
            vm.pickle_copy(&m, false)
        }
        None => Err(vm.exc("EOFError", "")),
    }
}

/// `_mp.dumps(obj)`: raises what pickling `obj` would raise.
fn mp_dumps(vm: &mut Vm, args: Args) -> NResult {
    let obj = args.positional.first().cloned().unwrap_or(Value::None);
    vm.pickle_copy(&obj, true)?;
    Ok(Value::None)
}

/// `_mp.managed(obj)`: a copy of `obj` held by the manager, outside every process.
fn mp_managed(vm: &mut Vm, args: Args) -> NResult {
    let obj = args.positional.first().cloned().unwrap_or(Value::None);
    let held = vm.pickle_copy(&obj, true)?;
    Ok(vm.shared_instance(Shared::Object(RefCell::new(held))))
}

/// `_mp.managed_call(obj, method, args)`: calls a method of the managed object with copies
/// of the arguments and returns a copy of the result, as a manager's server does.
fn mp_managed_call(vm: &mut Vm, args: Args) -> NResult {
    let s = vm.shared_of(args.positional.first())?;
    let Shared::Object(held) = &*s else {
        return Err(vm.exc("TypeError", "not a managed object"));
    };
    let name = match args.positional.get(1) {
        Some(Value::Str(n)) => n.clone(),
        _ => return Err(vm.exc("TypeError", "method name must be a string")),
    };
    let call_args = match args.positional.get(2) {
        Some(v) => vm.collect(v)?,
        None => Vec::new(),
    };
    let call_args = call_args
        .iter()
        .map(|a| vm.pickle_copy(a, true))
        .collect::<Result<Vec<_>, _>>()?;
    vm.sched.clock += cost::MESSAGE_SEND_NS + cost::MESSAGE_RECV_NS;
    let target = held.borrow().clone();
    let arg = |i: usize| call_args.get(i).cloned().unwrap_or(Value::None);
    let result = match &*name {
        "__repr__" => Value::str(&vm.repr(&target)?),
        "__len__" => Value::Int(vm.len_of(&target)? as i64),
        "__getitem__" => vm.getitem(&target, &arg(0))?,
        "__setitem__" => {
            vm.setitem(&target, arg(0), arg(1))?;
            Value::None
        }
        "__delitem__" => {
            vm.delitem(&target, &arg(0))?;
            Value::None
        }
        "__contains__" => Value::Bool(vm.contains(&target, &arg(0))?),
        _ => {
            let method = vm.getattr(&target, &name)?;
            vm.call_sync(method, call_args)?
        }
    };
    vm.pickle_copy(&result, true)
}

/// `_mp.exit_delay()`: the time a process takes to exit after its target returned.
fn mp_exit_delay(vm: &mut Vm, _args: Args) -> NResult {
    vm.sched.clock += cost::PROCESS_EXIT_NS;
    Ok(Value::None)
}
