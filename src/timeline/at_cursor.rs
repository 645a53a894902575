//! The run at one instant, in words: each thread's state, line and what it waits for, each
//! lock's holder and waiters, each asyncio task's state. What the inspector, the code pane's
//! line marks and the lane labels show at the playback cursor, backwards as well as forwards.

use super::model::{Fill, LaneKind, StateKind, TimelineModel};
use super::primitives;
use interleave_engine::trace::{BlockedOn, ThreadId, ThreadState, Trace};

/// Where a thread is at an instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadAt {
    pub thread: ThreadId,
    pub name: String,
    /// `data-state`: a [`StateKind::key`], or `not-started`.
    pub state: &'static str,
    /// Words for the state ("blocked on lock_a (held by Thread-2)").
    pub doing: String,
    /// The program line it is on (0 when not in the program's code or not alive).
    pub line: u32,
}

impl ThreadAt {
    pub fn alive(&self) -> bool {
        self.state != "not-started" && self.state != "finished"
    }
}

pub fn threads_at(trace: &Trace, model: &TimelineModel, t_ns: u64) -> Vec<ThreadAt> {
    let mut out = Vec::new();
    for (lane_index, lane) in model.lanes.iter().enumerate() {
        let LaneKind::Thread(thread) = lane.kind else {
            continue;
        };
        let span = model.span_at(lane_index, t_ns);
        let (state, doing, line) = match span {
            Some(span) => match (span.fill, trace.slices.get(span.detail as usize)) {
                (Fill::State(kind), Some(slice)) => {
                    let line = if t_ns >= slice.end_ns {
                        slice.end_line
                    } else {
                        slice.line
                    };
                    (
                        kind.key(),
                        describe_state(trace, model, slice.state, t_ns),
                        line,
                    )
                }
                (Fill::State(kind), None) => (kind.key(), kind.label().to_string(), 0),
                _ => ("finished", "finished".to_string(), 0),
            },
            None => match lane.spans.spans().first() {
                Some(first) if t_ns >= first.start_ns => {
                    ("finished", StateKind::Finished.label().to_string(), 0)
                }
                _ => ("not-started", "not started".to_string(), 0),
            },
        };
        let name = match trace.processes.get(lane.process as usize) {
            Some(p) if trace.processes.len() > 1 => format!("{} · {}", lane.label, p.name),
            _ => lane.label.clone(),
        };
        out.push(ThreadAt {
            thread,
            name,
            state,
            doing,
            line,
        });
    }
    out
}

/// "blocked on lock_a (held by Thread-2)", "waiting for the GIL (held by MainThread)".
pub fn describe_state(
    trace: &Trace,
    model: &TimelineModel,
    state: ThreadState,
    t_ns: u64,
) -> String {
    match state {
        ThreadState::Running => "running".into(),
        ThreadState::Sleeping => "sleeping (time.sleep)".into(),
        ThreadState::WaitingForGil => "waiting for the GIL".into(),
        ThreadState::Blocked(on) => match on {
            BlockedOn::Join(t) => {
                format!("in join(), waiting for {} to finish", model.thread_label(t))
            }
            BlockedOn::Start(t) => {
                format!("in start(), waiting for {} to begin", model.thread_label(t))
            }
            BlockedOn::Io => "writing to the terminal".into(),
            BlockedOn::Lock(id) => blocked_on_lock(trace, model, id, t_ns),
        },
    }
}

/// "blocked on lock_a (held by Thread-2)"; for the per-waiter lock of a `Condition.wait`
/// (what `Semaphore`, `Event`, `Queue` … wait in), the primitive the thread waits in.
fn blocked_on_lock(trace: &Trace, model: &TimelineModel, lock: u32, t_ns: u64) -> String {
    let info = trace.locks.iter().find(|l| l.id == lock);
    let primitive = info.and_then(|l| l.primitive);
    if let Some(p) = primitive {
        let name = &trace.primitives[p as usize].name;
        let holder = primitive_lane(model, p)
            .and_then(|lane| model.span_at(lane, t_ns))
            .and_then(|s| match s.fill {
                Fill::Holder(t) => Some(t),
                _ => None,
            });
        return match holder {
            Some(h) => format!("blocked on {name} (held by {})", model.thread_label(h)),
            None => format!("blocked on {name}"),
        };
    }
    // Which primitive lists this thread as a waiter now?
    let waiter = |thread: ThreadId| {
        model.lanes.iter().enumerate().find_map(|(lane, l)| {
            let LaneKind::Primitive(p) = l.kind else {
                return None;
            };
            let sample = primitives::sample_at(trace, model, lane, t_ns)?;
            sample.waiters.contains(&thread).then_some(p)
        })
    };
    let thread = trace
        .slices
        .iter()
        .find(|s| {
            s.start_ns <= t_ns
                && t_ns < s.end_ns
                && s.state == ThreadState::Blocked(BlockedOn::Lock(lock))
        })
        .map(|s| s.thread);
    match thread.and_then(waiter) {
        Some(p) => {
            let info = &trace.primitives[p as usize];
            format!(
                "waiting in {} ({})",
                info.name,
                primitives::kind_label(info)
            )
        }
        None => match info {
            Some(l) => format!("blocked on {}", l.name),
            // asyncio's selector waits on a lock of its own between steps.
            None if thread.is_some_and(|t| loop_running(model, t, t_ns)) => {
                "idle in its event loop, waiting for a timer or a callback".into()
            }
            None => format!("blocked on lock #{lock}"),
        },
    }
}

/// Whether `thread`'s asyncio event loop has stepped tasks before `t_ns` and steps one again
/// after it.
fn loop_running(model: &TimelineModel, thread: ThreadId, t_ns: u64) -> bool {
    model
        .lanes
        .iter()
        .find(|l| l.kind == LaneKind::EventLoop(thread))
        .is_some_and(|l| {
            let spans = l.spans.spans();
            spans.first().is_some_and(|s| s.start_ns <= t_ns)
                && spans.last().is_some_and(|s| s.end_ns >= t_ns)
        })
}

fn primitive_lane(model: &TimelineModel, primitive: u32) -> Option<usize> {
    model
        .lanes
        .iter()
        .position(|l| l.kind == LaneKind::Primitive(primitive))
}

/// A lock, semaphore, queue … at an instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrimitiveAt {
    pub name: String,
    /// "Semaphore(2)", "Queue(maxsize=3)".
    pub kind: String,
    /// "held by Thread-1", "1 of 2 permits left", "2 items: 'a', 'b'".
    pub state: String,
    /// Who waits in it (threads, or asyncio tasks).
    pub waiters: Vec<String>,
}

pub fn primitives_at(trace: &Trace, model: &TimelineModel, t_ns: u64) -> Vec<PrimitiveAt> {
    model
        .lanes
        .iter()
        .enumerate()
        .filter_map(|(lane, l)| match l.kind {
            LaneKind::Primitive(p) => Some((lane, trace.primitives.get(p as usize)?)),
            _ => None,
        })
        .map(|(lane, info)| {
            let sample = primitives::sample_at(trace, model, lane, t_ns);
            PrimitiveAt {
                name: info.name.clone(),
                kind: primitives::kind_label(info),
                state: primitives::describe(model, info, sample),
                waiters: sample
                    .map_or_else(Vec::new, |s| primitives::waiter_names(trace, model, s)),
            }
        })
        .collect()
}

/// An asyncio task at an instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskAt {
    pub name: String,
    /// `running`, `suspended` (at an `await`), `not-started`, `done`.
    pub state: &'static str,
    pub steps_so_far: u32,
}

pub fn tasks_at(trace: &Trace, t_ns: u64) -> Vec<TaskAt> {
    let mut first = vec![u64::MAX; trace.tasks.len()];
    let mut last = vec![0u64; trace.tasks.len()];
    let mut done = vec![0u32; trace.tasks.len()];
    let mut running = vec![false; trace.tasks.len()];
    for step in &trace.task_steps {
        let i = step.task as usize;
        if i >= trace.tasks.len() {
            continue;
        }
        first[i] = first[i].min(step.start_ns);
        last[i] = last[i].max(step.end_ns);
        if step.start_ns <= t_ns {
            done[i] += 1;
        }
        if step.start_ns <= t_ns && t_ns < step.end_ns {
            running[i] = true;
        }
    }
    let deadlocked = trace.deadlock.is_some();
    trace
        .tasks
        .iter()
        .enumerate()
        .map(|(i, task)| {
            let state = if running[i] {
                "running"
            } else if t_ns < first[i] {
                "not-started"
            } else if t_ns >= last[i] && !deadlocked {
                "done"
            } else {
                "suspended"
            };
            TaskAt {
                name: task.name.clone(),
                state,
                steps_so_far: done[i],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::tests::two_thread_trace;

    #[test]
    fn threads_in_words_at_several_instants() {
        let trace = two_thread_trace();
        let model = TimelineModel::new(&trace);
        let at = |t| threads_at(&trace, &model, t);
        assert_eq!(at(500)[1].state, "not-started");
        assert_eq!(
            at(1_500)[0].doing,
            "in start(), waiting for Thread-1 (work) to begin"
        );
        assert_eq!(at(5_000)[1].state, "sleeping");
        assert_eq!(
            at(5_000)[0].doing,
            "in join(), waiting for Thread-1 (work) to finish"
        );
        assert_eq!(at(8_200)[1].state, "waiting-for-gil");
        assert_eq!(at(9_500)[1].state, "finished");
        assert!(!at(9_500)[1].alive());
        assert!(at(9_500)[0].alive());
        assert_eq!(at(9_500)[0].line, 1);
    }

    #[test]
    fn tasks_follow_their_steps() {
        use interleave_engine::trace::{TaskInfo, TaskStep};
        let mut trace = two_thread_trace();
        trace.tasks = vec![TaskInfo {
            name: "Task-1".into(),
            thread: 0,
        }];
        trace.task_steps = vec![
            TaskStep {
                task: 0,
                start_ns: 100,
                end_ns: 200,
                ready: 0,
            },
            TaskStep {
                task: 0,
                start_ns: 500,
                end_ns: 600,
                ready: 0,
            },
        ];
        let states: Vec<&str> = [50, 150, 300, 700]
            .iter()
            .map(|&t| tasks_at(&trace, t)[0].state)
            .collect();
        assert_eq!(states, ["not-started", "running", "suspended", "done"]);
    }

    #[test]
    fn an_idle_event_loop_is_said_to_wait_for_a_timer() {
        let source = "import asyncio\n\nasync def main():\n    await asyncio.sleep(0.05)\n    print('woke')\n\nasyncio.run(main())\n";
        let trace = interleave_engine::run(source, &interleave_engine::RunOptions::default());
        let model = TimelineModel::new(&trace);
        let main = &threads_at(&trace, &model, 25_000_000)[0];
        assert_eq!(main.state, "blocked");
        assert_eq!(
            main.doing,
            "idle in its event loop, waiting for a timer or a callback"
        );
    }
}
