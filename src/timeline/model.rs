//! A trace regrouped for drawing: one lane for the GIL, then one per thread (in thread id
//! order), each with its time spans in order.

use interleave_engine::trace::{ThreadId, ThreadState, Trace};

/// What a thread lane can show; every `ThreadState` maps to one (any `Blocked(_)` → `Blocked`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateKind {
    Running,
    WaitingForGil,
    Sleeping,
    Blocked,
}

impl StateKind {
    pub const ALL: [StateKind; 4] = [
        StateKind::Running,
        StateKind::WaitingForGil,
        StateKind::Sleeping,
        StateKind::Blocked,
    ];

    pub fn of(state: ThreadState) -> StateKind {
        match state {
            ThreadState::Running => StateKind::Running,
            ThreadState::WaitingForGil => StateKind::WaitingForGil,
            ThreadState::Sleeping => StateKind::Sleeping,
            ThreadState::Blocked(_) => StateKind::Blocked,
        }
    }

    /// The words the legend and tooltips use.
    pub fn label(self) -> &'static str {
        match self {
            StateKind::Running => "running",
            StateKind::WaitingForGil => "waiting for GIL",
            StateKind::Sleeping => "sleeping",
            StateKind::Blocked => "blocked",
        }
    }
}

/// How a span is coloured: a thread's state, or (GIL lane) the thread holding the GIL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fill {
    State(StateKind),
    Holder(ThreadId),
}

/// A half-open interval `[start_ns, end_ns)` of one lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start_ns: u64,
    pub end_ns: u64,
    pub fill: Fill,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneKind {
    Gil,
    Thread(ThreadId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub kind: LaneKind,
    pub label: String,
    /// Ordered by start, non-overlapping, no empty spans.
    pub spans: Vec<Span>,
}

/// The lanes of one trace, in drawing order (GIL first), and the GIL drop requests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineModel {
    pub lanes: Vec<Lane>,
    /// Times of the GIL drop requests, ordered.
    pub drop_requests_ns: Vec<u64>,
    /// The end of the time axis: the trace's end, or a later span end if a trace has one.
    pub end_ns: u64,
}

impl TimelineModel {
    pub fn new(trace: &Trace) -> TimelineModel {
        let mut lanes = Vec::with_capacity(trace.threads.len() + 1);
        let mut gil = Lane {
            kind: LaneKind::Gil,
            label: "GIL".into(),
            spans: Vec::new(),
        };
        gil.spans.extend(
            trace
                .gil
                .iter()
                .filter(|h| h.end_ns > h.start_ns)
                .map(|h| Span {
                    start_ns: h.start_ns,
                    end_ns: h.end_ns,
                    fill: Fill::Holder(h.holder),
                }),
        );
        lanes.push(gil);
        for (id, info) in trace.threads.iter().enumerate() {
            lanes.push(Lane {
                kind: LaneKind::Thread(id as ThreadId),
                label: info.name.clone(),
                spans: Vec::new(),
            });
        }
        for slice in &trace.slices {
            if slice.end_ns <= slice.start_ns {
                continue;
            }
            if let Some(lane) = lanes.get_mut(1 + slice.thread as usize) {
                lane.spans.push(Span {
                    start_ns: slice.start_ns,
                    end_ns: slice.end_ns,
                    fill: Fill::State(StateKind::of(slice.state)),
                });
            }
        }
        for lane in &mut lanes {
            // The trace promises order; sorting (stable, already-sorted is linear) keeps a
            // malformed trace from breaking the binary searches in `rects`.
            lane.spans.sort_by_key(|s| s.start_ns);
        }
        let mut drop_requests_ns: Vec<u64> =
            trace.gil_drop_requests.iter().map(|d| d.t_ns).collect();
        drop_requests_ns.sort_unstable();
        let last_span_end = lanes
            .iter()
            .filter_map(|l| l.spans.last())
            .map(|s| s.end_ns)
            .max()
            .unwrap_or(0);
        TimelineModel {
            lanes,
            drop_requests_ns,
            end_ns: trace.end_ns.max(last_span_end),
        }
    }

    /// The span of `lane` covering `t_ns`, if any.
    pub fn span_at(&self, lane: usize, t_ns: u64) -> Option<&Span> {
        let spans = &self.lanes.get(lane)?.spans;
        let i = spans.partition_point(|s| s.end_ns <= t_ns);
        spans.get(i).filter(|s| s.start_ns <= t_ns)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use interleave_engine::trace::{BlockedOn, GilDropRequest, GilHold, Slice, ThreadInfo};

    pub(crate) fn thread(
        name: &str,
        parent: Option<ThreadId>,
        start_ns: u64,
        end_ns: u64,
    ) -> ThreadInfo {
        ThreadInfo {
            name: name.into(),
            process: 0,
            daemon: false,
            parent,
            start_ns,
            end_ns: Some(end_ns),
        }
    }

    pub(crate) fn slice(thread: ThreadId, state: ThreadState, start_ns: u64, end_ns: u64) -> Slice {
        Slice {
            thread,
            state,
            start_ns,
            end_ns,
            line: 1,
            end_line: 1,
        }
    }

    /// Main starts a thread, the thread sleeps, main joins it.
    pub(crate) fn two_thread_trace() -> Trace {
        use ThreadState::*;
        Trace {
            filename: "main.py".into(),
            processes: Vec::new(),
            threads: vec![
                thread("MainThread", None, 0, 10_000),
                thread("Thread-1 (work)", Some(0), 1_000, 9_000),
            ],
            slices: vec![
                slice(0, Running, 0, 1_000),
                slice(0, Blocked(BlockedOn::Start(1)), 1_000, 2_000),
                slice(1, Running, 1_000, 2_000),
                slice(0, Running, 2_000, 3_000),
                slice(1, Sleeping, 2_000, 8_000),
                slice(0, Blocked(BlockedOn::Join(1)), 3_000, 9_000),
                slice(1, WaitingForGil, 8_000, 8_500),
                slice(1, Running, 8_500, 9_000),
                slice(0, Running, 9_000, 10_000),
            ],
            gil: vec![
                GilHold {
                    process: 0,
                    holder: 0,
                    start_ns: 0,
                    end_ns: 1_000,
                },
                GilHold {
                    process: 0,
                    holder: 1,
                    start_ns: 1_000,
                    end_ns: 2_000,
                },
                GilHold {
                    process: 0,
                    holder: 0,
                    start_ns: 2_000,
                    end_ns: 3_000,
                },
                GilHold {
                    process: 0,
                    holder: 1,
                    start_ns: 8_500,
                    end_ns: 9_000,
                },
                GilHold {
                    process: 0,
                    holder: 0,
                    start_ns: 9_000,
                    end_ns: 10_000,
                },
            ],
            gil_drop_requests: vec![GilDropRequest {
                t_ns: 1_500,
                requester: 0,
                holder: 1,
            }],
            outputs: vec![],
            end_ns: 10_000,
            steps: 100,
            outcome: Default::default(),
            ..Trace::default()
        }
    }

    #[test]
    fn lanes_are_gil_then_threads_in_id_order() {
        let model = TimelineModel::new(&two_thread_trace());
        let labels: Vec<&str> = model.lanes.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["GIL", "MainThread", "Thread-1 (work)"]);
        assert_eq!(model.lanes[0].kind, LaneKind::Gil);
        assert_eq!(model.lanes[2].kind, LaneKind::Thread(1));
        assert_eq!(model.lanes[0].spans.len(), 5);
        assert_eq!(model.lanes[1].spans.len(), 5);
        assert_eq!(model.lanes[2].spans.len(), 4);
        assert_eq!(
            model.lanes[1].spans[1].fill,
            Fill::State(StateKind::Blocked)
        );
        assert_eq!(model.lanes[0].spans[1].fill, Fill::Holder(1));
        assert_eq!(model.drop_requests_ns, [1_500]);
        assert_eq!(model.end_ns, 10_000);
    }

    #[test]
    fn span_at_finds_the_covering_span() {
        let model = TimelineModel::new(&two_thread_trace());
        assert_eq!(model.span_at(2, 500), None, "thread 1 not started yet");
        assert_eq!(
            model.span_at(2, 2_000).unwrap().fill,
            Fill::State(StateKind::Sleeping)
        );
        assert_eq!(
            model.span_at(2, 8_999).unwrap().fill,
            Fill::State(StateKind::Running)
        );
        assert_eq!(model.span_at(2, 9_000), None, "finished");
        assert_eq!(model.span_at(0, 5_000), None, "nobody holds the GIL");
        assert_eq!(model.span_at(7, 0), None);
    }

    #[test]
    fn empty_trace_has_only_the_gil_lane() {
        let model = TimelineModel::new(&Trace::default());
        assert_eq!(model.lanes.len(), 1);
        assert_eq!(model.end_ns, 0);
    }

    #[test]
    fn out_of_range_and_empty_slices_are_ignored() {
        let mut trace = two_thread_trace();
        trace.slices.push(slice(9, ThreadState::Running, 0, 5));
        trace
            .slices
            .push(slice(1, ThreadState::Running, 9_000, 9_000));
        let model = TimelineModel::new(&trace);
        assert_eq!(model.lanes.len(), 3);
        assert_eq!(model.lanes[2].spans.len(), 4);
    }
}
