//! CPython's "coroutine ... was never awaited" `RuntimeWarning`: printed where a coroutine
//! that never ran is destroyed (once per source location, as the `default` warning filter
//! does), and at interpreter exit (`sys:1`) for those still alive then.

use super::Vm;
use crate::trace::Stream;
use crate::value::{take_never_awaited, GenKind, Generator};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

impl Vm {
    /// Remembers a new coroutine so the exit check can find it.
    pub(super) fn register_coroutine(&mut self, gen: &Rc<RefCell<Generator>>) {
        if self.live_coroutines.len() >= 2 * self.live_coroutines_pruned_at.max(64) {
            self.live_coroutines.retain(|w| w.strong_count() > 0);
            self.live_coroutines_pruned_at = self.live_coroutines.len();
        }
        self.live_coroutines.push(Rc::downgrade(gen));
    }

    /// Prints the warnings for coroutines destroyed since the last call, at the current line.
    pub(super) fn warn_never_awaited(&mut self) {
        let names = take_never_awaited();
        if names.is_empty() {
            return;
        }
        let (filename, line) = match self.threads[self.cur as usize].frames.last() {
            Some(f) => (f.code.filename.clone(), f.line()),
            None => (Rc::from("sys"), 1),
        };
        for name in names {
            let message = format!("coroutine '{name}' was never awaited");
            if !self.warned.insert(format!("{filename}:{line}:{message}")) {
                continue;
            }
            let mut text = format!("{filename}:{line}: RuntimeWarning: {message}\n");
            if let Some(src) = self.sources.get(&filename).and_then(|l| {
                l.get((line as usize).wrapping_sub(1))
                    .map(|s| s.trim().to_string())
            }) {
                if !src.is_empty() {
                    text.push_str(&format!("  {src}\n"));
                }
            }
            text.push_str(
                "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
            );
            self.write(Stream::Stderr, &text);
        }
    }

    /// At exit: coroutines still alive that never ran are reported at `sys:1`.
    pub(super) fn warn_never_awaited_at_exit(&mut self) {
        self.warn_never_awaited();
        let alive: Vec<Rc<str>> = self
            .live_coroutines
            .iter()
            .filter_map(Weak::upgrade)
            .filter_map(|g| {
                let g = g.borrow();
                (g.kind == GenKind::Coroutine && !g.started && g.frame.is_some())
                    .then(|| g.qualname.clone())
            })
            .collect();
        for name in alive {
            let message = format!("coroutine '{name}' was never awaited");
            if self.warned.insert(format!("sys:1:{message}")) {
                self.write(
                    Stream::Stderr,
                    &format!("sys:1: RuntimeWarning: {message}\n"),
                );
            }
        }
    }
}
