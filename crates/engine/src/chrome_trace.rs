//! Export of a trace as Chrome Trace Event JSON: one track per thread, a GIL track, and
//! instant events for output and drop requests. Opens in Perfetto UI and chrome://tracing.

use crate::trace::{BlockedOn, LockEventKind, ThreadState, Trace};
use serde_json::{json, Value};

const PID: u32 = 1;
/// The GIL gets its own track after the threads.
fn gil_tid(trace: &Trace) -> usize {
    trace.threads.len() + 1
}

fn state_name(trace: &Trace, s: ThreadState) -> String {
    match s {
        ThreadState::Running => "running".into(),
        ThreadState::WaitingForGil => "waiting for GIL".into(),
        ThreadState::Sleeping => "sleeping".into(),
        ThreadState::Blocked(BlockedOn::Join(t)) => {
            format!("joining {}", trace.threads[t as usize].name)
        }
        ThreadState::Blocked(BlockedOn::Start(t)) => {
            format!("starting {}", trace.threads[t as usize].name)
        }
        ThreadState::Blocked(BlockedOn::Lock(l)) => format!("blocked on lock #{l}"),
        ThreadState::Blocked(BlockedOn::Io) => "writing output".into(),
    }
}

/// Microseconds with nanosecond precision, as the format expects.
fn us(ns: u64) -> f64 {
    ns as f64 / 1000.0
}

pub fn to_json(trace: &Trace) -> String {
    let mut events: Vec<Value> = Vec::new();
    events.push(
        json!({"ph": "M", "pid": PID, "name": "process_name", "args": {"name": trace.filename}}),
    );
    for (i, t) in trace.threads.iter().enumerate() {
        events.push(json!({"ph": "M", "pid": PID, "tid": i + 1, "name": "thread_name", "args": {"name": t.name}}));
    }
    events.push(json!({"ph": "M", "pid": PID, "tid": gil_tid(trace), "name": "thread_name", "args": {"name": "GIL"}}));
    for s in &trace.slices {
        events.push(json!({
            "ph": "X", "pid": PID, "tid": s.thread + 1, "name": state_name(trace, s.state),
            "ts": us(s.start_ns), "dur": us(s.end_ns - s.start_ns),
            "args": {"line": s.line, "end_line": s.end_line},
        }));
    }
    for g in &trace.gil {
        events.push(json!({
            "ph": "X", "pid": PID, "tid": gil_tid(trace), "name": trace.threads[g.holder as usize].name,
            "ts": us(g.start_ns), "dur": us(g.end_ns - g.start_ns),
        }));
    }
    for d in &trace.gil_drop_requests {
        events.push(json!({
            "ph": "i", "s": "t", "pid": PID, "tid": gil_tid(trace), "name": "drop request",
            "ts": us(d.t_ns), "args": {"requester": trace.threads[d.requester as usize].name},
        }));
    }
    for o in &trace.outputs {
        events.push(json!({
            "ph": "i", "s": "t", "pid": PID, "tid": o.thread + 1, "name": "print",
            "ts": us(o.t_ns), "args": {"text": o.text},
        }));
    }
    lock_events(trace, &mut events);
    json!({"traceEvents": events, "displayTimeUnit": "ms"}).to_string()
}

/// Lock operations as instant events on the thread's track, and a flow arrow from each
/// release to the next acquire of the same lock by another thread (a hand-off).
fn lock_events(trace: &Trace, events: &mut Vec<Value>) {
    let name_of = |id: u32| {
        trace
            .locks
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.name.clone())
            .unwrap_or_else(|| format!("lock #{id}"))
    };
    let mut last_release: std::collections::HashMap<u32, (u32, u64)> = Default::default();
    for (flow_id, e) in trace.lock_events.iter().enumerate() {
        let verb = match e.kind {
            LockEventKind::Acquire => "acquire",
            LockEventKind::Release => "release",
            LockEventKind::Wait => "wait for",
            LockEventKind::Wake => "woken for",
        };
        events.push(json!({
            "ph": "i", "s": "t", "pid": PID, "tid": e.thread + 1,
            "name": format!("{verb} {}", name_of(e.lock)), "ts": us(e.t_ns),
        }));
        match e.kind {
            LockEventKind::Release => {
                last_release.insert(e.lock, (e.thread, e.t_ns));
            }
            LockEventKind::Acquire => {
                if let Some((from, t)) = last_release.remove(&e.lock) {
                    if from != e.thread {
                        let name = format!("hand-off {}", name_of(e.lock));
                        events.push(json!({"ph": "s", "pid": PID, "tid": from + 1, "id": flow_id, "name": name, "cat": "lock", "ts": us(t)}));
                        events.push(json!({"ph": "f", "bp": "e", "pid": PID, "tid": e.thread + 1, "id": flow_id, "name": name, "cat": "lock", "ts": us(e.t_ns)}));
                    }
                }
            }
            _ => {}
        }
    }
}
