//! Export of a trace as Chrome Trace Event JSON: one track per thread, a GIL track, and
//! instant events for output and drop requests. Opens in Perfetto UI and chrome://tracing.

use interleave_engine::trace::{BlockedOn, ThreadState, Trace};
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
    json!({"traceEvents": events, "displayTimeUnit": "ms"}).to_string()
}
