//! Lanes for the synchronisation objects the program created (locks, semaphores, conditions,
//! events, queues, barriers — `threading`, `queue`, `asyncio`, `multiprocessing`), from the
//! trace's primitive samples; and each one's state at an instant, in words.

use super::counts::StepCounts;
use super::lod::LodLane;
use super::model::{Fill, Lane, LaneKind, Span, TimelineModel};
use interleave_engine::trace::{PrimitiveInfo, PrimitiveKind, PrimitiveSample, Trace};

/// One lane per primitive: owned stretches in the owner's colour, stretches holding something
/// (permits, items, set) as a level, no permits left as "empty"; waiters as the count strip.
/// Each span's `detail` is the index of the sample that began it; `Lane::samples` lists the
/// primitive's samples in time order.
pub fn primitive_lanes(trace: &Trace) -> Vec<Lane> {
    let mut per_primitive: Vec<Vec<u32>> = vec![Vec::new(); trace.primitives.len()];
    for (i, sample) in trace.primitive_samples.iter().enumerate() {
        if let Some(list) = per_primitive.get_mut(sample.primitive as usize) {
            list.push(i as u32);
        }
    }
    let mut lanes = Vec::new();
    for (index, (info, samples)) in trace.primitives.iter().zip(per_primitive).enumerate() {
        let mut spans = Vec::new();
        let mut waiters = Vec::new();
        for (k, &i) in samples.iter().enumerate() {
            let sample = &trace.primitive_samples[i as usize];
            let end = samples
                .get(k + 1)
                .map_or(trace.end_ns, |&j| trace.primitive_samples[j as usize].t_ns);
            waiters.push((sample.t_ns, waiting(sample)));
            if let Some(fill) = fill_of(info, sample) {
                if end > sample.t_ns {
                    spans.push(Span {
                        start_ns: sample.t_ns,
                        end_ns: end,
                        fill,
                        detail: i,
                    });
                }
            }
        }
        let mut lane = Lane::new(
            LaneKind::Primitive(index as u32),
            info.name.clone(),
            info.process,
        );
        lane.spans = LodLane::new(join_equal(spans));
        lane.counts = StepCounts::from_levels(waiters);
        lane.samples = samples;
        lanes.push(lane);
    }
    lanes
}

fn waiting(sample: &PrimitiveSample) -> u32 {
    (sample.waiters.len() + sample.waiting_tasks.len()) as u32
}

/// Consecutive samples that draw the same (same fill) become one span, starting at the first.
fn join_equal(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            // Levels stay apart: each stands for its own value (2 permits, then 1).
            Some(last)
                if last.fill == span.fill
                    && last.end_ns == span.start_ns
                    && !matches!(span.fill, Fill::Level) =>
            {
                last.end_ns = span.end_ns
            }
            _ => out.push(span),
        }
    }
    out
}

fn fill_of(info: &PrimitiveInfo, sample: &PrimitiveSample) -> Option<Fill> {
    if let Some(owner) = sample.owner {
        return Some(Fill::Holder(owner));
    }
    match info.kind {
        PrimitiveKind::Semaphore | PrimitiveKind::BoundedSemaphore => Some(if sample.value > 0 {
            Fill::Level
        } else {
            Fill::Empty
        }),
        _ => (sample.value > 0).then_some(Fill::Level),
    }
}

/// The state of primitive `info` as `sample` left it, in words: "held by Thread-1", "1 of 2
/// permits left", "set", "3 items: 'a', 'b', 'c'", "2 of 3 parties waiting".
pub fn describe(
    model: &TimelineModel,
    info: &PrimitiveInfo,
    sample: Option<&PrimitiveSample>,
) -> String {
    let Some(s) = sample else {
        return "not created yet".into();
    };
    let holder = |t| format!("held by {}", model.thread_label(t));
    match info.kind {
        PrimitiveKind::Lock => match s.owner {
            Some(t) => holder(t),
            None if s.value > 0 => "held".into(),
            None => "free".into(),
        },
        PrimitiveKind::RLock => match s.owner {
            Some(t) => format!("{} ({} deep)", holder(t), s.value),
            None => "free".into(),
        },
        PrimitiveKind::Semaphore | PrimitiveKind::BoundedSemaphore => match info.capacity {
            Some(c) => format!("{} of {c} permits left", s.value),
            None => format!("{} permits left", s.value),
        },
        PrimitiveKind::Event => if s.value > 0 { "set" } else { "not set" }.into(),
        PrimitiveKind::Condition => {
            let lock = match s.owner {
                Some(t) => holder(t),
                None => "lock free".into(),
            };
            format!("{lock}; {} waiting for notify", s.value)
        }
        PrimitiveKind::Queue => {
            let size = match info.capacity {
                Some(c) => format!("{} of {c} items", s.value),
                None => format!("{} item{}", s.value, if s.value == 1 { "" } else { "s" }),
            };
            if s.items.is_empty() {
                size
            } else {
                let more = if (s.value as usize) > s.items.len() {
                    ", …"
                } else {
                    ""
                };
                format!("{size}: {}{more}", s.items.join(", "))
            }
        }
        PrimitiveKind::Barrier => match info.capacity {
            Some(c) => format!("{} of {c} parties waiting", s.value),
            None => format!("{} waiting", s.value),
        },
    }
}

/// A few words for a bar wide enough to carry them: "2 left", "3 items", "set".
pub fn short(info: &PrimitiveInfo, sample: &PrimitiveSample) -> String {
    match info.kind {
        PrimitiveKind::Semaphore | PrimitiveKind::BoundedSemaphore => {
            format!("{} left", sample.value)
        }
        PrimitiveKind::Queue => format!(
            "{} item{}",
            sample.value,
            if sample.value == 1 { "" } else { "s" }
        ),
        PrimitiveKind::Event => if sample.value > 0 { "set" } else { "clear" }.into(),
        PrimitiveKind::Condition | PrimitiveKind::Barrier => format!("{} waiting", sample.value),
        PrimitiveKind::Lock | PrimitiveKind::RLock => "held".into(),
    }
}

/// The sample of primitive lane `lane` in force at `t_ns`.
pub fn sample_at<'t>(
    trace: &'t Trace,
    model: &TimelineModel,
    lane: usize,
    t_ns: u64,
) -> Option<&'t PrimitiveSample> {
    let samples = &model.lanes.get(lane)?.samples;
    let t = if t_ns >= model.end_ns && model.end_ns > 0 {
        model.end_ns - 1
    } else {
        t_ns
    };
    let i = samples.partition_point(|&i| trace.primitive_samples[i as usize].t_ns <= t);
    i.checked_sub(1)
        .map(|i| &trace.primitive_samples[samples[i] as usize])
}

/// Who waits in it, by name (threads, or asyncio tasks).
pub fn waiter_names(trace: &Trace, model: &TimelineModel, sample: &PrimitiveSample) -> Vec<String> {
    sample
        .waiters
        .iter()
        .map(|&t| model.thread_label(t).to_string())
        .chain(
            sample
                .waiting_tasks
                .iter()
                .filter_map(|&t| trace.tasks.get(t as usize).map(|t| t.name.clone())),
        )
        .collect()
}

/// A short label of what kind of object it is: "Semaphore(2)", "Queue(maxsize=3)", "Lock".
pub fn kind_label(info: &PrimitiveInfo) -> String {
    let prefix = match info.family {
        interleave_engine::trace::PrimitiveFamily::Asyncio => "asyncio.",
        interleave_engine::trace::PrimitiveFamily::Multiprocessing => "multiprocessing.",
        interleave_engine::trace::PrimitiveFamily::Threading => "",
    };
    match (info.kind, info.capacity) {
        (PrimitiveKind::Queue, Some(c)) => format!("{prefix}{}(maxsize={c})", info.class_name),
        (
            PrimitiveKind::Semaphore | PrimitiveKind::BoundedSemaphore | PrimitiveKind::Barrier,
            Some(c),
        ) => {
            format!("{prefix}{}({c})", info.class_name)
        }
        _ => format!("{prefix}{}", info.class_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEMAPHORE: &str = "import threading\nimport time\n\npool = threading.Semaphore(2)\n\ndef use():\n    with pool:\n        time.sleep(0.1)\n\nthreads = [threading.Thread(target=use) for _ in range(3)]\nfor t in threads:\n    t.start()\nfor t in threads:\n    t.join()\n";

    #[test]
    fn a_semaphore_lane_shows_permits_and_waiters() {
        let trace = interleave_engine::run(SEMAPHORE, &Default::default());
        let model = TimelineModel::new(&trace);
        let lane = model
            .lanes
            .iter()
            .position(|l| matches!(l.kind, LaneKind::Primitive(_)))
            .expect("a lane for the semaphore");
        assert_eq!(model.lanes[lane].label, "pool");
        let info = &trace.primitives[0];
        assert_eq!(kind_label(info), "Semaphore(2)");
        // At 50 ms two threads hold permits and the third waits.
        let sample = sample_at(&trace, &model, lane, 50_000_000).unwrap();
        assert_eq!(describe(&model, info, Some(sample)), "0 of 2 permits left");
        assert_eq!(waiter_names(&trace, &model, sample), ["Thread-3 (use)"]);
        assert_eq!(model.lanes[lane].counts.at(50_000_000), 1);
        assert_eq!(
            model.span_at(lane, 50_000_000).map(|s| s.fill),
            Some(Fill::Empty)
        );
        // At the end all permits are back.
        let end = sample_at(&trace, &model, lane, model.end_ns).unwrap();
        assert_eq!(describe(&model, info, Some(end)), "2 of 2 permits left");
        assert_eq!(short(info, end), "2 left");
    }
}
