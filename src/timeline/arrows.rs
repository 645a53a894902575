//! Arrows between lanes: who handed a lock to whom, who started and who joined which
//! thread, which process's message reached which, and which asyncio task's step woke a task
//! awaiting it (usually along one event loop's lane).

use super::model::{Lane, LaneKind};
use interleave_engine::trace::{BlockedOn, LockEventKind, ThreadId, ThreadState, Trace};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArrowKind {
    /// A release let a waiting thread take the lock.
    HandOff,
    /// A release of a lock the program never named (the per-waiter lock of `Condition.wait`,
    /// `Event.wait`, `Queue.get`): a `notify`/`set`/`put` waking a waiter.
    Wake,
    /// `Thread.start()` → the new thread's first instruction.
    Start,
    /// A thread ended → the `join()` waiting for it returned.
    Join,
    /// A pickled message between processes.
    Message,
    /// An asyncio task's step completed what another task awaited, which then resumed.
    Await,
}

impl ArrowKind {
    /// A one-word key (the legend's `data-mark`, `#timeline[data-arrow-kinds]`).
    pub fn key(self) -> &'static str {
        match self {
            ArrowKind::HandOff => "hand-off",
            ArrowKind::Wake => "wake",
            ArrowKind::Start => "start",
            ArrowKind::Join => "join",
            ArrowKind::Message => "message",
            ArrowKind::Await => "await",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrow {
    pub from_lane: usize,
    pub from_ns: u64,
    pub to_lane: usize,
    pub to_ns: u64,
    pub kind: ArrowKind,
}

/// The index of each lane `pick` maps to a thread, by that thread.
fn lanes_by_thread(
    lanes: &[Lane],
    pick: impl Fn(LaneKind) -> Option<ThreadId>,
) -> HashMap<ThreadId, usize> {
    lanes
        .iter()
        .enumerate()
        .filter_map(|(i, l)| pick(l.kind).map(|t| (t, i)))
        .collect()
}

/// All arrows of `trace` between `lanes`, ordered by `from_ns`.
pub fn build_arrows(trace: &Trace, lanes: &[Lane]) -> Vec<Arrow> {
    let lane_of = lanes_by_thread(lanes, |kind| match kind {
        LaneKind::Thread(t) => Some(t),
        _ => None,
    });
    let mut arrows = Vec::new();
    let mut add = |from: ThreadId, from_ns: u64, to: ThreadId, to_ns: u64, kind: ArrowKind| {
        if let (Some(&from_lane), Some(&to_lane)) = (lane_of.get(&from), lane_of.get(&to)) {
            if from_lane != to_lane && to_ns >= from_ns {
                arrows.push(Arrow {
                    from_lane,
                    from_ns,
                    to_lane,
                    to_ns,
                    kind,
                });
            }
        }
    };
    for (child, info) in trace.threads.iter().enumerate() {
        if let Some(parent) = info.parent {
            add(
                parent,
                info.start_ns,
                child as ThreadId,
                info.start_ns,
                ArrowKind::Start,
            );
        }
    }
    for slice in &trace.slices {
        if let ThreadState::Blocked(BlockedOn::Join(target)) = slice.state {
            if let Some(end) = trace.threads.get(target as usize).and_then(|t| t.end_ns) {
                add(
                    target,
                    end,
                    slice.thread,
                    slice.end_ns.max(end),
                    ArrowKind::Join,
                );
            }
        }
    }
    // Locks the program created stand for themselves (a hand-off); the others are the
    // per-waiter locks `threading` uses inside `Condition.wait` and what is built on it.
    let unnamed: Vec<bool> = {
        let mut flags = Vec::new();
        for info in &trace.locks {
            let i = info.id as usize;
            if flags.len() <= i {
                flags.resize(i + 1, true);
            }
            flags[i] = info.primitive.is_none();
        }
        flags
    };
    // Per lock: the last release, and who is waiting.
    let mut last_release: HashMap<u32, (ThreadId, u64)> = HashMap::new();
    let mut waiting: HashSet<(u32, ThreadId)> = HashSet::new();
    for e in &trace.lock_events {
        match e.kind {
            LockEventKind::Release => {
                last_release.insert(e.lock, (e.thread, e.t_ns));
            }
            LockEventKind::Wait => {
                waiting.insert((e.lock, e.thread));
            }
            LockEventKind::Acquire => {
                if waiting.remove(&(e.lock, e.thread)) {
                    if let Some(&(from, t)) = last_release.get(&e.lock) {
                        let kind = if unnamed.get(e.lock as usize).copied().unwrap_or(true) {
                            ArrowKind::Wake
                        } else {
                            ArrowKind::HandOff
                        };
                        add(from, t, e.thread, e.t_ns, kind);
                    }
                }
            }
            LockEventKind::Wake => {}
        }
    }
    for transfer in &trace.transfers {
        if let Some(end) = transfer.received {
            add(
                transfer.from_thread,
                transfer.sent_ns,
                end.thread,
                end.t_ns,
                ArrowKind::Message,
            );
        }
    }
    // Task wake-ups go from the waker's event loop lane to the woken one's (the same lane
    // when one loop runs both).
    let loop_lane_of = lanes_by_thread(lanes, |kind| match kind {
        LaneKind::EventLoop(t) => Some(t),
        _ => None,
    });
    let task_lane = |task: u32| {
        trace
            .tasks
            .get(task as usize)
            .and_then(|t| loop_lane_of.get(&t.thread).copied())
    };
    for wake in &trace.task_wakes {
        if let (Some(from_lane), Some(to_lane)) =
            (task_lane(wake.from_task), task_lane(wake.to_task))
        {
            if wake.to_ns >= wake.from_ns {
                arrows.push(Arrow {
                    from_lane,
                    from_ns: wake.from_ns,
                    to_lane,
                    to_ns: wake.to_ns,
                    kind: ArrowKind::Await,
                });
            }
        }
    }
    arrows.sort_by_key(|a| (a.from_ns, a.to_ns));
    arrows
}

/// The arrows touching the window `[start_ns, end_ns]`, or `None` when there are more than
/// `limit` of them (too dense to read: the view says to zoom in).
pub fn arrows_in(
    arrows: &[Arrow],
    longest_ns: u64,
    start_ns: u64,
    end_ns: u64,
    limit: usize,
) -> Option<Vec<Arrow>> {
    let first = arrows.partition_point(|a| a.from_ns < start_ns.saturating_sub(longest_ns));
    let last = arrows.partition_point(|a| a.from_ns <= end_ns);
    if last.saturating_sub(first) > limit * 4 {
        return None;
    }
    let visible: Vec<Arrow> = arrows[first..last]
        .iter()
        .filter(|a| a.to_ns >= start_ns)
        .copied()
        .collect();
    (visible.len() <= limit).then_some(visible)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::tests::two_thread_trace;
    use crate::timeline::model::{Fill, TimelineModel};
    use interleave_engine::trace::{
        LockEvent, LockInfo, PrimitiveFamily, PrimitiveInfo, PrimitiveKind, PrimitiveSample,
        Transfer, TransferEnd,
    };

    fn event(t_ns: u64, thread: ThreadId, kind: LockEventKind) -> LockEvent {
        LockEvent {
            t_ns,
            lock: 0,
            thread,
            kind,
        }
    }

    #[test]
    fn a_release_to_a_waiter_is_a_hand_off() {
        let mut trace = two_thread_trace();
        trace.locks = vec![LockInfo {
            id: 0,
            name: "lock".into(),
            reentrant: false,
            primitive: Some(0),
        }];
        trace.primitives = vec![PrimitiveInfo {
            kind: PrimitiveKind::Lock,
            family: PrimitiveFamily::Threading,
            class_name: "lock".into(),
            name: "lock".into(),
            process: 0,
            thread: None,
            capacity: None,
            created_ns: 0,
            lock: Some(0),
        }];
        let sample = |t_ns, owner, waiters: Vec<u32>| PrimitiveSample {
            t_ns,
            primitive: 0,
            owner,
            value: owner.is_some() as i64,
            waiters,
            waiting_tasks: vec![],
            items: vec![],
        };
        trace.primitive_samples = vec![
            sample(0, None, vec![]),
            sample(1_100, Some(1), vec![]),
            sample(2_100, Some(1), vec![0]),
            sample(8_600, None, vec![0]),
            sample(9_000, Some(0), vec![]),
        ];
        trace.lock_events = vec![
            event(1_100, 1, LockEventKind::Acquire),
            event(2_100, 0, LockEventKind::Wait),
            event(8_600, 1, LockEventKind::Release),
            event(9_000, 0, LockEventKind::Acquire),
        ];
        let model = TimelineModel::new(&trace);
        let hand_offs: Vec<&Arrow> = model
            .arrows
            .iter()
            .filter(|a| a.kind == ArrowKind::HandOff)
            .collect();
        assert_eq!(hand_offs.len(), 1);
        assert_eq!((hand_offs[0].from_ns, hand_offs[0].to_ns), (8_600, 9_000));
        assert_eq!(model.lanes[hand_offs[0].from_lane].label, "Thread-1 (work)");
        assert_eq!(model.lanes[hand_offs[0].to_lane].label, "MainThread");
        // The lock has its own lane: held by Thread-1, free a moment, then held by MainThread;
        // one waiter between.
        let lane = model
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Primitive(0))
            .unwrap();
        let fills: Vec<Fill> = lane.spans.spans().iter().map(|s| s.fill).collect();
        assert_eq!(fills, [Fill::Holder(1), Fill::Holder(0)]);
        assert_eq!(lane.counts.at(5_000), 1);
        assert_eq!(lane.counts.at(9_000), 0);
    }

    #[test]
    fn messages_between_processes() {
        let mut trace = two_thread_trace();
        trace.transfers = vec![Transfer {
            from_thread: 0,
            from_process: 0,
            sent_ns: 2_500,
            received: Some(TransferEnd {
                thread: 1,
                process: 0,
                t_ns: 8_700,
            }),
            bytes: 20,
        }];
        let model = TimelineModel::new(&trace);
        assert!(model
            .arrows
            .iter()
            .any(|a| a.kind == ArrowKind::Message && a.from_ns == 2_500 && a.to_ns == 8_700));
    }

    #[test]
    fn window_query_skips_far_arrows_and_refuses_dense_ones() {
        let arrows: Vec<Arrow> = (0..1_000)
            .map(|i| Arrow {
                from_lane: 0,
                from_ns: i * 10,
                to_lane: 1,
                to_ns: i * 10 + 5,
                kind: ArrowKind::HandOff,
            })
            .collect();
        let some = arrows_in(&arrows, 5, 100, 200, 50).unwrap();
        assert_eq!(some.len(), 11);
        assert!(arrows_in(&arrows, 5, 0, 10_000, 50).is_none());
    }

    #[test]
    fn a_task_woken_by_another_gets_an_await_arrow_along_its_loop_lane() {
        let source = "import asyncio\n\nasync def job(n):\n    await asyncio.sleep(0.01 * n)\n    return n\n\nasync def main():\n    first = asyncio.create_task(job(1))\n    print(await first)\n    print(await asyncio.gather(job(2), job(1)))\n\nasyncio.run(main())\n";
        let trace = interleave_engine::run(source, &interleave_engine::RunOptions::default());
        assert_eq!(trace.stdout(), "1\n[2, 1]\n");
        let model = TimelineModel::new(&trace);
        let loop_lane = model
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::EventLoop(0))
            .expect("the main thread runs a loop");
        let awaits: Vec<(usize, u64, usize, u64)> = model
            .arrows
            .iter()
            .filter(|a| a.kind == ArrowKind::Await)
            .map(|a| (a.from_lane, a.from_ns, a.to_lane, a.to_ns))
            .collect();
        let expected: Vec<(usize, u64, usize, u64)> = trace
            .task_wakes
            .iter()
            .map(|w| (loop_lane, w.from_ns, loop_lane, w.to_ns))
            .collect();
        // `await first`, then gather's last child (job(2)) waking main.
        assert_eq!(expected.len(), 2);
        assert_eq!(awaits, expected);
    }
}
