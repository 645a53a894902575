//! Building each kind of lane from the trace: a thread's states, a process's GIL, an event
//! loop's task steps (the program's locks, semaphores, queues … are in `primitives`).

use super::counts::StepCounts;
use super::lod::LodLane;
use super::model::{Fill, Lane, LaneKind, Span, StateKind};
use interleave_engine::trace::{ProcessId, ThreadId, ThreadState, Trace};

/// One thread's lane: its slices (each span's `detail` is the slice's index in the trace),
/// then "finished" from its end to the end of the run.
pub fn thread_lane(trace: &Trace, thread: ThreadId, slice_indices: &[u32]) -> Lane {
    let info = &trace.threads[thread as usize];
    let mut spans: Vec<Span> = slice_indices
        .iter()
        .map(|&i| (i, &trace.slices[i as usize]))
        .filter(|(_, s)| s.end_ns > s.start_ns)
        .map(|(i, s)| Span {
            start_ns: s.start_ns,
            end_ns: s.end_ns,
            fill: Fill::State(StateKind::of(s.state)),
            detail: i,
        })
        .collect();
    // The trace promises order; a stable sort (linear when sorted) guards the binary searches.
    spans.sort_by_key(|s| s.start_ns);
    if let Some(end) = info.end_ns {
        let from = spans.last().map_or(end, |s| s.end_ns.max(end));
        if trace.end_ns > from {
            spans.push(Span::new(
                from,
                trace.end_ns,
                Fill::State(StateKind::Finished),
            ));
        }
    }
    let mut lane = Lane::new(LaneKind::Thread(thread), info.name.clone(), info.process);
    lane.spans = LodLane::new(spans);
    lane
}

/// Slice indices per thread, in trace order.
pub fn slices_by_thread(trace: &Trace) -> Vec<Vec<u32>> {
    let mut by_thread = vec![Vec::new(); trace.threads.len()];
    for (i, slice) in trace.slices.iter().enumerate() {
        if let Some(list) = by_thread.get_mut(slice.thread as usize) {
            list.push(i as u32);
        }
    }
    by_thread
}

/// A process's GIL: who holds it, how many threads wait for it, and the drop requests.
pub fn gil_lane(trace: &Trace, process: ProcessId) -> Lane {
    let in_process = |t: ThreadId| {
        trace
            .threads
            .get(t as usize)
            .is_some_and(|i| i.process == process)
    };
    let mut spans: Vec<Span> = trace
        .gil
        .iter()
        .filter(|h| h.process == process && h.end_ns > h.start_ns)
        .map(|h| Span::new(h.start_ns, h.end_ns, Fill::Holder(h.holder)))
        .collect();
    spans.sort_by_key(|s| s.start_ns);
    let waiting = trace
        .slices
        .iter()
        .filter(|s| s.state == ThreadState::WaitingForGil && in_process(s.thread))
        .flat_map(|s| [(s.start_ns, 1), (s.end_ns, -1)])
        .collect();
    let mut ticks: Vec<u64> = trace
        .gil_drop_requests
        .iter()
        .filter(|d| in_process(d.holder))
        .map(|d| d.t_ns)
        .collect();
    ticks.sort_unstable();
    let label = if trace.processes.len() > 1 {
        format!("GIL of {}", process_name(trace, process))
    } else {
        "GIL".to_string()
    };
    let mut lane = Lane::new(LaneKind::Gil(process), label, process);
    lane.spans = LodLane::new(spans);
    lane.counts = StepCounts::from_deltas(waiting);
    lane.ticks = ticks;
    lane
}

fn process_name(trace: &Trace, process: ProcessId) -> String {
    trace
        .processes
        .get(process as usize)
        .map_or_else(|| format!("process {process}"), |p| p.name.clone())
}

/// The asyncio event loop on `thread`: which task each step ran (`detail` is the step's
/// index), the ready queue's length after each step, and frozen stretches.
pub fn loop_lane(trace: &Trace, thread: ThreadId) -> Lane {
    let on_loop = |task: u32| {
        trace
            .tasks
            .get(task as usize)
            .is_some_and(|t| t.thread == thread)
    };
    let mut spans = Vec::new();
    let mut ready = Vec::new();
    for (i, step) in trace.task_steps.iter().enumerate() {
        if !on_loop(step.task) {
            continue;
        }
        if step.end_ns > step.start_ns {
            spans.push(Span {
                start_ns: step.start_ns,
                end_ns: step.end_ns,
                fill: Fill::Task(step.task),
                detail: i as u32,
            });
        }
        ready.push((step.end_ns, step.ready));
    }
    spans.sort_by_key(|s| s.start_ns);
    ready.sort_by_key(|r| r.0);
    let process = trace.threads[thread as usize].process;
    let mut lane = Lane::new(
        LaneKind::EventLoop(thread),
        format!("event loop ({})", trace.threads[thread as usize].name),
        process,
    );
    lane.spans = LodLane::new(spans);
    lane.counts = StepCounts::from_levels(ready);
    lane.alerts = trace
        .loop_freezes
        .iter()
        .filter(|f| f.thread == thread)
        .map(|f| (f.start_ns, f.end_ns))
        .collect();
    lane
}
