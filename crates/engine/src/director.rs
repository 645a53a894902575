//! Directed runs: who picks the next thread at each point where CPython could switch threads,
//! instead of the simulated OS and GIL. Either the user, one pick at a time ("you are the
//! scheduler"), or PCT, the randomised priority scheduler that finds a bug of depth `d` among
//! `n` threads and `k` decisions with probability at least 1/(n·k^(d-1)) per run (Burckhardt,
//! Kothari, Musuvathi, Nagarakatte: "A Randomized Scheduler with Probabilistic Guarantees of
//! Finding Bugs", ASPLOS 2010). This module only decides; `vm/directed.rs` asks it where the
//! interpreter could switch.

use crate::rng::Rng;
use crate::trace::ThreadId;
use serde::{Deserialize, Serialize};

/// Who directs a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Director {
    /// The user: the i-th decision runs `picks[i]` (a thread id that must be one of that
    /// decision's options); at the decision after the last pick the run pauses, and the trace
    /// says who could run ([`crate::trace::PendingDecision`]). Decisions come at most once per
    /// line a thread reaches (and per loop iteration), so one pick is one step of the program.
    Picks(Vec<ThreadId>),
    /// PCT: each thread gets a random priority, the highest-priority thread that can run
    /// runs, and at `depth - 1` decisions drawn from the first `span` the running thread drops
    /// below every other. Every switch point is a decision.
    Pct { seed: u64, depth: u32, span: u64 },
}

/// Where a directed run offers decisions between switch points of the running thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// At the first switch point on each new line, and at each loop iteration.
    Line,
    /// At every switch point.
    SwitchPoint,
}

/// What a decision came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Run(ThreadId),
    /// No pick left: the run stops here.
    Pause,
}

/// A directed run's state: copied with the scheduler, so a checkpoint decides as the run did.
#[derive(Clone, Debug)]
pub struct DirectorState {
    director: Director,
    taken: u64,
    /// PCT: priority by thread id, given when a thread is first an option.
    priorities: Vec<Option<u64>>,
    /// PCT: decision indices where the running thread's priority drops, ascending.
    change_points: Vec<u64>,
    rng: Rng,
    /// A switch chose this thread: it takes the GIL next, without another decision.
    pub pending_grant: Option<ThreadId>,
    /// Per thread: the line it was on at its last decision.
    last_line: Vec<Option<u32>>,
    /// The thread that held the GIL last (a PCT change point lowers it).
    pub last_runner: Option<ThreadId>,
}

impl DirectorState {
    pub fn new(director: &Director) -> DirectorState {
        let mut rng = Rng::new(match director {
            Director::Pct { seed, .. } => *seed,
            Director::Picks(_) => 0,
        });
        let change_points = match director {
            Director::Pct { depth, span, .. } => {
                let mut points: Vec<u64> = (1..*depth)
                    .map(|_| rng.next_u64() % (*span).max(1))
                    .collect();
                points.sort_unstable();
                points
            }
            Director::Picks(_) => Vec::new(),
        };
        DirectorState {
            director: director.clone(),
            taken: 0,
            priorities: Vec::new(),
            change_points,
            rng,
            pending_grant: None,
            last_line: Vec::new(),
            last_runner: None,
        }
    }

    pub fn granularity(&self) -> Granularity {
        match self.director {
            Director::Picks(_) => Granularity::Line,
            Director::Pct { .. } => Granularity::SwitchPoint,
        }
    }

    /// Decisions taken so far.
    pub fn taken(&self) -> u64 {
        self.taken
    }

    /// Whether a switch point of `thread`, about to run `line`, offers a decision.
    pub fn offers_at(&self, thread: ThreadId, line: u32, loop_iteration: bool) -> bool {
        match self.granularity() {
            Granularity::SwitchPoint => true,
            Granularity::Line => {
                loop_iteration || self.last_line.get(thread as usize) != Some(&Some(line))
            }
        }
    }

    /// Remembers where `thread` was when it was last part of a decision.
    pub fn seen_at(&mut self, thread: ThreadId, line: u32) {
        let i = thread as usize;
        if self.last_line.len() <= i {
            self.last_line.resize(i + 1, None);
        }
        self.last_line[i] = Some(line);
    }

    /// Decides which of `options` (ascending, at least two) runs next; `running` is the
    /// thread that ran until now (it is the one whose priority a PCT change point lowers).
    pub fn decide(&mut self, options: &[ThreadId], running: Option<ThreadId>) -> Verdict {
        let index = self.taken;
        let verdict = match &self.director {
            Director::Picks(picks) => match picks.get(index as usize) {
                Some(p) if options.contains(p) => Verdict::Run(*p),
                // A pick that is not an option (a stale link): the first option instead.
                Some(_) => Verdict::Run(options[0]),
                None => return Verdict::Pause,
            },
            Director::Pct { depth, .. } => {
                let depth = u64::from(*depth);
                for &t in options {
                    self.priority_of(t, depth);
                }
                if let (Some(r), Some(k)) =
                    (running, self.change_points.iter().position(|&c| c == index))
                {
                    // The k-th change point: below every initial priority (all ≥ depth).
                    self.priority_of(r, depth);
                    self.priorities[r as usize] = Some(k as u64 + 1);
                }
                let best = options
                    .iter()
                    .copied()
                    .max_by_key(|t| (self.priorities[*t as usize], std::cmp::Reverse(*t)));
                Verdict::Run(best.expect("a decision has options"))
            }
        };
        self.taken += 1;
        verdict
    }

    fn priority_of(&mut self, thread: ThreadId, depth: u64) -> u64 {
        let i = thread as usize;
        if self.priorities.len() <= i {
            self.priorities.resize(i + 1, None);
        }
        if self.priorities[i].is_none() {
            self.priorities[i] = Some(depth + 1 + (self.rng.next_u64() >> 16));
        }
        self.priorities[i].unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_run_in_order_then_pause() {
        let mut d = DirectorState::new(&Director::Picks(vec![2, 1]));
        assert_eq!(d.decide(&[1, 2], Some(1)), Verdict::Run(2));
        assert_eq!(d.decide(&[1, 2], Some(2)), Verdict::Run(1));
        assert_eq!(d.decide(&[1, 2], Some(1)), Verdict::Pause);
        assert_eq!(d.taken(), 2);
    }

    #[test]
    fn a_pick_that_is_not_an_option_runs_the_first_option() {
        let mut d = DirectorState::new(&Director::Picks(vec![7]));
        assert_eq!(d.decide(&[1, 3], None), Verdict::Run(1));
    }

    #[test]
    fn line_granularity_offers_once_per_line_and_at_every_loop_iteration() {
        let mut d = DirectorState::new(&Director::Picks(vec![]));
        assert!(d.offers_at(1, 4, false));
        d.seen_at(1, 4);
        assert!(!d.offers_at(1, 4, false));
        assert!(d.offers_at(1, 4, true));
        assert!(d.offers_at(1, 5, false));
        assert!(d.offers_at(2, 4, false));
    }

    #[test]
    fn pct_without_change_points_always_runs_the_same_thread_first() {
        let mut d = DirectorState::new(&Director::Pct {
            seed: 3,
            depth: 1,
            span: 100,
        });
        let first = d.decide(&[1, 2], Some(1));
        for _ in 0..50 {
            assert_eq!(d.decide(&[1, 2], Some(1)), first);
        }
    }

    #[test]
    fn pct_change_point_lowers_the_running_thread() {
        // depth 2, span 1: the one change point is decision 0.
        let mut d = DirectorState::new(&Director::Pct {
            seed: 9,
            depth: 2,
            span: 1,
        });
        let Verdict::Run(other) = d.decide(&[1, 2], Some(1)) else {
            panic!("PCT never pauses")
        };
        assert_eq!(other, 2, "thread 1 dropped below thread 2");
        assert_eq!(d.decide(&[1, 2], Some(2)), Verdict::Run(2));
    }

    #[test]
    fn pct_seeds_differ() {
        let firsts: std::collections::HashSet<_> = (0..32)
            .map(|seed| {
                let mut d = DirectorState::new(&Director::Pct {
                    seed,
                    depth: 1,
                    span: 10,
                });
                d.decide(&[1, 2, 3], None)
            })
            .collect();
        assert!(firsts.len() > 1);
    }
}
