//! What happens around class creation and instantiation beyond building the class: the
//! metaclass (`metaclass=` or inherited from a base; its `__init__` runs on the new class,
//! which is how `abc.ABCMeta` computes `__abstractmethods__`), `__init_subclass__`, and the
//! refusal to instantiate a class whose `__abstractmethods__` is not empty.

use super::{Flow, Vm};
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// The metaclass of a class being created: the `metaclass=` keyword (taken out of
    /// `keywords`), else the most derived of the bases' metaclasses; `None` means `type`.
    pub(super) fn metaclass_of(
        &mut self,
        keywords: &mut Vec<(Rc<str>, Value)>,
        bases: &[Rc<Class>],
    ) -> Result<Option<Rc<Class>>, Flow> {
        let explicit = match keywords.iter().position(|(k, _)| &**k == "metaclass") {
            Some(i) => match keywords.remove(i).1 {
                Value::Class(c) => Some(c),
                other => {
                    let tn = self.type_name(&other);
                    return Err(self.exc(
                        "TypeError",
                        format!("interleave: metaclass must be a class, not '{tn}'"),
                    ));
                }
            },
            None => None,
        };
        let mut winner = explicit;
        for base in bases {
            let Some(m) = &base.metaclass else { continue };
            winner = match winner {
                Some(w) if w.is_subclass_of(m) => Some(w),
                _ => Some(m.clone()),
            };
        }
        Ok(winner.filter(|m| m.kind == ClassKind::User))
    }

    /// After `class` was built: the metaclass's `__init__(cls, name, bases, namespace,
    /// **kw)`, then the parent's `__init_subclass__(**kw)`.
    pub(super) fn class_created(
        &mut self,
        class: &Rc<Class>,
        bases: Vec<Value>,
        namespace: Rc<RefCell<Dict>>,
        keywords: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Flow> {
        let cls = Value::Class(class.clone());
        if let Some(meta) = &class.metaclass {
            if let Some(init @ Value::Function(_)) = meta.lookup("__init__") {
                let args = vec![
                    cls.clone(),
                    Value::Str(class.name.clone()),
                    Value::tuple(bases),
                    Value::Dict(namespace),
                ];
                self.call_sync_with(init, args, keywords)?;
                return Ok(());
            }
        }
        let hook = class
            .mro
            .borrow()
            .iter()
            .skip(1)
            .find_map(|c| c.dict.borrow().get(&Key::str("__init_subclass__")).cloned());
        let func = match hook {
            Some(Value::Instance(w)) => match &*w.native.borrow() {
                Native::ClassMethod(f) => Some(f.clone()),
                _ => None,
            },
            Some(f @ Value::Function(_)) => Some(f),
            _ => None,
        };
        match func {
            Some(f) => self.call_sync_with(f, vec![cls], keywords).map(|_| ()),
            None if !keywords.is_empty() => Err(self.exc(
                "TypeError",
                format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    class.name
                ),
            )),
            None => Ok(()),
        }
    }

    /// CPython's `object.__new__` check: "Can't instantiate abstract class C with abstract
    /// methods a, b" (names sorted).
    pub(super) fn refuse_abstract(&mut self, class: &Rc<Class>) -> Result<(), Flow> {
        let Some(abstracts) = class.lookup("__abstractmethods__") else {
            return Ok(());
        };
        let names = self.collect(&abstracts)?;
        if names.is_empty() {
            return Ok(());
        }
        let mut names: Vec<String> = names
            .iter()
            .map(|n| self.str_of(n))
            .collect::<Result<_, _>>()?;
        names.sort();
        let plural = if names.len() == 1 { "" } else { "s" };
        Err(self.exc(
            "TypeError",
            format!(
                "Can't instantiate abstract class {} with abstract method{plural} {}",
                class.name,
                names.join(", ")
            ),
        ))
    }
}
