//! `import`: native modules (`time`, `sys`, `_thread`, `math`, `os`) built in Rust, and
//! modules written in Python and shipped with the engine (`threading`), which run on the VM
//! like user code so their cost and scheduling points are CPython's.

use super::{Flow, NResult, ReturnMode, Vm};
use crate::builtins_py;
use crate::value::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

fn f(name: &'static str, func: NativeFn) -> (&'static str, Value) {
    (name, super::builtins::native(name, func))
}

impl Vm {
    /// Pushes the module named `name` (`a.b.` means "the leaf module", for `from a.b import`).
    /// A dotted name loads each package on the way down, parents first, and binds each
    /// submodule as an attribute of its parent; when one of them is written in Python its
    /// body runs and then this instruction runs again for the rest of the path.
    pub fn import(&mut self, name: &str) -> Result<(), Flow> {
        let (name, leaf) = match name.strip_suffix('.') {
            Some(n) => (n, true),
            None => (name, false),
        };
        let dotted = name.contains('.');
        let mut top = None;
        let mut module = Value::None;
        let mut end = 0;
        for part in name.split('.') {
            end += if end == 0 { part.len() } else { part.len() + 1 };
            let prefix = &name[..end];
            module = match self.modules.get(prefix) {
                Some(m) => m.clone(),
                None => match self.load_module(prefix, dotted)? {
                    Some(m) => m,
                    // A Python-written module's body is running.
                    None => return Ok(()),
                },
            };
            top.get_or_insert_with(|| module.clone());
        }
        let result = if leaf { module } else { top.unwrap_or(module) };
        self.push(result);
        Ok(())
    }

    /// `from module import name`: the attribute, or an already imported submodule; an
    /// AttributeError becomes CPython's ImportError, other exceptions pass through.
    pub fn import_from(&mut self, module: &Value, name: &str) -> NResult {
        if let Some(v) = self.try_getattr(module, name)? {
            return Ok(v);
        }
        let Value::Module(m) = module else {
            return Err(self.attribute_error(module, name));
        };
        if let Some(sub) = self.modules.get(format!("{}.{name}", m.name).as_str()) {
            return Ok(sub.clone());
        }
        let location = match m.dict.borrow().get(&Key::str("__file__")) {
            Some(Value::Str(f)) => f.to_string(),
            _ => "unknown location".to_string(),
        };
        Err(self.exc(
            "ImportError",
            format!("cannot import name '{name}' from '{}' ({location})", m.name),
        ))
    }

    /// Creates the module `name` and binds it in its parent package. A native module is
    /// returned; a Python-written one gets its body frame pushed and `None` is returned (its
    /// frame pushes the module when done, or re-runs the import instruction if `retry`).
    fn load_module(&mut self, name: &str, retry: bool) -> Result<Option<Value>, Flow> {
        if let Some(m) = self.native_module(name) {
            self.register_module(name, &m);
            return Ok(Some(m));
        }
        if let Some((path, source)) = builtins_py::source(name) {
            self.import_python(name, path, source, retry)?;
            return Ok(None);
        }
        Err(self.exc("ModuleNotFoundError", format!("No module named '{name}'")))
    }

    /// Records a module in `sys.modules` and as an attribute of its parent package.
    fn register_module(&mut self, name: &str, module: &Value) {
        self.modules.insert(Rc::from(name), module.clone());
        if let Some((parent, child)) = name.rsplit_once('.') {
            if let Some(Value::Module(p)) = self.modules.get(parent) {
                p.dict.borrow_mut().insert(Key::str(child), module.clone());
            }
        }
    }

    fn import_python(
        &mut self,
        name: &str,
        path: &str,
        source: &'static str,
        retry: bool,
    ) -> Result<(), Flow> {
        let filename = format!("/usr/lib/python3.11/{path}");
        let code = match crate::compile(source, &filename) {
            Ok(c) => c,
            Err(e) => {
                return Err(self.exc(
                    "ImportError",
                    format!("interleave's {name} module failed to compile: {e}"),
                ))
            }
        };
        // A line ending in `# cpython-line N` is reported as line N in tracebacks, so an
        // exception in a thread shows the frames of CPython's own threading.py.
        let mut lines = Vec::new();
        let mut aliases = HashMap::new();
        for (i, line) in source.lines().enumerate() {
            // `# cpython-hidden`: a frame CPython runs in C (a Task stepping its coroutine);
            // tracebacks leave it out.
            if let Some((code, _)) = line.split_once("  # cpython-hidden") {
                aliases.insert(i as u32 + 1, 0);
                lines.push(code.to_string());
                continue;
            }
            match line.split_once("  # cpython-line ") {
                Some((code, n)) => {
                    if let Ok(n) = n.trim().parse::<u32>() {
                        aliases.insert(i as u32 + 1, n);
                    }
                    lines.push(code.to_string());
                }
                None => lines.push(line.to_string()),
            }
        }
        self.sources
            .insert(Rc::from(filename.as_str()), Rc::new(lines));
        if !aliases.is_empty() {
            self.line_aliases
                .insert(Rc::from(filename.as_str()), Rc::new(aliases));
        }
        let globals = Rc::new(RefCell::new(Dict::default()));
        globals
            .borrow_mut()
            .insert(Key::str("__name__"), Value::str(name));
        globals
            .borrow_mut()
            .insert(Key::str("__file__"), Value::str(&filename));
        let module = Value::Module(Rc::new(Module {
            name: Rc::from(name),
            dict: globals.clone(),
        }));
        self.register_module(name, &module);
        let frame =
            super::Frame::module(code.clone(), globals, ReturnMode::Import { module, retry });
        self.push_frame(frame).map(|_| ())
    }

    fn module_of(&self, name: &str, entries: Vec<(&'static str, Value)>) -> Value {
        let mut d = Dict::default();
        d.insert(Key::str("__name__"), Value::str(name));
        for (k, v) in entries {
            d.insert(Key::str(k), v);
        }
        Value::Module(Rc::new(Module {
            name: Rc::from(name),
            dict: Rc::new(RefCell::new(d)),
        }))
    }

    fn native_module(&mut self, name: &str) -> Option<Value> {
        let entries = match name {
            "time" => vec![
                f("sleep", time_sleep),
                f("time", time_time),
                f("perf_counter", time_monotonic),
                f("monotonic", time_monotonic),
                f("process_time", time_monotonic),
                f("time_ns", time_time_ns),
                f("perf_counter_ns", time_monotonic_ns),
                f("monotonic_ns", time_monotonic_ns),
            ],
            "sys" => {
                let stderr_class = super::types::new_class(
                    "_Stderr",
                    "sys",
                    vec![self.types.object.clone()],
                    ClassKind::User,
                );
                let stderr = Value::Instance(Rc::new(Instance {
                    class: stderr_class,
                    dict: Default::default(),
                    native: RefCell::new(Native::None),
                }));
                vec![
                    f("exit", sys_exit),
                    f("_getframemodulename", sys_getframemodulename),
                    f("exc_info", sys_exc_info),
                    f("exception", sys_exception),
                    f("getswitchinterval", sys_getswitchinterval),
                    f("setswitchinterval", sys_setswitchinterval),
                    ("stderr", stderr),
                    ("stdout", Value::None),
                    (
                        "argv",
                        Value::list(vec![Value::Str(Rc::from(self.options.filename.as_str()))]),
                    ),
                    ("platform", Value::str("linux")),
                    ("maxsize", Value::Int(i64::MAX)),
                    (
                        "version_info",
                        Value::tuple(vec![Value::Int(3), Value::Int(11), Value::Int(7)]),
                    ),
                ]
            }
            "_thread" => vec![
                f("start_new_thread", thread_start_new_thread),
                f("allocate_lock", thread_allocate_lock),
                f("RLock", thread_rlock),
                f("get_ident", thread_get_ident),
                f("get_native_id", thread_get_native_id),
                f("_thread_id", thread_id),
                f("_print_exception", thread_print_exception),
                ("LockType", Value::Class(self.types.get("lock"))),
                ("_local", Value::Class(self.types.get("_local"))),
                ("TIMEOUT_MAX", Value::Float(9223372036.0)),
            ],
            "math" => vec![
                f("sqrt", math_sqrt),
                f("floor", math_floor),
                f("ceil", math_ceil),
                f("isqrt", math_isqrt),
                f("gcd", math_gcd),
                f("factorial", math_factorial),
                f("log", math_log),
                f("exp", math_exp),
                f("sin", math_sin),
                f("cos", math_cos),
                f("isclose", math_isclose),
                ("pi", Value::Float(std::f64::consts::PI)),
                ("e", Value::Float(std::f64::consts::E)),
                ("inf", Value::Float(f64::INFINITY)),
                ("nan", Value::Float(f64::NAN)),
            ],
            "_random" => vec![
                f("seed_int", random_seed_int),
                f("seed_default", random_seed_default),
                f("random", random_random),
                f("getrandbits", random_getrandbits),
            ],
            "os" => vec![
                f("getpid", os_getpid),
                f("getppid", os_getppid),
                f("cpu_count", os_cpu_count),
            ],
            "_mp" => self.mp_module_entries(),
            "_coroutines" => super::coroutine_support::module_entries(),
            _ => return None,
        };
        Some(self.module_of(name, entries))
    }

    /// Methods of `_thread.lock` and `_thread.RLock`, installed on their classes.
    pub fn install_lock_methods(&mut self) {
        for class in [self.types.get("lock"), self.types.get("RLock")] {
            let mut d = class.dict.borrow_mut();
            for (name, func) in [
                ("acquire", lock_acquire as NativeFn),
                ("acquire_lock", lock_acquire),
                ("__enter__", lock_acquire),
                ("release", lock_release),
                ("release_lock", lock_release),
                ("__exit__", lock_exit),
                ("locked", lock_locked),
                ("_is_owned", lock_is_owned),
            ] {
                // Only RLock has `_is_owned`, as in CPython (Condition checks for it).
                if name == "_is_owned" && class.kind == ClassKind::Lock {
                    continue;
                }
                d.insert(
                    Key::str(name),
                    Value::Builtin(Rc::new(Builtin {
                        name,
                        func,
                        receiver: None,
                    })),
                );
            }
        }
    }
}

fn seconds_arg(vm: &Vm, v: &Value) -> Result<f64, Flow> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as i64 as f64),
        other => Err(vm.exc(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(other)
            ),
        )),
    }
}

fn time_sleep(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("sleep", &args, 1, 1)?;
    let s = seconds_arg(vm, &args.positional[0])?;
    if s < 0.0 {
        return Err(vm.exc("ValueError", "sleep length must be non-negative"));
    }
    vm.sleep((s * 1e9).round() as u64)
}

/// The wall clock starts at a fixed instant so runs are reproducible.
const EPOCH_NS: u64 = 1_767_225_600_000_000_000;
/// `perf_counter` and `monotonic` start at an arbitrary uptime, as on a real machine.
const UPTIME_NS: u64 = 86_400_000_000_000;

fn time_time(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Float((EPOCH_NS + vm.sched.clock) as f64 / 1e9))
}

fn time_monotonic(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Float((UPTIME_NS + vm.sched.clock) as f64 / 1e9))
}

fn time_time_ns(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Int((EPOCH_NS + vm.sched.clock) as i64))
}

fn time_monotonic_ns(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Int((UPTIME_NS + vm.sched.clock) as i64))
}

fn sys_exit(vm: &mut Vm, args: Args) -> NResult {
    let class = vm.types.exception("SystemExit");
    Err(Flow::Exc(vm.new_exception(&class, args.positional)))
}

/// `sys._getframemodulename(depth=0)` (CPython 3.12's, which namedtuple uses): the
/// `__name__` of the module whose code runs `depth` Python frames below the caller's.
fn sys_getframemodulename(vm: &mut Vm, args: Args) -> NResult {
    let depth = match args.positional.first() {
        Some(v) => vm.to_i64(v, "")?.max(0) as usize,
        None => 0,
    };
    let frames = &vm.threads[vm.cur as usize].frames;
    let Some(frame) = frames.iter().rev().nth(depth) else {
        return Ok(Value::None);
    };
    let name = frame.globals.borrow().get(&Key::str("__name__")).cloned();
    Ok(name.unwrap_or(Value::None))
}

/// `sys.exception()`: the exception being handled by the caller, or None.
fn sys_exception(vm: &mut Vm, _args: Args) -> NResult {
    Ok(vm.thread().handled.clone().unwrap_or(Value::None))
}

/// `sys.exc_info()`: `(type, value, traceback)` of the exception being handled (the
/// traceback object is not modelled: None).
fn sys_exc_info(vm: &mut Vm, _args: Args) -> NResult {
    Ok(match vm.thread().handled.clone() {
        Some(e) => {
            let class = Value::Class(vm.types.type_of(&e));
            Value::tuple(vec![class, e, Value::None])
        }
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn sys_getswitchinterval(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Float(vm.sched.switch_interval_ns as f64 / 1e9))
}

fn sys_setswitchinterval(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("setswitchinterval", &args, 1, 1)?;
    let s = vm.to_f64(&args.positional[0])?;
    if s <= 0.0 {
        return Err(vm.exc("ValueError", "switch interval must be strictly positive"));
    }
    vm.sched.switch_interval_ns = ((s * 1e9) as u64).max(1_000);
    Ok(Value::None)
}

/// `_thread.start_new_thread(function, args, kwargs=None, name=None, daemon=False)`; the
/// last two are Interleave's, so the trace can name threads. Returns `(ident, done_lock)`.
fn thread_start_new_thread(vm: &mut Vm, mut args: Args) -> NResult {
    let name = match args.take_keyword("name") {
        Some(Value::Str(s)) => s.to_string(),
        _ => format!("Thread-{}", vm.threads.len()),
    };
    let daemon = matches!(args.take_keyword("daemon"), Some(Value::Bool(true)));
    let func = args.positional.first().cloned().unwrap_or(Value::None);
    let call_args = match args.positional.get(1) {
        Some(v) => vm.collect(v)?,
        None => Vec::new(),
    };
    let (tid, done) = vm.start_thread(func, call_args, name, daemon)?;
    vm.sched.clock += crate::cost::PTHREAD_CREATE_NS;
    let lock = vm.lock_object(done, false);
    Ok(Value::tuple(vec![Value::Int(vm.ident_of(tid)), lock]))
}

fn thread_allocate_lock(vm: &mut Vm, _args: Args) -> NResult {
    Ok(vm.new_lock_object(false))
}

fn thread_rlock(vm: &mut Vm, _args: Args) -> NResult {
    Ok(vm.new_lock_object(true))
}

fn thread_get_ident(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Int(vm.ident_of(vm.cur)))
}

fn thread_get_native_id(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Int(4_000 + vm.cur as i64))
}

/// Interleave's own: the engine's thread index of the caller.
fn thread_id(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Int(vm.cur as i64))
}

/// Prints an exception's traceback on stderr (for `threading.excepthook`).
fn thread_print_exception(vm: &mut Vm, args: Args) -> NResult {
    let exc = args.positional.first().cloned().unwrap_or(Value::None);
    let text = vm.format_exception(&exc);
    vm.write_buffered(crate::trace::Stream::Stderr, &text, true)
}

fn lock_id(vm: &Vm, args: &Args) -> Result<u32, Flow> {
    match args.positional.first() {
        Some(Value::Instance(i)) => match &*i.native.borrow() {
            Native::Lock(id) => Ok(*id),
            _ => Err(vm.exc("TypeError", "descriptor requires a lock object")),
        },
        _ => Err(vm.exc("TypeError", "descriptor requires a lock object")),
    }
}

fn lock_acquire(vm: &mut Vm, mut args: Args) -> NResult {
    let id = lock_id(vm, &args)?;
    let blocking = match args.take(1, "blocking") {
        Some(v) => vm.truthy(&v)?,
        None => true,
    };
    let timeout = match args.take(2, "timeout") {
        Some(v) => vm.to_f64(&v)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.exc(
            "ValueError",
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.exc("ValueError", "timeout value must be a non-negative number"));
    }
    let timeout_ns = (timeout >= 0.0).then_some((timeout * 1e9) as u64);
    vm.lock_acquire(id, blocking, timeout_ns)
}

fn lock_release(vm: &mut Vm, args: Args) -> NResult {
    let id = lock_id(vm, &args)?;
    vm.lock_release(id)?;
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, args: Args) -> NResult {
    let id = lock_id(vm, &args)?;
    vm.lock_release(id)?;
    Ok(Value::Bool(false))
}

fn lock_locked(vm: &mut Vm, args: Args) -> NResult {
    let id = lock_id(vm, &args)?;
    Ok(Value::Bool(vm.sched.locks[id as usize].owner.is_some()))
}

fn lock_is_owned(vm: &mut Vm, args: Args) -> NResult {
    let id = lock_id(vm, &args)?;
    Ok(Value::Bool(
        vm.sched.locks[id as usize].owner == Some(vm.cur),
    ))
}

fn float_arg(vm: &Vm, args: &Args, name: &str) -> Result<f64, Flow> {
    vm.arity(name, args, 1, 1)?;
    vm.to_f64(&args.positional[0])
}

fn math_sqrt(vm: &mut Vm, args: Args) -> NResult {
    let x = float_arg(vm, &args, "sqrt")?;
    if x < 0.0 {
        return Err(vm.exc("ValueError", "math domain error"));
    }
    Ok(Value::Float(x.sqrt()))
}

fn int_result(x: f64) -> Value {
    num_traits::FromPrimitive::from_f64(x)
        .map(super::ops::int_value)
        .unwrap_or(Value::Int(0))
}

fn math_floor(vm: &mut Vm, args: Args) -> NResult {
    if let Some(Value::Int(i)) = args.positional.first() {
        return Ok(Value::Int(*i));
    }
    Ok(int_result(float_arg(vm, &args, "floor")?.floor()))
}

fn math_ceil(vm: &mut Vm, args: Args) -> NResult {
    if let Some(Value::Int(i)) = args.positional.first() {
        return Ok(Value::Int(*i));
    }
    Ok(int_result(float_arg(vm, &args, "ceil")?.ceil()))
}

fn math_isqrt(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("isqrt", &args, 1, 1)?;
    let n = vm.to_i64(&args.positional[0], "")?;
    if n < 0 {
        return Err(vm.exc("ValueError", "isqrt() argument must be nonnegative"));
    }
    let mut r = (n as f64).sqrt() as i64;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    Ok(Value::Int(r))
}

fn math_gcd(vm: &mut Vm, args: Args) -> NResult {
    let mut g: i64 = 0;
    for a in &args.positional {
        g = num_integer::Integer::gcd(&g, &vm.to_i64(a, "")?);
    }
    Ok(Value::Int(g))
}

fn math_factorial(vm: &mut Vm, args: Args) -> NResult {
    vm.arity("factorial", &args, 1, 1)?;
    let n = vm.to_i64(&args.positional[0], "")?;
    if n < 0 {
        return Err(vm.exc("ValueError", "factorial() not defined for negative values"));
    }
    let mut r = num_bigint::BigInt::from(1);
    for i in 2..=n {
        r *= i;
    }
    Ok(super::ops::int_value(r))
}

fn math_log(vm: &mut Vm, args: Args) -> NResult {
    let x = vm.to_f64(args.positional.first().unwrap_or(&Value::None))?;
    if x <= 0.0 {
        return Err(vm.exc("ValueError", "math domain error"));
    }
    Ok(Value::Float(match args.positional.get(1) {
        Some(b) => x.ln() / vm.to_f64(b)?.ln(),
        None => x.ln(),
    }))
}

fn math_exp(vm: &mut Vm, args: Args) -> NResult {
    Ok(Value::Float(float_arg(vm, &args, "exp")?.exp()))
}

fn math_sin(vm: &mut Vm, args: Args) -> NResult {
    Ok(Value::Float(float_arg(vm, &args, "sin")?.sin()))
}

fn math_cos(vm: &mut Vm, args: Args) -> NResult {
    Ok(Value::Float(float_arg(vm, &args, "cos")?.cos()))
}

fn math_isclose(vm: &mut Vm, mut args: Args) -> NResult {
    let rel = match args.take_keyword("rel_tol") {
        Some(v) => vm.to_f64(&v)?,
        None => 1e-9,
    };
    let abs = match args.take_keyword("abs_tol") {
        Some(v) => vm.to_f64(&v)?,
        None => 0.0,
    };
    vm.arity("isclose", &args, 2, 2)?;
    let (a, b) = (
        vm.to_f64(&args.positional[0])?,
        vm.to_f64(&args.positional[1])?,
    );
    Ok(Value::Bool(
        a == b || (a - b).abs() <= (rel * a.abs().max(b.abs())).max(abs),
    ))
}

fn os_getpid(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Int(vm.pid_of(vm.cur_proc)))
}

/// The main process's parent is the shell that started it.
const SHELL_PID: i64 = 4_100;

fn os_getppid(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Int(match vm.procs[vm.cur_proc as usize].parent {
        Some(p) => vm.pid_of(p),
        None => SHELL_PID,
    }))
}

/// The simulated machine's core count (`RunOptions::cores`), which also sizes
/// `ThreadPoolExecutor`'s default pool.
fn os_cpu_count(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Int(vm.options.cores as i64))
}

fn random_seed_int(vm: &mut Vm, args: Args) -> NResult {
    let n = match args.positional.first() {
        Some(Value::Int(i)) => num_bigint::BigInt::from(*i),
        Some(Value::BigInt(b)) => (**b).clone(),
        Some(Value::Bool(b)) => num_bigint::BigInt::from(*b as i64),
        _ => num_bigint::BigInt::from(0),
    };
    let (_, words) = n.to_u32_digits();
    vm.mt = crate::mt::Mt::from_key(&words);
    Ok(Value::None)
}

/// `random.seed()` without an argument: CPython uses OS entropy; we use the run's seed.
fn random_seed_default(vm: &mut Vm, _args: Args) -> NResult {
    let s = vm.rng.next_u64();
    vm.mt = crate::mt::Mt::from_key(&[s as u32, (s >> 32) as u32]);
    Ok(Value::None)
}

fn random_random(vm: &mut Vm, _args: Args) -> NResult {
    Ok(Value::Float(vm.mt.random()))
}

fn random_getrandbits(vm: &mut Vm, args: Args) -> NResult {
    let k = vm.to_i64(args.positional.first().unwrap_or(&Value::Int(32)), "")?;
    let words = vm.mt.getrandbits(k.max(1) as u32);
    Ok(super::ops::int_value(num_bigint::BigInt::from_slice(
        num_bigint::Sign::Plus,
        &words,
    )))
}
