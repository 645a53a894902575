//! The interpreter's fast path: runs a stretch of simple instructions (locals, constants,
//! small-int arithmetic and comparisons, list indexing, range iteration, forward jumps) on the
//! current frame without the general dispatch's per-instruction bookkeeping.
//!
//! It charges exactly what the general loop charges (one step and `cost::instr_ns` each) and
//! stops before any instruction that could block, switch threads, raise, call, or be an
//! eval-breaker point, so virtual time and schedules are identical with or without it.

use super::Vm;
use crate::ast::{BinOp, CmpOp};
use crate::bytecode::Instr;
use crate::cost;
use crate::value::{NativeIter, Value};

impl Vm {
    /// Executes simple instructions until the next one needs the general loop (or a budget or
    /// timer check would stop the run there).
    #[inline]
    pub(super) fn run_fast_path(&mut self, nested: bool, step_limit: u64) {
        let stop_at = if nested {
            u64::MAX
        } else {
            self.sched.stop_at_cache
        };
        let Some(f) = self.threads[self.cur as usize].frames.last_mut() else {
            return;
        };
        let sched = &mut self.sched;
        loop {
            if sched.steps >= step_limit || sched.clock >= stop_at {
                return;
            }
            let instr = f.code.instrs[f.pc];
            match instr {
                Instr::LoadConst(i) => {
                    let v = f.code.consts[i as usize].clone();
                    f.stack.push(v);
                }
                Instr::LoadFast(i) => match &f.locals[i as usize] {
                    Some(v) => {
                        let v = v.clone();
                        f.stack.push(v);
                    }
                    None => return,
                },
                Instr::StoreFast(i) => {
                    let v = f.stack.pop();
                    if let Some(old) = std::mem::replace(&mut f.locals[i as usize], v) {
                        old.discard();
                    }
                }
                Instr::Pop => {
                    // A coroutine dropped here may owe a warning: the general loop prints it.
                    if matches!(f.stack.last(), Some(Value::Generator(_))) {
                        return;
                    }
                    if let Some(v) = f.stack.pop() {
                        v.discard();
                    }
                }
                Instr::Jump(t) => {
                    f.pc = t as usize;
                    sched.steps += 1;
                    sched.clock += cost::instr_ns(&instr);
                    continue;
                }
                Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                    let truth = match f.stack.last() {
                        Some(Value::Bool(b)) => *b,
                        Some(Value::Int(i)) => *i != 0,
                        Some(Value::None) => false,
                        _ => return,
                    };
                    f.stack.pop();
                    if truth == matches!(instr, Instr::PopJumpIfTrue(_)) {
                        f.pc = t as usize;
                        sched.steps += 1;
                        sched.clock += cost::instr_ns(&instr);
                        continue;
                    }
                }
                Instr::Binary(op) | Instr::InPlace(op) => {
                    let Some((x, y)) = top_two_ints(&f.stack) else {
                        return;
                    };
                    let r = match op {
                        BinOp::Add => x.checked_add(y),
                        BinOp::Sub => x.checked_sub(y),
                        BinOp::Mul => x.checked_mul(y),
                        _ => None,
                    };
                    let Some(r) = r else { return };
                    f.stack.truncate(f.stack.len() - 2);
                    f.stack.push(Value::Int(r));
                }
                Instr::Compare(op) => {
                    let Some((x, y)) = top_two_ints(&f.stack) else {
                        return;
                    };
                    let r = match op {
                        CmpOp::Lt => x < y,
                        CmpOp::LtE => x <= y,
                        CmpOp::Gt => x > y,
                        CmpOp::GtE => x >= y,
                        CmpOp::Eq => x == y,
                        CmpOp::NotEq => x != y,
                        _ => return,
                    };
                    f.stack.truncate(f.stack.len() - 2);
                    f.stack.push(Value::Bool(r));
                }
                Instr::Subscript => {
                    let Some((l, i)) = list_and_index(&f.stack) else {
                        return;
                    };
                    let item = {
                        let items = l.borrow();
                        let idx = if i < 0 { i + items.len() as i64 } else { i };
                        match usize::try_from(idx).ok().and_then(|idx| items.get(idx)) {
                            Some(v) => v.clone(),
                            None => return,
                        }
                    };
                    f.stack.pop();
                    f.stack.pop();
                    f.stack.push(item);
                }
                Instr::StoreSubscript => {
                    let n = f.stack.len();
                    let Some((l, i)) = list_and_index(&f.stack) else {
                        return;
                    };
                    let Ok(mut items) = l.try_borrow_mut() else {
                        return;
                    };
                    let idx = if i < 0 { i + items.len() as i64 } else { i };
                    let Some(slot) = usize::try_from(idx).ok().filter(|&idx| idx < items.len())
                    else {
                        return;
                    };
                    let v = f.stack[n - 3].clone();
                    std::mem::replace(&mut items[slot], v).discard();
                    drop(items);
                    f.stack.truncate(n - 3);
                }
                Instr::ForIter(t) => {
                    let Some(Value::Iterator(cell)) = f.stack.last() else {
                        return;
                    };
                    let Ok(mut state) = cell.try_borrow_mut() else {
                        return;
                    };
                    let NativeIter::Range { next, stop, step } = &mut *state else {
                        return;
                    };
                    if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                        let v = *next;
                        *next += *step;
                        drop(state);
                        f.stack.push(Value::Int(v));
                    } else {
                        drop(state);
                        f.stack.pop();
                        f.pc = t as usize;
                        sched.steps += 1;
                        sched.clock += cost::instr_ns(&instr);
                        continue;
                    }
                }
                _ => return,
            }
            f.pc += 1;
            sched.steps += 1;
            sched.clock += cost::instr_ns(&instr);
        }
    }
}

/// The two topmost stack values when both are small ints (the left operand first).
#[inline(always)]
fn top_two_ints(stack: &[Value]) -> Option<(i64, i64)> {
    match stack {
        [.., Value::Int(x), Value::Int(y)] => Some((*x, *y)),
        _ => None,
    }
}

/// `list, int` on top of the stack (subscripting operands).
#[inline(always)]
fn list_and_index(stack: &[Value]) -> Option<(&std::cell::RefCell<Vec<Value>>, i64)> {
    match stack {
        [.., Value::List(l), Value::Int(i)] => Some((&**l, *i)),
        _ => None,
    }
}
