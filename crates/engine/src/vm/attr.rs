//! Attribute access: instances (their dict, their class, properties, bound methods),
//! classes, modules, functions, and the methods of built-in types.

use super::{Flow, NResult, Vm};
use crate::value::*;
use std::rc::Rc;

impl Vm {
    pub fn type_name(&self, v: &Value) -> String {
        self.types.type_of(v).name.to_string()
    }

    pub fn getattr(&mut self, obj: &Value, name: &str) -> NResult {
        match self.try_getattr(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.attribute_error(obj, name)),
        }
    }

    pub fn attribute_error(&self, obj: &Value, name: &str) -> Flow {
        let msg = match obj {
            Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
            Value::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
        };
        self.exc("AttributeError", msg)
    }

    /// Like `getattr`, but `Ok(None)` when the attribute does not exist.
    pub fn try_getattr(&mut self, obj: &Value, name: &str) -> Result<Option<Value>, Flow> {
        if let Value::Slice(sl) = obj {
            match name {
                "start" => return Ok(Some(sl.start.clone())),
                "stop" => return Ok(Some(sl.stop.clone())),
                "step" => return Ok(Some(sl.step.clone())),
                _ => {}
            }
        }
        match obj {
            Value::Instance(inst) => {
                let sup = match &*inst.native.borrow() {
                    Native::Super { class, obj } => Some((class.clone(), obj.clone())),
                    _ => None,
                };
                if let Some((class, target)) = sup {
                    return Ok(self.super_lookup(&class, &target, name));
                }
                if let Native::Local(per_thread) = &*inst.native.borrow() {
                    if let Some(v) = per_thread
                        .get(&self.cur)
                        .and_then(|d| d.get(&Key::str(name)))
                    {
                        return Ok(Some(v.clone()));
                    }
                }
                let class_attr = inst.class.lookup(name);
                if let Some(Value::Instance(p)) = &class_attr {
                    if let Native::Property { fget, .. } = &*p.native.borrow() {
                        let fget = fget.clone();
                        return match fget {
                            Some(g) => self.call_sync(g, vec![obj.clone()]).map(Some),
                            None => Err(self
                                .exc("AttributeError", format!("property '{name}' has no getter"))),
                        };
                    }
                }
                if let Some(v) = inst.dict.borrow().get(&Key::str(name)) {
                    return Ok(Some(v.clone()));
                }
                match name {
                    "__class__" => return Ok(Some(Value::Class(inst.class.clone()))),
                    "__dict__" => {
                        return Ok(Some(Value::Dict(Rc::new(std::cell::RefCell::new(
                            inst.dict.borrow().clone(),
                        )))))
                    }
                    _ => {}
                }
                if let Some(v) = class_attr {
                    return Ok(Some(self.bind(v, obj.clone(), &inst.class)));
                }
                if let Some(v) = self.native_instance_attr(obj, inst, name)? {
                    return Ok(Some(v));
                }
                if let Some(hook) = inst.class.lookup("__getattr__") {
                    let hook = self.bind(hook, obj.clone(), &inst.class);
                    return self.call_hook_for_attribute(hook, name);
                }
                Ok(None)
            }
            Value::Class(c) => {
                if let Some(v) = c.lookup(name) {
                    if let Value::Instance(w) = &v {
                        match &*w.native.borrow() {
                            Native::ClassMethod(f) => {
                                return Ok(Some(Value::BoundMethod(Rc::new(BoundMethod {
                                    receiver: obj.clone(),
                                    func: f.clone(),
                                }))))
                            }
                            Native::StaticMethod(f) => return Ok(Some(f.clone())),
                            _ => {}
                        }
                    }
                    return Ok(Some(v));
                }
                // Methods of the metaclass (`ABCMeta.register`) bind to the class.
                if let Some(meta) = &c.metaclass {
                    if let Some(v) = meta.lookup(name) {
                        return Ok(Some(self.bind(v, obj.clone(), meta)));
                    }
                }
                Ok(match name {
                    "__name__" => Some(Value::Str(c.name.clone())),
                    "__qualname__" => Some(Value::Str(c.qualname.clone())),
                    "__module__" => Some(Value::Str(c.module.clone())),
                    "__mro__" => Some(Value::tuple(
                        c.mro
                            .borrow()
                            .iter()
                            .map(|k| Value::Class(k.clone()))
                            .collect(),
                    )),
                    "__bases__" => Some(Value::tuple(
                        c.bases.iter().map(|k| Value::Class(k.clone())).collect(),
                    )),
                    "__doc__" => Some(Value::None),
                    // A read-only view in CPython (mappingproxy); a snapshot here.
                    "__dict__" => Some(Value::Dict(Rc::new(std::cell::RefCell::new(
                        c.dict.borrow().clone(),
                    )))),
                    _ => super::builtins::class_method(self, c, name),
                })
            }
            Value::Module(m) => {
                let found = m.dict.borrow().get(&Key::str(name)).cloned();
                if found.is_some() || name == "__getattr__" {
                    return Ok(found);
                }
                if name == "__name__" {
                    return Ok(Some(Value::Str(m.name.clone())));
                }
                // PEP 562: a module's own `__getattr__` supplies missing attributes.
                let hook = m.dict.borrow().get(&Key::str("__getattr__")).cloned();
                match hook {
                    Some(hook) => self.call_hook_for_attribute(hook, name),
                    None => Ok(None),
                }
            }
            Value::Function(f) => Ok(match name {
                "__name__" => Some(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Some(Value::Str(f.qualname.borrow().clone())),
                "__module__" => Some(Value::Str(f.module.clone())),
                "__doc__" => Some(f.code.doc.clone().map(Value::Str).unwrap_or(Value::None)),
                "__defaults__" => Some(if f.defaults.is_empty() {
                    Value::None
                } else {
                    Value::tuple(f.defaults.clone())
                }),
                _ => f.dict.borrow().get(&Key::str(name)).cloned(),
            }),
            Value::BoundMethod(m) => match name {
                "__self__" => Ok(Some(m.receiver.clone())),
                "__func__" => Ok(Some(m.func.clone())),
                _ => self.try_getattr(&m.func.clone(), name),
            },
            Value::Builtin(b) => Ok(match name {
                "__name__" | "__qualname__" => Some(Value::str(b.name)),
                "__self__" => b.receiver.clone(),
                _ => None,
            }),
            _ if name == "__class__" => Ok(Some(Value::Class(self.types.type_of(obj)))),
            _ => Ok(super::builtins::method_of(self, obj, name)),
        }
    }

    /// Calls a `__getattr__` hook; its AttributeError means "no such attribute".
    fn call_hook_for_attribute(&mut self, hook: Value, name: &str) -> Result<Option<Value>, Flow> {
        match self.call_sync(hook, vec![Value::str(name)]) {
            Ok(v) => Ok(Some(v)),
            Err(Flow::Exc(e)) if self.is_attribute_error(&e) => Ok(None),
            Err(f) => Err(f),
        }
    }

    pub fn is_attribute_error(&self, e: &Value) -> bool {
        let attribute_error = self.types.exception("AttributeError");
        self.types.type_of(e).is_subclass_of(&attribute_error)
    }

    /// Attributes that built-in instances (exceptions, locks) have natively.
    fn native_instance_attr(
        &mut self,
        obj: &Value,
        inst: &Rc<Instance>,
        name: &str,
    ) -> Result<Option<Value>, Flow> {
        if let Native::Exception(d) = &*inst.native.borrow() {
            match name {
                "args" => return Ok(Some(Value::tuple(d.args.clone()))),
                "__cause__" => return Ok(Some(d.cause.clone().unwrap_or(Value::None))),
                "__context__" => return Ok(Some(d.context.clone().unwrap_or(Value::None))),
                "__suppress_context__" => return Ok(Some(Value::Bool(d.suppress_context))),
                "__traceback__" => return Ok(Some(Value::None)),
                "message" | "exceptions" if self.is_exception_group_class(&inst.class) => {
                    return Ok(Some(match name {
                        "message" => d.args.first().cloned().unwrap_or(Value::str("")),
                        _ => match d.args.get(1) {
                            Some(Value::List(l)) => Value::tuple(l.borrow().clone()),
                            Some(t @ Value::Tuple(_)) => t.clone(),
                            _ => Value::tuple(Vec::new()),
                        },
                    }))
                }
                "value"
                    if inst
                        .class
                        .is_subclass_of(&self.types.exception("StopIteration")) =>
                {
                    return Ok(Some(d.args.first().cloned().unwrap_or(Value::None)))
                }
                _ => {}
            }
        }
        if let Native::Property { fget, fset } = &*inst.native.borrow() {
            match name {
                "fget" => return Ok(Some(fget.clone().unwrap_or(Value::None))),
                "fset" => return Ok(Some(fset.clone().unwrap_or(Value::None))),
                "setter" | "getter" => {
                    let func: NativeFn = if name == "setter" {
                        property_setter
                    } else {
                        property_getter
                    };
                    return Ok(Some(Value::Builtin(Rc::new(Builtin {
                        name: "setter",
                        func,
                        receiver: Some(obj.clone()),
                    }))));
                }
                _ => {}
            }
        }
        Ok(super::builtins::method_of(self, obj, name))
    }

    /// Binds a class attribute found through an instance: functions become bound methods.
    fn bind(&self, attr: Value, receiver: Value, class: &Rc<Class>) -> Value {
        match &attr {
            Value::Function(_) => Value::BoundMethod(Rc::new(BoundMethod {
                receiver,
                func: attr,
            })),
            Value::Builtin(b) if b.receiver.is_none() => Value::Builtin(Rc::new(Builtin {
                name: b.name,
                func: b.func,
                receiver: Some(receiver),
            })),
            Value::Instance(w) => match &*w.native.borrow() {
                Native::StaticMethod(f) => f.clone(),
                Native::ClassMethod(f) => Value::BoundMethod(Rc::new(BoundMethod {
                    receiver: Value::Class(class.clone()),
                    func: f.clone(),
                })),
                _ => attr.clone(),
            },
            _ => attr,
        }
    }

    fn super_lookup(&self, class: &Rc<Class>, target: &Value, name: &str) -> Option<Value> {
        let target_class = match target {
            Value::Class(c) => c.clone(),
            other => self.types.type_of(other),
        };
        let mro = target_class.mro.borrow().clone();
        let start = mro.iter().position(|c| Rc::ptr_eq(c, class))? + 1;
        for c in &mro[start..] {
            if let Some(v) = c.dict.borrow().get(&Key::str(name)) {
                return Some(self.bind(v.clone(), target.clone(), &target_class));
            }
            if c.kind != ClassKind::User {
                if let Some(m) = super::methods::native_class_method(c, name) {
                    return Some(self.bind(m, target.clone(), &target_class));
                }
            }
        }
        None
    }

    /// Looks a special method up on the type, bound to `obj` (like CPython's `_PyType_Lookup`).
    pub fn lookup_special(&self, obj: &Value, name: &str) -> Option<Value> {
        match obj {
            Value::Instance(inst) => inst
                .class
                .lookup(name)
                .map(|v| self.bind(v, obj.clone(), &inst.class)),
            _ => None,
        }
    }

    pub fn setattr(&mut self, obj: &Value, name: &str, v: Value) -> Result<(), Flow> {
        // A class's own `__setattr__` (a dataclass(frozen=True), a validating model).
        if let Value::Instance(inst) = obj {
            if let Some(hook @ Value::Function(_)) = inst.class.lookup("__setattr__") {
                return self
                    .call_sync(hook, vec![obj.clone(), Value::str(name), v])
                    .map(|_| ());
            }
        }
        self.setattr_plain(obj, name, v)
    }

    /// `object.__setattr__`: property setters and the instance dict, no user hook.
    pub fn setattr_plain(&mut self, obj: &Value, name: &str, v: Value) -> Result<(), Flow> {
        match obj {
            Value::Instance(inst) => {
                if let Native::Local(per_thread) = &mut *inst.native.borrow_mut() {
                    per_thread
                        .entry(self.cur)
                        .or_default()
                        .insert(Key::str(name), v);
                    return Ok(());
                }
                if let Some(Value::Instance(p)) = inst.class.lookup(name) {
                    let setter = match &*p.native.borrow() {
                        Native::Property { fset, .. } => Some(fset.clone()),
                        _ => None,
                    };
                    if let Some(fset) = setter {
                        return match fset {
                            Some(s) => self.call_sync(s, vec![obj.clone(), v]).map(|_| ()),
                            None => {
                                Err(self
                                    .exc("AttributeError", format!("can't set attribute '{name}'")))
                            }
                        };
                    }
                }
                inst.dict.borrow_mut().insert(Key::str(name), v);
                Ok(())
            }
            Value::Class(c) => {
                c.dict.borrow_mut().insert(Key::str(name), v);
                Ok(())
            }
            Value::Function(f) => {
                match name {
                    "__name__" => {
                        if let Value::Str(s) = v {
                            *f.name.borrow_mut() = s;
                        }
                    }
                    "__qualname__" => {
                        if let Value::Str(s) = v {
                            *f.qualname.borrow_mut() = s;
                        }
                    }
                    _ => {
                        f.dict.borrow_mut().insert(Key::str(name), v);
                    }
                }
                Ok(())
            }
            Value::Module(m) => {
                m.dict.borrow_mut().insert(Key::str(name), v);
                Ok(())
            }
            _ => {
                let tn = self.type_name(obj);
                Err(self.exc(
                    "AttributeError",
                    format!("'{tn}' object has no attribute '{name}'"),
                ))
            }
        }
    }

    pub fn delattr(&mut self, obj: &Value, name: &str) -> Result<(), Flow> {
        let removed = match obj {
            Value::Instance(inst) => inst.dict.borrow_mut().shift_remove(&Key::str(name)),
            Value::Class(c) => c.dict.borrow_mut().shift_remove(&Key::str(name)),
            Value::Module(m) => m.dict.borrow_mut().shift_remove(&Key::str(name)),
            _ => None,
        };
        match removed {
            Some(_) => Ok(()),
            None => Err(self.attribute_error(obj, name)),
        }
    }
}

fn property_with(vm: &mut Vm, args: Args, set: bool) -> NResult {
    let (Some(Value::Instance(p)), Some(f)) =
        (args.positional.first(), args.positional.get(1).cloned())
    else {
        return Err(vm.exc("TypeError", "property.setter takes one function"));
    };
    let native = match &*p.native.borrow() {
        Native::Property { fget, fset } => {
            if set {
                Native::Property {
                    fget: fget.clone(),
                    fset: Some(f),
                }
            } else {
                Native::Property {
                    fget: Some(f),
                    fset: fset.clone(),
                }
            }
        }
        _ => return Err(vm.exc("TypeError", "not a property")),
    };
    Ok(Value::Instance(Rc::new(Instance {
        class: p.class.clone(),
        dict: Default::default(),
        native: std::cell::RefCell::new(native),
    })))
}

fn property_setter(vm: &mut Vm, args: Args) -> NResult {
    property_with(vm, args, true)
}

fn property_getter(vm: &mut Vm, args: Args) -> NResult {
    property_with(vm, args, false)
}
