//! The wait-for graph at an instant, for the deadlock explorer: threads and locks as nodes;
//! edges for a thread holding a lock, a thread waiting for a lock, and a thread joining
//! another; the edges of a wait-for cycle (a deadlock closing) marked. Read from the trace's
//! lock events (who holds what) and thread slices (who waits for what).

use interleave_engine::trace::{BlockedOn, LockEventKind, ThreadState, Trace};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Thread,
    Lock,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// The thread's or lock's id.
    pub id: u32,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// lock → thread: the lock is held by the thread.
    HeldBy,
    /// thread → lock: the thread waits to acquire it.
    WaitsFor,
    /// thread → thread: the first waits in `join()` for the second.
    Joins,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Indices into [`WaitGraph::nodes`].
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// On a wait-for cycle.
    pub in_cycle: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WaitGraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl WaitGraph {
    pub fn has_cycle(&self) -> bool {
        self.edges.iter().any(|e| e.in_cycle)
    }

    fn node(&mut self, kind: NodeKind, id: u32, label: impl FnOnce() -> String) -> usize {
        match self.nodes.iter().position(|n| n.kind == kind && n.id == id) {
            Some(i) => i,
            None => {
                self.nodes.push(Node {
                    kind,
                    id,
                    label: label(),
                });
                self.nodes.len() - 1
            }
        }
    }
}

/// The graph at `t_ns`: only locks someone waits for (and their holders) and joins.
pub fn wait_graph(trace: &Trace, t_ns: u64) -> WaitGraph {
    let thread_name = |t: u32| {
        trace
            .threads
            .get(t as usize)
            .map_or_else(|| format!("thread {t}"), |i| i.name.clone())
    };
    let lock_name = |l: u32| {
        trace
            .locks
            .iter()
            .find(|i| i.id == l)
            .map_or_else(|| format!("lock #{l}"), |i| i.name.clone())
    };
    // Who holds each lock at t (re-entrant holds counted), and who waits for one: from a
    // thread's `Wait` on it until it acquires it.
    let mut holds: Vec<(u32, u32, u32)> = Vec::new(); // (lock, thread, depth)
    let mut waits: Vec<(u32, BlockedOn)> = Vec::new();
    for e in trace.lock_events.iter().take_while(|e| e.t_ns <= t_ns) {
        let at = holds.iter().position(|h| h.0 == e.lock);
        match (e.kind, at) {
            (LockEventKind::Acquire, Some(i)) if holds[i].1 == e.thread => holds[i].2 += 1,
            (LockEventKind::Acquire, Some(i)) => holds[i] = (e.lock, e.thread, 1),
            (LockEventKind::Acquire, None) => holds.push((e.lock, e.thread, 1)),
            (LockEventKind::Release, Some(i)) => {
                holds[i].2 -= 1;
                if holds[i].2 == 0 {
                    holds.remove(i);
                }
            }
            _ => {}
        }
        match e.kind {
            LockEventKind::Wait => {
                waits.retain(|w| w.0 != e.thread);
                waits.push((e.thread, BlockedOn::Lock(e.lock)));
            }
            LockEventKind::Acquire => waits.retain(|w| w.0 != e.thread),
            _ => {}
        }
    }
    let holder = |l: u32| holds.iter().find(|h| h.0 == l).map(|h| h.1);
    // Joins, from the thread slices; a run that ends in a deadlock stays blocked at its end.
    let deadlocked = trace.deadlock.as_ref().is_some_and(|d| t_ns >= d.t_ns);
    for s in &trace.slices {
        let covers =
            s.start_ns <= t_ns && (t_ns < s.end_ns || (deadlocked && s.end_ns == trace.end_ns));
        if let (true, ThreadState::Blocked(on @ BlockedOn::Join(_))) = (covers, s.state) {
            if !waits.iter().any(|w| w.0 == s.thread) {
                waits.push((s.thread, on));
            }
        }
    }
    waits.sort_by_key(|w| w.0);
    let mut g = WaitGraph::default();
    // Thread → thread "waits for" relation, to find the cycle.
    let mut waits_on_thread: Vec<(u32, u32)> = Vec::new();
    for (t, on) in waits {
        match on {
            BlockedOn::Lock(l) => {
                let h = holder(l);
                // Waiting for a lock one holds oneself is a Condition's wait, not a cycle.
                if h == Some(t) {
                    continue;
                }
                let tn = g.node(NodeKind::Thread, t, || thread_name(t));
                let ln = g.node(NodeKind::Lock, l, || lock_name(l));
                g.edges.push(Edge {
                    from: tn,
                    to: ln,
                    kind: EdgeKind::WaitsFor,
                    in_cycle: false,
                });
                if let Some(h) = h {
                    let hn = g.node(NodeKind::Thread, h, || thread_name(h));
                    g.edges.push(Edge {
                        from: ln,
                        to: hn,
                        kind: EdgeKind::HeldBy,
                        in_cycle: false,
                    });
                    waits_on_thread.push((t, h));
                }
            }
            BlockedOn::Join(other) => {
                let tn = g.node(NodeKind::Thread, t, || thread_name(t));
                let on = g.node(NodeKind::Thread, other, || thread_name(other));
                g.edges.push(Edge {
                    from: tn,
                    to: on,
                    kind: EdgeKind::Joins,
                    in_cycle: false,
                });
                waits_on_thread.push((t, other));
            }
            _ => {}
        }
    }
    // Threads on a cycle of the thread → thread relation.
    let on_cycle = |start: u32| {
        let mut at = start;
        for _ in 0..=waits_on_thread.len() {
            match waits_on_thread.iter().find(|w| w.0 == at) {
                Some(&(_, next)) if next == start => return true,
                Some(&(_, next)) => at = next,
                None => return false,
            }
        }
        false
    };
    let cyclic: Vec<u32> = waits_on_thread
        .iter()
        .map(|w| w.0)
        .filter(|&t| on_cycle(t))
        .collect();
    for e in &mut g.edges {
        let thread_of = |i: usize| (g.nodes[i].kind == NodeKind::Thread).then_some(g.nodes[i].id);
        e.in_cycle = match e.kind {
            EdgeKind::WaitsFor | EdgeKind::Joins => {
                thread_of(e.from).is_some_and(|t| cyclic.contains(&t))
            }
            EdgeKind::HeldBy => thread_of(e.to).is_some_and(|t| cyclic.contains(&t)),
        };
    }
    // A held-by edge is on the cycle only if a cyclic thread waits for that lock.
    let waited_by_cycle: Vec<usize> = g
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::WaitsFor && e.in_cycle)
        .map(|e| e.to)
        .collect();
    for e in &mut g.edges {
        if e.kind == EdgeKind::HeldBy {
            e.in_cycle &= waited_by_cycle.contains(&e.from);
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use interleave_engine::{run, RunOptions};

    const TWO_LOCKS: &str = "import threading, time\nlock_a = threading.Lock()\nlock_b = threading.Lock()\ndef task_a():\n    with lock_a:\n        time.sleep(0.1)\n        with lock_b:\n            pass\ndef task_b():\n    with lock_b:\n        time.sleep(0.1)\n        with lock_a:\n            pass\nt1 = threading.Thread(target=task_a)\nt2 = threading.Thread(target=task_b)\nt1.start(); t2.start()\nt1.join(); t2.join()\n";

    fn labels(g: &WaitGraph, kind: EdgeKind) -> Vec<(String, String, bool)> {
        g.edges
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| {
                (
                    g.nodes[e.from].label.clone(),
                    g.nodes[e.to].label.clone(),
                    e.in_cycle,
                )
            })
            .collect()
    }

    #[test]
    fn the_deadlock_cycle_closes_and_is_marked() {
        let trace = run(TWO_LOCKS, &RunOptions::default());
        let end = trace.deadlock.as_ref().expect("deadlocks").t_ns;
        let g = wait_graph(&trace, end);
        assert!(g.has_cycle());
        assert_eq!(
            labels(&g, EdgeKind::WaitsFor),
            [
                ("Thread-1 (task_a)".into(), "lock_b".into(), true),
                ("Thread-2 (task_b)".into(), "lock_a".into(), true)
            ]
        );
        let held: Vec<_> = labels(&g, EdgeKind::HeldBy);
        assert!(held.contains(&("lock_a".into(), "Thread-1 (task_a)".into(), true)));
        assert!(held.contains(&("lock_b".into(), "Thread-2 (task_b)".into(), true)));
        // MainThread joins Thread-1, which is not part of the cycle.
        assert_eq!(
            labels(&g, EdgeKind::Joins),
            [("MainThread".into(), "Thread-1 (task_a)".into(), false)]
        );
    }

    #[test]
    fn before_the_deadlock_nobody_waits_for_a_lock() {
        let trace = run(TWO_LOCKS, &RunOptions::default());
        // 50 ms in: each task holds its first lock and sleeps.
        let g = wait_graph(&trace, 50_000_000);
        assert!(!g.has_cycle());
        assert!(labels(&g, EdgeKind::WaitsFor).is_empty());
    }
}
