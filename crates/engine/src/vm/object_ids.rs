//! `id()` of objects (and what derives from it: `hash()` of an object without `__hash__`, the
//! address in a default `repr()`): a serial number per object, handed out the first time the
//! program needs one. Ids therefore never depend on where the allocator put an object, so a
//! replay and a checkpoint's copy of a run ([`super::checkpoint`]) see exactly the ids the run
//! saw — asyncio's `as_completed` keys its futures by `id()`, and a copy with other ids would
//! take other branches. An id lasts as long as its object, as in CPython.

use super::fork_copy::Copier;
use crate::value::Value;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// Ids of numbers, `None`, `True`…: derived from the value (two equal small ints are one
/// object in CPython too).
const SCALAR_BASE: i64 = 140_000_000_000_000;
/// Ids of other objects: this plus 48 bytes per serial number, a region no scalar id reaches.
const OBJECT_BASE: i64 = 139_000_000_000_000;

/// Whether the object an id was given to still exists.
trait Alive {
    fn alive(&self) -> bool;
    fn clone_box(&self) -> Box<dyn Alive>;
}

impl<T: ?Sized + 'static> Alive for Weak<T> {
    fn alive(&self) -> bool {
        self.strong_count() > 0
    }

    fn clone_box(&self) -> Box<dyn Alive> {
        Box::new(self.clone())
    }
}

fn weak_of(v: &Value) -> Option<Box<dyn Alive>> {
    fn w<T: ?Sized + 'static>(r: &Rc<T>) -> Option<Box<dyn Alive>> {
        Some(Box::new(Rc::downgrade(r)))
    }
    match v {
        Value::None
        | Value::NotImplemented
        | Value::Ellipsis
        | Value::Bool(_)
        | Value::Int(_)
        | Value::Float(_) => None,
        Value::BigInt(r) => w(r),
        Value::Str(r) => w(r),
        Value::List(r) => w(r),
        Value::Tuple(r) => w(r),
        Value::Dict(r) => w(r),
        Value::Set(r) => w(r),
        Value::Range(r) => w(r),
        Value::Slice(r) => w(r),
        Value::Function(r) => w(r),
        Value::Builtin(r) => w(r),
        Value::BoundMethod(r) => w(r),
        Value::Class(r) => w(r),
        Value::Instance(r) => w(r),
        Value::Module(r) => w(r),
        Value::Iterator(r) => w(r),
        Value::Generator(r) => w(r),
        Value::DictView(r) => w(r),
        Value::Cell(r) => w(r),
        Value::Code(r) => w(r),
    }
}

/// The ids handed out so far, by the object's address.
#[derive(Default)]
pub struct ObjectIds {
    by_address: HashMap<usize, (Box<dyn Alive>, u64)>,
    next_serial: u64,
    /// Table size after the last sweep of dead objects.
    swept_at: usize,
}

impl ObjectIds {
    /// `id(v)`.
    pub fn id(&mut self, v: &Value) -> i64 {
        let Some(weak) = weak_of(v) else {
            return SCALAR_BASE + (v.identity() as i64 & 0xffff_ffff) * 16;
        };
        let address = v.identity();
        if let Some((owner, serial)) = self.by_address.get(&address) {
            if owner.alive() {
                return object_id(*serial);
            }
        }
        if self.by_address.len() >= 2 * self.swept_at.max(1024) {
            self.by_address.retain(|_, (owner, _)| owner.alive());
            self.swept_at = self.by_address.len();
        }
        let serial = self.next_serial;
        self.next_serial += 1;
        self.by_address.insert(address, (weak, serial));
        object_id(serial)
    }

    /// The ids for a checkpoint's copy: each live object's copy keeps its id (objects the
    /// copy shares, such as strings, keep their address too).
    pub fn for_copy(&self, copier: &Copier) -> ObjectIds {
        let by_address = self
            .by_address
            .iter()
            .filter(|(_, (owner, _))| owner.alive())
            .map(|(address, (owner, serial))| match copier.copied(*address) {
                Some(copy) => {
                    let owner = weak_of(copy).unwrap_or_else(|| owner.clone_box());
                    (copy.identity(), (owner, *serial))
                }
                None => (*address, (owner.clone_box(), *serial)),
            })
            .collect();
        ObjectIds {
            by_address,
            next_serial: self.next_serial,
            swept_at: self.swept_at,
        }
    }
}

fn object_id(serial: u64) -> i64 {
    OBJECT_BASE + serial as i64 * 48
}

/// How a default `repr()` shows the object with this id (`0x7e6b…`).
pub fn address_text(id: i64) -> String {
    format!("{id:#x}")
}
