//! [`Log`]: the append-only lists a run records into (slices, GIL holds, samples …), whose
//! copies are cheap: full chunks are frozen and shared between copies, so copying a run for a
//! checkpoint copies only the newest entries, not the whole history.

use std::rc::Rc;

/// Entries per frozen chunk.
const CHUNK: usize = 1024;

#[derive(Debug)]
pub struct Log<T> {
    /// Full chunks of `CHUNK` entries, oldest first.
    frozen: Vec<Rc<Vec<T>>>,
    /// The newest entries (fewer than `CHUNK`).
    tail: Vec<T>,
}

impl<T> Default for Log<T> {
    fn default() -> Self {
        Log {
            frozen: Vec::new(),
            tail: Vec::new(),
        }
    }
}

impl<T: Clone> Clone for Log<T> {
    fn clone(&self) -> Self {
        Log {
            frozen: self.frozen.clone(),
            tail: self.tail.clone(),
        }
    }
}

impl<T: Clone> Log<T> {
    pub fn push(&mut self, entry: T) {
        self.tail.push(entry);
        if self.tail.len() == CHUNK {
            let full = std::mem::replace(&mut self.tail, Vec::with_capacity(CHUNK));
            self.frozen.push(Rc::new(full));
        }
    }

    pub fn len(&self) -> usize {
        self.frozen.len() * CHUNK + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, index: usize) -> Option<&T> {
        match self.frozen.get(index / CHUNK) {
            Some(chunk) => chunk.get(index % CHUNK),
            None => self.tail.get(index - self.frozen.len() * CHUNK),
        }
    }

    /// The entry at `index`, to change in place (a frozen chunk shared with a copy is copied
    /// first).
    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        let frozen = self.frozen.len() * CHUNK;
        match self.frozen.get_mut(index / CHUNK) {
            Some(chunk) => Rc::make_mut(chunk).get_mut(index % CHUNK),
            None => self.tail.get_mut(index - frozen),
        }
    }

    /// The entries as one list.
    pub fn to_vec(&self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len());
        for chunk in &self.frozen {
            out.extend_from_slice(chunk);
        }
        out.extend_from_slice(&self.tail);
        out
    }

    /// Roughly how many bytes a copy of this log adds (its tail; the frozen chunks are
    /// shared).
    pub fn unshared_bytes(&self) -> usize {
        std::mem::size_of_val(self.tail.as_slice()) + self.frozen.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_is_a_list_and_copies_share_frozen_chunks() {
        let mut log = Log::default();
        for i in 0..(3 * CHUNK + 5) {
            log.push(i);
        }
        assert_eq!(log.len(), 3 * CHUNK + 5);
        assert_eq!(log.to_vec(), (0..3 * CHUNK + 5).collect::<Vec<_>>());
        assert_eq!(log.get(CHUNK + 7), Some(&(CHUNK + 7)));
        assert_eq!(log.get(3 * CHUNK + 4), Some(&(3 * CHUNK + 4)));
        assert_eq!(log.get(3 * CHUNK + 5), None);
        let copy = log.clone();
        assert!(Rc::ptr_eq(&copy.frozen[1], &log.frozen[1]));
        *log.get_mut(CHUNK + 7).unwrap() = 0;
        *log.get_mut(3 * CHUNK).unwrap() = 0;
        assert_eq!(log.get(CHUNK + 7), Some(&0));
        assert_eq!(
            copy.get(CHUNK + 7),
            Some(&(CHUNK + 7)),
            "the copy is untouched"
        );
        assert_eq!(copy.get(3 * CHUNK), Some(&(3 * CHUNK)));
        assert!(Rc::ptr_eq(&copy.frozen[0], &log.frozen[0]));
        assert!(!Rc::ptr_eq(&copy.frozen[1], &log.frozen[1]));
    }
}
