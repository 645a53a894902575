//! Instructions that build and unpack containers: set and dict displays, comprehension
//! appends, `*`/`**` unpacking into displays, and sequence unpacking in assignments.

use super::{Flow, Vm};
use crate::bytecode::Instr;
use crate::value::Value;
use std::rc::Rc;

impl Vm {
    pub(super) fn collection_instr(&mut self, instr: Instr) -> Result<(), Flow> {
        match instr {
            Instr::BuildSet(n) => {
                let items = self.pop_n(n as usize);
                let mut set = crate::value::SetMap::default();
                for i in items {
                    let k = self.hash_key(i)?;
                    set.insert(k, ());
                }
                self.push(Value::Set(Rc::new(std::cell::RefCell::new(set))));
            }
            Instr::BuildMap(n) => {
                let items = self.pop_n(2 * n as usize);
                let mut d = crate::value::Dict::default();
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    let k = self.hash_key(k)?;
                    d.insert(k, v);
                }
                self.push(Value::Dict(Rc::new(std::cell::RefCell::new(d))));
            }
            Instr::ListAppend(n)
            | Instr::SetAdd(n)
            | Instr::ListExtend(n)
            | Instr::SetUpdate(n) => {
                let v = self.pop();
                let target = {
                    let f = self.frame();
                    f.stack[f.stack.len() - n as usize].clone()
                };
                match (instr, &target) {
                    (Instr::ListAppend(_), Value::List(l)) => l.borrow_mut().push(v),
                    (Instr::ListExtend(_) | Instr::SetUpdate(_), _)
                        if matches!(v, Value::Generator(_)) && self.nested == 0 =>
                    {
                        let name = if matches!(instr, Instr::ListExtend(_)) {
                            "extend"
                        } else {
                            "update"
                        };
                        if let Some(method) = super::builtins::method_of(self, &target, name) {
                            self.drain_into(method, &v)?;
                        }
                    }
                    (Instr::ListExtend(_), Value::List(l)) => {
                        let items = self.collect(&v)?;
                        l.borrow_mut().extend(items);
                    }
                    (Instr::SetAdd(_), Value::Set(s)) => {
                        let k = self.hash_key(v)?;
                        s.borrow_mut().insert(k, ());
                    }
                    (Instr::SetUpdate(_), Value::Set(s)) => {
                        for item in self.collect(&v)? {
                            let k = self.hash_key(item)?;
                            s.borrow_mut().insert(k, ());
                        }
                    }
                    _ => {}
                }
            }
            Instr::MapAdd(n) => {
                let v = self.pop();
                let k = self.pop();
                let target = {
                    let f = self.frame();
                    f.stack[f.stack.len() - n as usize].clone()
                };
                if let Value::Dict(d) = target {
                    let k = self.hash_key(k)?;
                    d.borrow_mut().insert(k, v);
                }
            }
            Instr::DictUpdate(n) => {
                let v = self.pop();
                let target = {
                    let f = self.frame();
                    f.stack[f.stack.len() - n as usize].clone()
                };
                if let (Value::Dict(d), Value::Dict(src)) = (&target, &v) {
                    let items: Vec<_> = src
                        .borrow()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    d.borrow_mut().extend(items);
                } else {
                    let tn = self.type_name(&v);
                    return Err(self.exc("TypeError", format!("'{tn}' object is not a mapping")));
                }
            }
            Instr::ListToTuple => {
                let v = self.pop();
                if let Value::List(l) = v {
                    let items = l.borrow().clone();
                    self.push(Value::tuple(items));
                }
            }
            Instr::UnpackSequence(n) => {
                let v = self.pop();
                let items = self.collect(&v)?;
                if items.len() != n as usize {
                    let msg = if items.len() > n as usize {
                        format!("too many values to unpack (expected {n})")
                    } else {
                        format!(
                            "not enough values to unpack (expected {n}, got {})",
                            items.len()
                        )
                    };
                    return Err(self.exc("ValueError", msg));
                }
                for item in items.into_iter().rev() {
                    self.push(item);
                }
            }
            Instr::UnpackEx(before, after) => {
                let v = self.pop();
                let mut items = self.collect(&v)?;
                let (before, after) = (before as usize, after as usize);
                if items.len() < before + after {
                    return Err(self.exc(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        ),
                    ));
                }
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                for item in tail.into_iter().rev() {
                    self.push(item);
                }
                self.push(Value::list(middle));
                for item in items.into_iter().rev() {
                    self.push(item);
                }
            }
            _ => {}
        }
        Ok(())
    }
}
