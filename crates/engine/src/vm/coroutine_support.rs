//! `_coroutines`: the few facts our Python asyncio needs from the VM — what kind of object a
//! value is (coroutine or not), where a coroutine is suspended (for `Task` reprs), formatted
//! tracebacks for the loop's exception handler, and what the tasks wait for when the loop would
//! sleep for ever (for the deadlock report).

use super::{NResult, Vm};
use crate::trace::Stream;
use crate::value::*;

pub(super) fn module_entries() -> Vec<(&'static str, Value)> {
    [
        ("kind", kind as NativeFn),
        ("is_coroutine_function", is_coroutine_function),
        ("describe", describe),
        ("format_exception", format_exception),
        ("loop_idle", loop_idle),
        ("slow_callback", slow_callback),
        ("debug_default", debug_default),
        ("task_created", task_created),
        ("step_begin", step_begin),
        ("done_mark", done_mark),
        ("step_end", step_end),
    ]
    .into_iter()
    .map(|(name, func)| (name, super::builtins::native(name, func)))
    .collect()
}

fn first(vm: &Vm, args: &Args, name: &str) -> Result<Value, super::Flow> {
    args.positional
        .first()
        .cloned()
        .ok_or_else(|| vm.exc("TypeError", format!("{name}() takes 1 argument")))
}

/// `kind(x)`: `"coroutine"`, `"generator"`, `"async_generator"` or `"other"`.
fn kind(vm: &mut Vm, args: Args) -> NResult {
    let v = first(vm, &args, "kind")?;
    Ok(Value::str(match &v {
        Value::Generator(g) => g.borrow().kind.type_name(),
        _ => "other",
    }))
}

/// `is_coroutine_function(f)`: an `async def` function (or a bound method of one).
fn is_coroutine_function(vm: &mut Vm, args: Args) -> NResult {
    let v = first(vm, &args, "is_coroutine_function")?;
    let func = match &v {
        Value::BoundMethod(m) => m.func.clone(),
        other => other.clone(),
    };
    Ok(Value::Bool(match func {
        Value::Function(f) => f.code.flags.coroutine && !f.code.flags.generator,
        _ => false,
    }))
}

/// `describe(coro)`: `work() running at /path/x.py:12` or `work() done, defined at
/// /path/x.py:10`, as asyncio's `_format_coroutine`.
fn describe(vm: &mut Vm, args: Args) -> NResult {
    let v = first(vm, &args, "describe")?;
    let Value::Generator(g) = &v else {
        return Ok(Value::str(&crate::vm::repr::debug_repr(&v)));
    };
    let g = g.borrow();
    let filename = &g.code.filename;
    let text = match &g.frame {
        Some(frame) => {
            let line = if g.started {
                frame.line()
            } else {
                g.code.first_line
            };
            format!("{}() running at {filename}:{line}", g.qualname)
        }
        None => format!(
            "{}() done, defined at {filename}:{}",
            g.qualname, g.code.first_line
        ),
    };
    Ok(Value::str(&text))
}

fn format_exception(vm: &mut Vm, args: Args) -> NResult {
    let exc = first(vm, &args, "format_exception")?;
    Ok(Value::str(&vm.format_exception(&exc)))
}

/// `loop_idle(waits)`: the loop is about to wait with no timer pending; `waits` (a list of
/// strings) says what each task waits for. Kept for the deadlock report.
fn loop_idle(vm: &mut Vm, args: Args) -> NResult {
    let v = first(vm, &args, "loop_idle")?;
    let lines: Vec<String> = match &v {
        Value::List(l) => l
            .borrow()
            .iter()
            .map(|x| match x {
                Value::Str(s) => s.to_string(),
                other => crate::vm::repr::debug_repr(other),
            })
            .collect(),
        _ => Vec::new(),
    };
    let t = vm.cur;
    vm.loop_idle_waits.insert(t, lines);
    Ok(Value::None)
}

/// `slow_callback(description, seconds, debug)`: a loop callback ran for 100 ms or more of
/// virtual time, freezing every other coroutine. Debug mode warns on stderr as asyncio does.
fn slow_callback(vm: &mut Vm, args: Args) -> NResult {
    let (Some(Value::Str(desc)), Some(Value::Float(secs))) =
        (args.positional.first(), args.positional.get(1))
    else {
        return Ok(Value::None);
    };
    let debug = args
        .positional
        .get(2)
        .is_some_and(|d| matches!(d, Value::Bool(true)));
    let end = vm.sched.clock;
    let start = end.saturating_sub((secs * 1e9) as u64);
    vm.sched
        .record_frozen_loop(vm.cur, start, end, desc.to_string());
    if debug {
        let text = format!("Executing {desc} took {secs:.3} seconds\n");
        vm.write(Stream::Stderr, &text);
    }
    Ok(Value::None)
}

/// `debug_default()`: whether loops start in debug mode (`interleave run --asyncio-debug`).
fn debug_default(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Bool(vm.options.asyncio_debug))
}

/// `task_created(name)`: a new task; returns its index for `step_begin`.
fn task_created(vm: &mut Vm, args: Args) -> NResult {
    let name = match args.positional.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => "Task".to_string(),
    };
    let thread = vm.cur;
    Ok(Value::Int(vm.sched.register_task(&name, thread) as i64))
}

/// `done_mark()`: called as a future completes: `(task, t_ns)` when a task's step on this
/// thread completes it, else `None` (a timer or a plain callback).
fn done_mark(vm: &mut Vm, _args: Args) -> NResult {
    Ok(match vm.task_step_started.get(&vm.cur) {
        Some(&(task, _)) => Value::tuple(vec![
            Value::Int(task as i64),
            Value::Int(vm.sched.clock as i64),
        ]),
        None => Value::None,
    })
}

/// `step_begin(index, waker)`: the loop starts stepping that task; `waker` is the
/// [`done_mark`] of the future it awaited, when a task completed it (recorded as a
/// [`crate::trace::TaskWake`]).
fn step_begin(vm: &mut Vm, args: Args) -> NResult {
    if let Some(Value::Int(i)) = args.positional.first() {
        let t = vm.cur;
        let to_task = *i as u32;
        vm.task_step_started.insert(t, (to_task, vm.sched.clock));
        if let Some(Value::Tuple(mark)) = args.positional.get(1) {
            if let [Value::Int(from_task), Value::Int(from_ns)] = mark.as_slice() {
                if *from_task as u32 != to_task {
                    vm.sched.log.task_wakes.push(crate::trace::TaskWake {
                        from_task: *from_task as u32,
                        from_ns: *from_ns as u64,
                        to_task,
                        to_ns: vm.sched.clock,
                    });
                }
            }
        }
    }
    // Callbacks that ran since the last step (`call_later(1, event.set)`) may have changed
    // asyncio primitives.
    vm.sample_asyncio_primitives();
    Ok(Value::None)
}

/// `step_end(ready)`: the step is over; `ready` callbacks are queued.
fn step_end(vm: &mut Vm, args: Args) -> NResult {
    let ready = match args.positional.first() {
        Some(Value::Int(n)) => *n as u32,
        _ => 0,
    };
    let t = vm.cur;
    if let Some((task, start_ns)) = vm.task_step_started.remove(&t) {
        let end_ns = vm.sched.clock;
        vm.sched.log.task_steps.push(crate::trace::TaskStep {
            task,
            start_ns,
            end_ns,
            ready,
        });
    }
    vm.sample_asyncio_primitives();
    Ok(Value::None)
}
