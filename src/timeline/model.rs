//! A trace regrouped for drawing: lanes grouped per process — a header when there are several
//! processes, the process's GIL, each of its threads (followed by the thread's event loop when
//! it ran asyncio), then the primitives it used — each lane with its spans in time order, plus
//! the arrows between lanes and the instants playback can step to.

use super::arrows::{build_arrows, Arrow};
use super::counts::StepCounts;
use super::lanes::{gil_lane, loop_lane, slices_by_thread, thread_lane};
use super::lod::LodLane;
use super::primitives::primitive_lanes;
use interleave_engine::trace::{ProcessId, ThreadId, ThreadState, Trace};

/// What a thread lane can show; every `ThreadState` maps to one (any `Blocked(_)` → `Blocked`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateKind {
    Running,
    WaitingForGil,
    Sleeping,
    Blocked,
    /// After the thread ended (drawn as a thin band to the end of the run).
    Finished,
}

impl StateKind {
    pub const ALL: [StateKind; 5] = [
        StateKind::Running,
        StateKind::WaitingForGil,
        StateKind::Sleeping,
        StateKind::Blocked,
        StateKind::Finished,
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
            StateKind::Finished => "finished",
        }
    }

    /// The `data-state` value (lane labels, legend, tests).
    pub fn key(self) -> &'static str {
        match self {
            StateKind::Running => "running",
            StateKind::WaitingForGil => "waiting-for-gil",
            StateKind::Sleeping => "sleeping",
            StateKind::Blocked => "blocked",
            StateKind::Finished => "finished",
        }
    }
}

/// How a span is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fill {
    /// A thread lane: the thread's state.
    State(StateKind),
    /// A GIL or lock lane: the holding thread (in its identity colour).
    Holder(ThreadId),
    /// An event-loop lane: the loop stepping this task (index into `Trace::tasks`).
    Task(u32),
    /// A primitive lane: not owned, but holding something (permits, items, set).
    Level,
    /// A primitive lane: empty (no permits, no items, not set).
    Empty,
}

/// A half-open interval `[start_ns, end_ns)` of one lane. `detail` is the lane kind's own
/// index for what the span stands for: the trace slice (thread lanes), the task step (loop
/// lanes), the primitive sample (primitive lanes); `u32::MAX` when none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start_ns: u64,
    pub end_ns: u64,
    pub fill: Fill,
    pub detail: u32,
}

impl Span {
    pub fn new(start_ns: u64, end_ns: u64, fill: Fill) -> Span {
        Span {
            start_ns,
            end_ns,
            fill,
            detail: u32::MAX,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneKind {
    /// The title row of a process (only when the run had several).
    Process(ProcessId),
    Gil(ProcessId),
    Thread(ThreadId),
    /// The asyncio event loop running on that thread.
    EventLoop(ThreadId),
    /// A lock, semaphore, event, condition, queue or barrier (index into the model's
    /// `primitives`).
    Primitive(u32),
}

impl LaneKind {
    /// The `data-lane` value.
    pub fn key(self) -> &'static str {
        match self {
            LaneKind::Process(_) => "process",
            LaneKind::Gil(_) => "gil",
            LaneKind::Thread(_) => "thread",
            LaneKind::EventLoop(_) => "event-loop",
            LaneKind::Primitive(_) => "primitive",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub kind: LaneKind,
    pub label: String,
    pub process: ProcessId,
    /// Ordered by start, non-overlapping, no empty spans; with precomputed coarser levels.
    pub spans: LodLane,
    /// A count over time drawn under the bar: GIL waiters, lock waiters, ready-queue length.
    pub counts: StepCounts,
    /// Instants marked with ticks: the GIL's drop requests.
    pub ticks: Vec<u64>,
    /// Stretches drawn with a warning overlay: a frozen event loop.
    pub alerts: Vec<(u64, u64)>,
    /// Part of the deadlock's cycle.
    pub in_deadlock: bool,
    /// Primitive lanes: the primitive's samples (indices into the trace's), in time order.
    pub samples: Vec<u32>,
}

impl Lane {
    pub fn new(kind: LaneKind, label: impl Into<String>, process: ProcessId) -> Lane {
        Lane {
            kind,
            label: label.into(),
            process,
            spans: LodLane::new(Vec::new()),
            counts: StepCounts::default(),
            ticks: Vec::new(),
            alerts: Vec::new(),
            in_deadlock: false,
            samples: Vec::new(),
        }
    }
}

/// The lanes of one trace, in drawing order, and what connects them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineModel {
    pub lanes: Vec<Lane>,
    /// Lock hand-offs, joins, starts and inter-process messages, ordered by `from_ns`.
    pub arrows: Vec<Arrow>,
    /// The longest arrow (for window queries).
    pub longest_arrow_ns: u64,
    /// Every instant something happened (a state change, an output, a lock event, a task
    /// step), sorted and distinct: what "one event" steps over.
    pub event_times: Vec<u64>,
    /// Every instant a GIL changed hands: what "one GIL switch" steps over.
    pub gil_switch_times: Vec<u64>,
    /// When the run ended in a deadlock.
    pub deadlock_ns: Option<u64>,
    /// The end of the time axis: the trace's end, or a later span end if a trace has one.
    pub end_ns: u64,
}

impl TimelineModel {
    pub fn new(trace: &Trace) -> TimelineModel {
        let process_count = trace.processes.len().max(1) as ProcessId;
        let deadlocked: Vec<ThreadId> = trace
            .deadlock
            .as_ref()
            .map(|d| d.waits.iter().map(|w| w.thread).collect())
            .unwrap_or_default();
        let mut lanes = Vec::new();
        let mut prims = primitive_lanes(trace);
        let by_thread = slices_by_thread(trace);
        for process in 0..process_count {
            if process_count > 1 {
                let label = match trace.processes.get(process as usize) {
                    Some(p) => format!("{} (pid {})", p.name, p.pid),
                    None => format!("process {process}"),
                };
                lanes.push(Lane::new(LaneKind::Process(process), label, process));
            }
            if trace.gil.iter().any(|h| h.process == process) {
                lanes.push(gil_lane(trace, process));
            }
            for (id, info) in trace.threads.iter().enumerate() {
                if info.process != process {
                    continue;
                }
                let id = id as ThreadId;
                let mut lane = thread_lane(trace, id, &by_thread[id as usize]);
                lane.in_deadlock = deadlocked.contains(&id);
                lanes.push(lane);
                if trace.tasks.iter().any(|t| t.thread == id) {
                    lanes.push(loop_lane(trace, id));
                }
            }
            lanes.extend(prims.extract_if(.., |lane| lane.process == process));
        }
        lanes.append(&mut prims);
        let last_span_end = lanes
            .iter()
            .filter_map(|l| l.spans.spans().last())
            .map(|s| s.end_ns)
            .max()
            .unwrap_or(0);
        let end_ns = trace.end_ns.max(last_span_end);
        let arrows = build_arrows(trace, &lanes);
        let longest_arrow_ns = arrows
            .iter()
            .map(|a| a.to_ns.saturating_sub(a.from_ns))
            .max()
            .unwrap_or(0);
        TimelineModel {
            event_times: event_times(trace),
            gil_switch_times: gil_switch_times(trace),
            deadlock_ns: trace.deadlock.as_ref().map(|d| d.t_ns),
            lanes,
            arrows,
            longest_arrow_ns,
            end_ns,
        }
    }

    /// The span of `lane` covering `t_ns`, if any. At the very end of the run (where every
    /// half-open span has ended) it is the span that reached the end: how things were left.
    pub fn span_at(&self, lane: usize, t_ns: u64) -> Option<&Span> {
        let t = if t_ns >= self.end_ns && self.end_ns > 0 {
            self.end_ns - 1
        } else {
            t_ns
        };
        self.lanes.get(lane)?.spans.span_at(t)
    }

    /// The lane of thread `thread`.
    pub fn thread_lane(&self, thread: ThreadId) -> Option<usize> {
        self.lanes
            .iter()
            .position(|l| l.kind == LaneKind::Thread(thread))
    }

    pub fn thread_label(&self, thread: ThreadId) -> &str {
        self.thread_lane(thread)
            .map_or("?", |i| self.lanes[i].label.as_str())
    }

    /// The next event strictly after `t_ns` (or the end).
    pub fn next_event(&self, t_ns: u64) -> u64 {
        next_after(&self.event_times, t_ns).unwrap_or(self.end_ns)
    }

    /// The last event strictly before `t_ns` (or 0).
    pub fn previous_event(&self, t_ns: u64) -> u64 {
        previous_before(&self.event_times, t_ns).unwrap_or(0)
    }

    pub fn next_gil_switch(&self, t_ns: u64) -> u64 {
        next_after(&self.gil_switch_times, t_ns).unwrap_or(self.end_ns)
    }

    pub fn previous_gil_switch(&self, t_ns: u64) -> u64 {
        previous_before(&self.gil_switch_times, t_ns).unwrap_or(0)
    }
}

fn next_after(times: &[u64], t_ns: u64) -> Option<u64> {
    let i = times.partition_point(|&t| t <= t_ns);
    times.get(i).copied()
}

fn previous_before(times: &[u64], t_ns: u64) -> Option<u64> {
    let i = times.partition_point(|&t| t < t_ns);
    i.checked_sub(1).map(|i| times[i])
}

fn event_times(trace: &Trace) -> Vec<u64> {
    let mut times: Vec<u64> = trace
        .slices
        .iter()
        .map(|s| s.start_ns)
        .chain(trace.outputs.iter().map(|o| o.t_ns))
        .chain(trace.lock_events.iter().map(|e| e.t_ns))
        .chain(trace.task_steps.iter().map(|s| s.start_ns))
        .chain(trace.threads.iter().filter_map(|t| t.end_ns))
        .chain(std::iter::once(trace.end_ns))
        .collect();
    times.sort_unstable();
    times.dedup();
    times
}

fn gil_switch_times(trace: &Trace) -> Vec<u64> {
    let mut times: Vec<u64> = trace.gil.iter().map(|h| h.start_ns).collect();
    times.sort_unstable();
    times.dedup();
    times
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

    fn hold(holder: ThreadId, start_ns: u64, end_ns: u64) -> GilHold {
        GilHold {
            process: 0,
            holder,
            start_ns,
            end_ns,
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
                hold(0, 0, 1_000),
                hold(1, 1_000, 2_000),
                hold(0, 2_000, 3_000),
                hold(1, 8_500, 9_000),
                hold(0, 9_000, 10_000),
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

    fn fills(model: &TimelineModel, lane: usize) -> Vec<Fill> {
        model.lanes[lane]
            .spans
            .spans()
            .iter()
            .map(|s| s.fill)
            .collect()
    }

    #[test]
    fn lanes_are_gil_then_threads_in_id_order() {
        let model = TimelineModel::new(&two_thread_trace());
        let labels: Vec<&str> = model.lanes.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["GIL", "MainThread", "Thread-1 (work)"]);
        assert_eq!(model.lanes[0].kind, LaneKind::Gil(0));
        assert_eq!(model.lanes[2].kind, LaneKind::Thread(1));
        assert_eq!(model.lanes[0].spans.spans().len(), 5);
        assert_eq!(model.lanes[1].spans.spans().len(), 5);
        // Thread 1: its four states, then finished until the end of the run.
        assert_eq!(
            fills(&model, 2),
            [
                Fill::State(StateKind::Running),
                Fill::State(StateKind::Sleeping),
                Fill::State(StateKind::WaitingForGil),
                Fill::State(StateKind::Running),
                Fill::State(StateKind::Finished),
            ]
        );
        assert_eq!(fills(&model, 1)[1], Fill::State(StateKind::Blocked));
        assert_eq!(fills(&model, 0)[1], Fill::Holder(1));
        assert_eq!(model.lanes[0].ticks, [1_500]);
        assert_eq!(model.end_ns, 10_000);
    }

    #[test]
    fn thread_spans_point_back_at_their_slices() {
        let trace = two_thread_trace();
        let model = TimelineModel::new(&trace);
        for span in model.lanes[2].spans.spans() {
            if span.fill == Fill::State(StateKind::Finished) {
                assert_eq!(span.detail, u32::MAX);
                continue;
            }
            let slice = &trace.slices[span.detail as usize];
            assert_eq!((slice.thread, slice.start_ns), (1, span.start_ns));
        }
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
            model.span_at(2, 9_000).unwrap().fill,
            Fill::State(StateKind::Finished)
        );
        assert_eq!(model.span_at(0, 5_000), None, "nobody holds the GIL");
        assert_eq!(
            model.span_at(1, 10_000).unwrap().fill,
            Fill::State(StateKind::Running),
            "at the end: how the run was left"
        );
        assert_eq!(model.span_at(7, 0), None);
    }

    #[test]
    fn gil_waiters_are_counted() {
        let model = TimelineModel::new(&two_thread_trace());
        assert_eq!(model.lanes[0].counts.at(8_200), 1);
        assert_eq!(model.lanes[0].counts.at(8_600), 0);
    }

    #[test]
    fn stepping_moves_event_to_event_and_switch_to_switch() {
        let model = TimelineModel::new(&two_thread_trace());
        assert_eq!(model.next_event(0), 1_000);
        assert_eq!(model.next_event(1_000), 2_000);
        assert_eq!(model.previous_event(2_000), 1_000);
        assert_eq!(model.previous_event(0), 0);
        assert_eq!(model.next_event(10_000), 10_000);
        assert_eq!(model.next_gil_switch(3_000), 8_500);
        assert_eq!(model.previous_gil_switch(8_500), 2_000);
    }

    #[test]
    fn start_and_join_become_arrows() {
        let model = TimelineModel::new(&two_thread_trace());
        let kinds: Vec<_> = model
            .arrows
            .iter()
            .map(|a| (a.kind, a.from_ns, a.to_ns))
            .collect();
        use super::super::arrows::ArrowKind;
        assert!(
            kinds.contains(&(ArrowKind::Start, 1_000, 1_000)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(ArrowKind::Join, 9_000, 9_000)),
            "{kinds:?}"
        );
    }

    #[test]
    fn empty_trace_has_no_lanes() {
        let model = TimelineModel::new(&Trace::default());
        assert!(model.lanes.is_empty());
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
        assert_eq!(model.lanes[2].spans.spans().len(), 5);
    }
}
