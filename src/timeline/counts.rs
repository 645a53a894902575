//! A count that changes over time (threads waiting for a GIL or a lock, callbacks in an
//! event loop's ready queue), stored as its change points so the value at any instant is one
//! binary search away.

/// A step function of time: `changes[i] = (t_ns, value from t_ns on)`, ordered by time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepCounts {
    changes: Vec<(u64, u32)>,
    /// The largest value ever reached, kept so a frame never scans the changes.
    max: u32,
}

impl StepCounts {
    /// From `(t_ns, delta)` pairs in any order (deltas at one instant are summed first, so a
    /// thread leaving and another arriving at the same time never dips below zero).
    pub fn from_deltas(mut deltas: Vec<(u64, i64)>) -> StepCounts {
        deltas.sort_by_key(|d| d.0);
        let mut changes: Vec<(u64, u32)> = Vec::new();
        let mut value: i64 = 0;
        let mut i = 0;
        while i < deltas.len() {
            let t = deltas[i].0;
            while i < deltas.len() && deltas[i].0 == t {
                value += deltas[i].1;
                i += 1;
            }
            Self::push(&mut changes, t, value.max(0) as u32);
        }
        Self::with_max(changes)
    }

    /// From values set at instants (`(t_ns, value)`, ordered by time).
    pub fn from_levels(levels: impl IntoIterator<Item = (u64, u32)>) -> StepCounts {
        let mut changes = Vec::new();
        for (t, v) in levels {
            Self::push(&mut changes, t, v);
        }
        Self::with_max(changes)
    }

    fn with_max(changes: Vec<(u64, u32)>) -> StepCounts {
        let max = changes.iter().map(|c| c.1).max().unwrap_or(0);
        StepCounts { changes, max }
    }

    fn push(changes: &mut Vec<(u64, u32)>, t: u64, value: u32) {
        match changes.last_mut() {
            Some(last) if last.0 == t => last.1 = value,
            Some(last) if last.1 == value => {}
            None if value == 0 => {}
            _ => changes.push((t, value)),
        }
    }

    /// The value at `t_ns` (0 before the first change).
    pub fn at(&self, t_ns: u64) -> u32 {
        let i = self.changes.partition_point(|c| c.0 <= t_ns);
        i.checked_sub(1).map_or(0, |i| self.changes[i].1)
    }

    /// The values at increasing times, in one pass: a search that gallops forward from the
    /// previous answer, so sampling a window column by column costs O(columns × log(changes
    /// per column)) rather than a full binary search each time.
    pub fn at_increasing(&self, times: impl Iterator<Item = u64>) -> Vec<u32> {
        let mut out = Vec::new();
        let mut i = 0usize; // changes[..i] are at or before the last time asked
        for t in times {
            // Gallop: find a bound past t, then binary-search inside it.
            let mut step = 1;
            let mut hi = i;
            while hi < self.changes.len() && self.changes[hi].0 <= t {
                i = hi + 1;
                hi += step;
                step *= 2;
            }
            let hi = hi.min(self.changes.len());
            i += self.changes[i..hi].partition_point(|c| c.0 <= t);
            out.push(i.checked_sub(1).map_or(0, |k| self.changes[k].1));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.max == 0
    }

    /// The largest value ever reached.
    pub fn max(&self) -> u32 {
        self.max
    }

    /// The largest value within `[start_ns, end_ns)`: one binary search, then the changes
    /// inside (callers ask per pixel column, where there are few).
    pub fn max_in(&self, start_ns: u64, end_ns: u64) -> u32 {
        let mut best = self.at(start_ns);
        let first = self.changes.partition_point(|c| c.0 <= start_ns);
        for &(t, v) in &self.changes[first..] {
            if t >= end_ns {
                break;
            }
            best = best.max(v);
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_at_one_instant_are_netted() {
        let c = StepCounts::from_deltas(vec![(10, 1), (20, 1), (30, -1), (30, 1), (40, -2)]);
        assert_eq!(c.at(0), 0);
        assert_eq!(c.at(10), 1);
        assert_eq!(c.at(25), 2);
        assert_eq!(c.at(30), 2);
        assert_eq!(c.at(45), 0);
        assert_eq!(c.max(), 2);
        assert_eq!(c.max_in(0, 15), 1);
        assert_eq!(c.max_in(21, 35), 2);
        let times = [0, 5, 10, 15, 20, 29, 30, 31, 40, 41, 1_000];
        let one_by_one: Vec<u32> = times.iter().map(|&t| c.at(t)).collect();
        assert_eq!(c.at_increasing(times.into_iter()), one_by_one);
        assert!(!c.is_empty());
        assert!(StepCounts::default().is_empty());
    }

    #[test]
    fn levels_keep_only_changes() {
        let c = StepCounts::from_levels([(5, 3), (6, 3), (7, 0)]);
        assert_eq!(c.at(4), 0);
        assert_eq!(c.at(6), 3);
        assert_eq!(c.at(7), 0);
        assert_eq!(c.changes.len(), 2);
    }
}
