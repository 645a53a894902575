//! The worker's whole job: [`Server`] serves each request it is sent — runs (posting progress
//! and, for a long run, its trace so far through [`LiveTraces`]), inspections answered from the
//! last run's end state or checkpoints, the gallery, exports, the race explorer and share-link
//! packing — and posts the answers.

use super::{decode_trace, Request, RunRequest, WorkerMessage};
use interleave_engine::{Inspector, Progress, RunWatcher, Snapshot, Trace};

/// How often the worker reports progress during a run, in executed instructions (about
/// 10-50 ms of engine time in wasm): also how often it can send the trace so far.
pub const PROGRESS_EVERY_STEPS: u64 = 1 << 18;

/// A run still going this long after it began (wall clock) sends the page its trace so far,
/// so the page draws well within its 300 ms first-frame budget.
pub const FIRST_TRACE_SO_FAR_MS: f64 = 100.0;
/// Later copies follow after as long again as the run has taken, but at most this long...
pub const MAX_TRACE_SO_FAR_GAP_MS: f64 = 2_000.0;
/// ...and never sooner than this many times what making the last one cost (a copy of a huge
/// trace also costs the page its decoding and layout).
pub const TRACE_SO_FAR_COST_FACTOR: f64 = 50.0;

/// The worker's state between requests: what it knows of the last program it ran or
/// inspected, so inspecting it again is cheap.
#[derive(Default)]
pub struct Server {
    session: Option<Session>,
}

struct Session {
    request: RunRequest,
    /// From running it: its end time and its state there (any time from `end_ns` on).
    end: Option<(u64, Snapshot)>,
    /// The run's checkpoints and a replay paused at the last time inspected: a time is
    /// reached from whichever of them is nearest before it.
    inspector: Option<Inspector>,
}

/// Hears a run for the page: posts its progress, and its trace so far on a schedule of the
/// wall clock (`clock`, in milliseconds): first [`FIRST_TRACE_SO_FAR_MS`] after the run
/// began, then after as long again as the run has taken, at most [`MAX_TRACE_SO_FAR_GAP_MS`]
/// and at least [`TRACE_SO_FAR_COST_FACTOR`] times the last copy's cost. A run that ends
/// sooner sends none.
pub struct LiveTraces<'a> {
    clock: &'a dyn Fn() -> f64,
    post: &'a mut dyn FnMut(WorkerMessage),
    started_ms: f64,
    next_ms: f64,
    asked_ms: f64,
}

impl<'a> LiveTraces<'a> {
    pub fn new(clock: &'a dyn Fn() -> f64, post: &'a mut dyn FnMut(WorkerMessage)) -> Self {
        let started_ms = clock();
        LiveTraces {
            clock,
            post,
            started_ms,
            next_ms: started_ms + FIRST_TRACE_SO_FAR_MS,
            asked_ms: started_ms,
        }
    }
}

impl RunWatcher for LiveTraces<'_> {
    fn progress(&mut self, progress: Progress) {
        (self.post)(WorkerMessage::Progress(progress));
    }

    fn wants_trace_so_far(&mut self) -> bool {
        self.asked_ms = (self.clock)();
        self.asked_ms >= self.next_ms
    }

    fn trace_so_far(&mut self, trace: Trace) {
        (self.post)(WorkerMessage::TraceSoFar(trace.to_bytes()));
        let now = (self.clock)();
        let gap = (now - self.started_ms)
            .min(MAX_TRACE_SO_FAR_GAP_MS)
            .max(TRACE_SO_FAR_COST_FACTOR * (now - self.asked_ms));
        self.next_ms = now + gap;
    }
}

impl Server {
    /// Serves one encoded request, posting every message it produces (progress and copies of
    /// the trace so far while the engine runs, see [`LiveTraces`], then the answer) through
    /// `post`; `clock` is the wall clock in milliseconds.
    pub fn serve(
        &mut self,
        request_bytes: &[u8],
        clock: &dyn Fn() -> f64,
        post: &mut dyn FnMut(WorkerMessage),
    ) {
        match Request::from_bytes(request_bytes) {
            Ok(Request::Run(request)) => {
                // The last run's checkpoints go first: memory is for the new run's.
                self.session = None;
                let (trace, end, inspector) = interleave_engine::run_inspectable(
                    &request.source,
                    &request.options(),
                    PROGRESS_EVERY_STEPS,
                    &mut LiveTraces::new(clock, post),
                );
                self.session = Some(Session {
                    request,
                    end: Some((trace.end_ns, end)),
                    inspector: Some(inspector),
                });
                post(WorkerMessage::Trace(trace.to_bytes()));
            }
            Ok(Request::Inspect { run, at_ns }) => {
                let snapshot = self.inspect(run, at_ns);
                post(WorkerMessage::Snapshot(snapshot));
            }
            Ok(Request::Explore {
                run,
                seeds,
                strategy,
            }) => crate::explore::explore(&run, seeds, strategy, |tally| {
                post(WorkerMessage::Explored(tally.clone()))
            }),
            Ok(Request::Pack(code)) => {
                let packed = crate::share::pack_code(&code);
                post(WorkerMessage::Packed { code, packed });
            }
            Ok(Request::Simulate { cores }) => {
                post(WorkerMessage::Simulated(crate::comparison::simulate(cores)))
            }
            Ok(Request::Unpack(packed)) => post(WorkerMessage::Unpacked(
                crate::share::unpack_code(&packed).map_err(crate::share::unreadable_program),
            )),
            Ok(Request::Gallery) => {
                post(WorkerMessage::Gallery(crate::gallery::embedded().to_vec()))
            }
            Ok(Request::ChromeTrace(bytes)) => match decode_trace(&bytes) {
                Ok(trace) => post(WorkerMessage::ChromeTrace(
                    interleave_engine::chrome_trace::to_json(&trace),
                )),
                Err(message) => post(WorkerMessage::Error(message)),
            },
            Err(message) => post(WorkerMessage::Error(message)),
        }
    }

    fn inspect(&mut self, run: RunRequest, at_ns: u64) -> Snapshot {
        if self.session.as_ref().is_none_or(|s| s.request != run) {
            self.session = Some(Session {
                request: run,
                end: None,
                inspector: None,
            });
        }
        let Some(session) = self.session.as_mut() else {
            unreachable!("a session was just made");
        };
        if let Some((end_ns, snapshot)) = &session.end {
            if at_ns >= *end_ns {
                return snapshot.clone();
            }
        }
        let request = &session.request;
        session
            .inspector
            .get_or_insert_with(|| Inspector::new(&request.source, &request.options()))
            .at(at_ns)
    }
}

/// Serves one request with a fresh [`Server`] and a clock that stands still (so no copies of
/// the trace so far) and returns everything it posted.
pub fn serve_request(request_bytes: &[u8]) -> Vec<WorkerMessage> {
    let mut messages = Vec::new();
    Server::default().serve(request_bytes, &|| 0.0, &mut |m| messages.push(m));
    messages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::COUNTER;
    use interleave_engine::{Preempt, RunOptions};

    #[test]
    fn the_gallery_request_is_answered_with_every_scenario() {
        let messages = serve_request(&Request::Gallery.to_bytes());
        let [WorkerMessage::Gallery(bytes)] = &messages[..] else {
            panic!("one gallery answer, got {messages:?}");
        };
        let scenarios = crate::gallery::decode(bytes).expect("decodes").scenarios;
        assert!(scenarios
            .iter()
            .any(|s| s.topic == crate::gallery::Topic::Deadlocks));
    }

    #[test]
    fn a_trace_is_exported_as_chrome_trace_events() {
        let trace = interleave_engine::run(COUNTER, &RunOptions::default());
        let messages = serve_request(&Request::ChromeTrace(trace.to_bytes()).to_bytes());
        let [WorkerMessage::ChromeTrace(json)] = &messages[..] else {
            panic!("one export, got {messages:?}");
        };
        let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
        let events = value["traceEvents"].as_array().expect("traceEvents");
        assert!(
            events.iter().any(|e| e["ph"] == "X"),
            "slices are complete events"
        );
        let garbage = serve_request(&Request::ChromeTrace(vec![1, 2, 3]).to_bytes());
        assert!(matches!(&garbage[..], [WorkerMessage::Error(_)]));
    }

    #[test]
    fn the_explorer_tallies_each_seed_and_reports_after_every_run() {
        let mut run = RunRequest::new(COUNTER, "main.py");
        run.preempt = Preempt::AnyInstruction;
        let messages = serve_request(
            &Request::Explore {
                run,
                seeds: 4,
                strategy: crate::explore::Strategy::Seeds,
            }
            .to_bytes(),
        );
        assert_eq!(messages.len(), 4);
        let WorkerMessage::Explored(last) = &messages[3] else {
            panic!("a tally, got {:?}", messages[3]);
        };
        assert_eq!(last.runs, 4);
        assert_eq!(last.buckets.iter().map(|b| b.count).sum::<u32>(), 4);
    }

    #[test]
    fn programs_are_packed_and_unpacked_for_share_links() {
        let code = "print('hi')\n".to_string();
        let [WorkerMessage::Packed { packed, .. }] =
            &serve_request(&Request::Pack(code.clone()).to_bytes())[..]
        else {
            panic!("packed");
        };
        let back = serve_request(&Request::Unpack(packed.clone()).to_bytes());
        assert_eq!(back, [WorkerMessage::Unpacked(Ok(code))]);
        let bad = serve_request(&Request::Unpack("AAAA".into()).to_bytes());
        assert!(
            matches!(&bad[..], [WorkerMessage::Unpacked(Err(why))] if why.contains("could not be read"))
        );
    }

    #[test]
    fn garbage_request_is_an_error_not_a_panic() {
        assert!(Request::from_bytes(&[0xff, 0xff, 0xff]).is_err());
        assert!(matches!(
            serve_request(&[0xff]).as_slice(),
            [WorkerMessage::Error(_)]
        ));
    }

    #[test]
    fn a_run_reports_progress_then_its_trace() {
        let request = RunRequest::new(COUNTER, "main.py");
        let messages = serve_request(&Request::Run(request.clone()).to_bytes());
        let Some((WorkerMessage::Trace(bytes), progress)) = messages.split_last() else {
            panic!("the last message is the trace: {messages:?}");
        };
        let trace = decode_trace(bytes).unwrap();
        assert_eq!(trace, interleave_engine::run(COUNTER, &request.options()));
        assert_eq!(trace.stdout(), "6000\n");
        let Some(WorkerMessage::Progress(last)) = progress.last() else {
            panic!("progress before the trace: {progress:?}");
        };
        assert_eq!((last.steps, last.t_ns), (trace.steps, trace.end_ns));
    }

    /// The schedule itself, on a clock set by hand: 100 ms in, then doubling up to 2 s, but
    /// never sooner than 50× the last copy's cost.
    #[test]
    fn copies_of_the_trace_so_far_follow_the_wall_clock() {
        let ms = std::cell::Cell::new(1_000.0);
        let clock = || ms.get();
        let posted = std::cell::Cell::new(0);
        let mut post = |_| posted.set(posted.get() + 1);
        let mut live = LiveTraces::new(&clock, &mut post);
        let mut copies_at = Vec::new();
        // Readings every 10 ms for 12 s; a copy costs 1 ms until 5 s in, then 100 ms.
        for tick in 1..=1_200 {
            ms.set(1_000.0 + 10.0 * tick as f64);
            if live.wants_trace_so_far() {
                copies_at.push(tick * 10);
                let cost = if tick * 10 < 5_000 { 1.0 } else { 100.0 };
                ms.set(ms.get() + cost);
                live.trace_so_far(Trace::default());
            }
        }
        assert_eq!(
            copies_at,
            [100, 210, 430, 870, 1750, 3510, 5520, 10620],
            "100 ms, then as long again (+ cost), at most 2 s apart, at least 5 s after a 100 ms copy"
        );
        assert_eq!(posted.get(), copies_at.len());
    }

    /// A long run whose wall clock moves 40 ms per progress report: copies of the trace so
    /// far among the reports, each the start of the trace that comes last.
    #[test]
    fn a_long_run_sends_its_trace_so_far() {
        let source = COUNTER.replace("3000", "100000");
        let request = RunRequest::new(source.clone(), "main.py");
        let reports = std::cell::Cell::new(0u32);
        let clock = || 40.0 * reports.get() as f64;
        let mut messages = Vec::new();
        Server::default().serve(
            &Request::Run(request.clone()).to_bytes(),
            &clock,
            &mut |m| {
                if matches!(m, WorkerMessage::Progress(_)) {
                    reports.set(reports.get() + 1);
                }
                messages.push(m)
            },
        );
        let Some((WorkerMessage::Trace(bytes), before)) = messages.split_last() else {
            panic!("the last message is the trace");
        };
        let last = decode_trace(bytes).unwrap();
        assert_eq!(last, interleave_engine::run(&source, &request.options()));
        let copies: Vec<Trace> = before
            .iter()
            .filter_map(|m| match m {
                WorkerMessage::TraceSoFar(b) => Some(decode_trace(b).unwrap()),
                _ => None,
            })
            .collect();
        // Reports 3, 6 and 12 (120, 240 and 480 ms in) are followed by a copy.
        assert!(reports.get() > 12, "{} reports", reports.get());
        assert_eq!(copies.len(), 3, "{} reports", reports.get());
        let positions: Vec<usize> = before
            .iter()
            .enumerate()
            .filter(|(_, m)| matches!(m, WorkerMessage::TraceSoFar(_)))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(positions, [3, 7, 14], "after the 3rd, 6th and 12th report");
        for copy in &copies {
            assert_eq!(copy.outcome, interleave_engine::Outcome::Running);
            assert!(copy.end_ns < last.end_ns);
            assert!(last.outputs.starts_with(&copy.outputs));
        }
        assert!(copies.windows(2).all(|w| w[0].steps < w[1].steps));
    }

    #[test]
    fn inspections_agree_with_the_engine_whatever_the_session_holds() {
        let request = RunRequest::new(COUNTER, "main.py");
        let options = request.options();
        let trace = interleave_engine::run(COUNTER, &options);
        let mut server = Server::default();
        let inspect = |server: &mut Server, at_ns: u64| {
            let mut messages = Vec::new();
            let bytes = Request::Inspect {
                run: request.clone(),
                at_ns,
            }
            .to_bytes();
            server.serve(&bytes, &|| 0.0, &mut |m| messages.push(m));
            match messages.as_slice() {
                [WorkerMessage::Snapshot(s)] => s.clone(),
                other => panic!("expected one snapshot, got {other:?}"),
            }
        };
        // Before any run (replays), forward (resumes), backward (replays again).
        let times = [
            trace.end_ns / 2,
            trace.end_ns * 3 / 4,
            trace.end_ns / 4,
            trace.end_ns,
        ];
        for at_ns in times {
            assert_eq!(
                inspect(&mut server, at_ns),
                interleave_engine::inspect(COUNTER, &options, at_ns),
                "at {at_ns}"
            );
        }
        // After a run, the end comes from the run itself.
        let mut posted = Vec::new();
        server.serve(
            &Request::Run(request.clone()).to_bytes(),
            &|| 0.0,
            &mut |m| posted.push(m),
        );
        let end = inspect(&mut server, trace.end_ns);
        assert!(end.ended);
        assert_eq!(end, interleave_engine::inspect(COUNTER, &options, u64::MAX));
        // Earlier moments come from the run's checkpoints (if any) or a replay, in any order.
        for at_ns in [trace.end_ns / 3, trace.end_ns * 2 / 3, trace.end_ns / 5] {
            assert_eq!(
                inspect(&mut server, at_ns),
                interleave_engine::inspect(COUNTER, &options, at_ns),
                "at {at_ns} after the run"
            );
        }
    }

    #[test]
    fn a_run_keeps_checkpoints_for_earlier_moments() {
        const LONG: &str = "total = 0\nfor i in range(2_000_000):\n    total += i\nprint(total)\n";
        let request = RunRequest::new(LONG, "long.py");
        let mut server = Server::default();
        server.serve(
            &Request::Run(request.clone()).to_bytes(),
            &|| 0.0,
            &mut |_| {},
        );
        let kept = server
            .session
            .as_ref()
            .and_then(|s| s.inspector.as_ref())
            .map_or(0, |i| i.checkpoints());
        assert!(kept >= 10, "the run kept {kept} checkpoints");
        let options = request.options();
        let end_ns = interleave_engine::run(LONG, &options).end_ns;
        for at_ns in [end_ns / 2, end_ns / 5, end_ns * 4 / 5] {
            let bytes = Request::Inspect {
                run: request.clone(),
                at_ns,
            }
            .to_bytes();
            let mut answer = None;
            server.serve(&bytes, &|| 0.0, &mut |m| answer = Some(m));
            match answer {
                Some(WorkerMessage::Snapshot(s)) => {
                    assert_eq!(s, interleave_engine::inspect(LONG, &options, at_ns))
                }
                other => panic!("expected a snapshot, got {other:?}"),
            }
        }
    }
}
