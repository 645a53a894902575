//! The generator versions of `zip`, `map`, `filter` and `enumerate` (`builtins_py/_lazy_iter.py`)
//! for arguments that are not plain built-in sequences. The module is loaded once per run by
//! running its body nested (it only defines functions, so it never blocks).

use super::{Flow, Frame, NResult, ReturnMode, Vm};
use crate::value::*;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// The generator function `name` of `_lazy_iter`.
    pub(super) fn lazy_iter_function(&mut self, name: &str) -> NResult {
        let globals = match &self.lazy_iter_globals {
            Some(g) => g.clone(),
            None => {
                let g = self.load_lazy_iter()?;
                self.lazy_iter_globals = Some(g.clone());
                g
            }
        };
        let f = globals.borrow().get(&Key::str(name)).cloned();
        f.ok_or_else(|| self.exc("RuntimeError", format!("interleave: no lazy {name}")))
    }

    fn load_lazy_iter(&mut self) -> Result<Rc<RefCell<Dict>>, Flow> {
        let Some((path, source)) = crate::builtins_py::source("_lazy_iter") else {
            return Err(self.exc("RuntimeError", "interleave: _lazy_iter is missing"));
        };
        let filename = format!("/usr/lib/python3.11/{path}");
        let code = crate::compile(source, &filename)
            .map_err(|e| self.exc("RuntimeError", format!("interleave: _lazy_iter: {e}")))?;
        let globals = Rc::new(RefCell::new(Dict::default()));
        globals
            .borrow_mut()
            .insert(Key::str("__name__"), Value::str("builtins"));
        let frame = Frame::module(code, globals.clone(), ReturnMode::Capture);
        match self.push_frame(frame) {
            Err(Flow::Pushed) => {}
            Err(other) => return Err(other),
            Ok(_) => {}
        }
        let (stop, result) = self.run_nested_until_captured();
        match (stop, result) {
            (_, Some(Ok(_))) => Ok(globals),
            (_, Some(Err(e))) => Err(Flow::Exc(e)),
            _ => Err(self.exc("RuntimeError", "interleave: _lazy_iter did not load")),
        }
    }
}

/// Iterating these never runs Python code, so collecting them at once is unobservable.
pub(super) fn is_plain_sequence(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Range(_)
            | Value::Str(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::DictView(_)
    )
}
