//! The messages between the page and the engine's worker, kept free of browser APIs so they
//! are unit-tested natively; the worker's whole job, serving them, is [`server`].
//!
//! Every message, both ways, is postcard bytes in a transferable `ArrayBuffer`:
//!
//! - page → worker: a [`Request`]: [`Request::Run`] (run a program, answer with its trace) or
//!   [`Request::Inspect`] (the program's state at a virtual time, answer with a snapshot) or
//!   [`Request::Gallery`] (the scenarios the worker embeds, answer [`WorkerMessage::Gallery`])
//!   or [`Request::ChromeTrace`] (a trace as Chrome Trace Event JSON, for download) or
//!   [`Request::Explore`] (the race explorer: the run under many seeds, tallied) or
//!   [`Request::Pack`] / [`Request::Unpack`] (a share link's program, compressed);
//! - worker → page: [`WorkerMessage`]s: [`WorkerMessage::Ready`] once its wasm is loaded and
//!   listening; during a run, [`WorkerMessage::Progress`] every [`PROGRESS_EVERY_STEPS`]
//!   instructions and once at the end, and, when the run lasts, [`WorkerMessage::TraceSoFar`]
//!   now and then ([`LiveTraces`]); then [`WorkerMessage::Trace`] (the trace's own encoding,
//!   [`Trace::to_bytes`]), or [`WorkerMessage::Snapshot`] for an inspection, or

mod server;

pub use server::{
    serve_request, LiveTraces, Server, FIRST_TRACE_SO_FAR_MS, MAX_TRACE_SO_FAR_GAP_MS,
    PROGRESS_EVERY_STEPS, TRACE_SO_FAR_COST_FACTOR,
};

use interleave_engine::{Director, Preempt, Progress, RunOptions, Snapshot, Trace};
use serde::{Deserialize, Serialize};

/// One program and every [`RunOptions`] the page's settings can change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    pub source: String,
    pub filename: String,
    /// `sys.getswitchinterval()`, in nanoseconds.
    pub switch_interval_ns: u64,
    /// `false`: a free-threaded build (no GIL).
    pub gil: bool,
    /// Cores that run threads (without the GIL) and processes.
    pub cores: u32,
    /// Where the GIL holder may be asked to drop it.
    pub preempt: Preempt,
    pub seed: u64,
    pub max_steps: u64,
    pub max_time_ns: u64,
    /// asyncio's debug mode (slow-callback warnings).
    pub asyncio_debug: bool,
    /// Who picks the next thread instead of the GIL ("you are the scheduler", a PCT
    /// schedule opened from the race explorer); `None` for CPython's own schedule.
    pub director: Option<Director>,
    /// Record lost updates in the trace (the race explorer's marks).
    pub watch_conflicts: bool,
}

impl RunRequest {
    /// A request for `source` with the engine's default options and the given file name.
    pub fn new(source: impl Into<String>, filename: impl Into<String>) -> RunRequest {
        let defaults = RunOptions::default();
        RunRequest {
            source: source.into(),
            filename: filename.into(),
            switch_interval_ns: defaults.switch_interval_ns,
            gil: defaults.gil,
            cores: defaults.cores,
            preempt: defaults.preempt,
            seed: defaults.seed,
            max_steps: defaults.max_steps,
            max_time_ns: defaults.max_time_ns,
            asyncio_debug: defaults.asyncio_debug,
            director: None,
            watch_conflicts: false,
        }
    }

    /// The engine's options for this request.
    pub fn options(&self) -> RunOptions {
        RunOptions {
            filename: self.filename.clone(),
            seed: self.seed,
            switch_interval_ns: self.switch_interval_ns,
            max_steps: self.max_steps,
            max_time_ns: self.max_time_ns,
            preempt: self.preempt,
            gil: self.gil,
            cores: self.cores,
            asyncio_debug: self.asyncio_debug,
            director: self.director.clone(),
            watch_conflicts: self.watch_conflicts,
        }
    }
}

/// What the page asks the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Run the program; answered by progress reports and the trace.
    Run(RunRequest),
    /// The program's state at virtual time `at_ns` of the run `run` describes (see
    /// [`interleave_engine::inspect`]); answered by a snapshot.
    Inspect { run: RunRequest, at_ns: u64 },
    /// The gallery's scenarios (embedded in the worker, see [`crate::gallery`]).
    Gallery,
    /// A trace (as [`WorkerMessage::Trace`] carried it) as Chrome Trace Event JSON.
    ChromeTrace(#[serde(with = "byte_buf")] Vec<u8>),
    /// The race explorer: run `run` `seeds` times, each under another schedule of
    /// `strategy`, and tally how each ends; answered with the tally so far after every run.
    Explore {
        run: RunRequest,
        seeds: u32,
        strategy: crate::explore::Strategy,
    },
    /// Pack a program for a share link ([`crate::share::pack_code`]).
    Pack(String),
    /// Unpack a share link's program ([`crate::share::unpack_code`]).
    Unpack(String),
    /// The comparison view's simulated side: [`crate::comparison::SIMULATED`]'s programs, the
    /// process pool and the free-threaded build on `cores` cores; answered with their runs.
    Simulate { cores: u32 },
}

impl Request {
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a request always serialises")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Request, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("unreadable request: {e}"))
    }
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkerMessage {
    /// The worker's wasm is loaded: requests can be sent.
    Ready,
    /// How far the current run has got.
    Progress(Progress),
    /// A run's trace, in its own encoding ([`Trace::to_bytes`]; decode with [`decode_trace`]).
    Trace(#[serde(with = "byte_buf")] Vec<u8>),
    /// The running program's trace so far (outcome [`interleave_engine::Outcome::Running`]),
    /// encoded as [`WorkerMessage::Trace`].
    TraceSoFar(#[serde(with = "byte_buf")] Vec<u8>),
    /// The answer to [`Request::Inspect`].
    Snapshot(Snapshot),
    /// The answer to [`Request::Gallery`]: the scenarios, encoded (decode with
    /// [`crate::gallery::decode`]).
    Gallery(#[serde(with = "byte_buf")] Vec<u8>),
    /// The answer to [`Request::ChromeTrace`]: JSON that Perfetto UI opens.
    ChromeTrace(String),
    /// The race explorer's tally after each run of a [`Request::Explore`].
    Explored(crate::explore::Tally),
    /// The answer to [`Request::Pack`]: the program and its packed form.
    Packed { code: String, packed: String },
    /// The answer to [`Request::Unpack`]: the program, or why it could not be read.
    Unpacked(Result<String, String>),
    /// The simulated side of the comparison, in [`crate::comparison::SIMULATED`]'s order.
    Simulated(Vec<crate::comparison::SimulatedRun>),
    /// A request could not be served (unreadable), or the engine panicked.
    Error(String),
}

impl WorkerMessage {
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a worker message always serialises")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<WorkerMessage, String> {
        postcard::from_bytes(bytes)
            .map_err(|e| format!("the engine worker's message could not be decoded: {e}"))
    }
}

/// The trace's bytes as one byte string (length and raw bytes), not a sequence of numbers, so
/// they are copied in one go.
pub(crate) mod byte_buf {
    use serde::{de, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        d.deserialize_byte_buf(Visitor)
    }
}

/// The page's side: turn the worker's bytes back into a trace.
pub fn decode_trace(bytes: &[u8]) -> Result<Trace, String> {
    Trace::from_bytes(bytes).map_err(|e| format!("the engine's trace could not be decoded: {e}"))
}

/// A small threaded program the tests of both halves run.
#[cfg(test)]
const COUNTER: &str = "\
import threading

counter = 0
lock = threading.Lock()

def work(n):
    global counter
    for i in range(n):
        with lock:
            counter += 1

threads = [threading.Thread(target=work, args=(3000,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
";

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(message: WorkerMessage) {
        let bytes = message.to_bytes();
        assert_eq!(WorkerMessage::from_bytes(&bytes), Ok(message));
        assert!(WorkerMessage::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn requests_round_trip_with_every_setting() {
        let mut run = RunRequest::new("print(1)\n", "main.py");
        assert_eq!(
            run.options(),
            RunOptions {
                filename: "main.py".into(),
                ..RunOptions::default()
            }
        );
        run.switch_interval_ns = 1_000;
        run.gil = false;
        run.cores = 8;
        run.preempt = Preempt::AnyInstruction;
        run.seed = 7;
        run.max_steps = 99;
        run.max_time_ns = 1_234;
        run.asyncio_debug = true;
        run.director = Some(Director::Picks(vec![1, 2, 1]));
        run.watch_conflicts = true;
        assert_eq!(
            run.options(),
            RunOptions {
                filename: "main.py".into(),
                seed: 7,
                switch_interval_ns: 1_000,
                max_steps: 99,
                max_time_ns: 1_234,
                preempt: Preempt::AnyInstruction,
                gil: false,
                cores: 8,
                asyncio_debug: true,
                director: Some(Director::Picks(vec![1, 2, 1])),
                watch_conflicts: true,
            }
        );
        for request in [
            Request::Run(run.clone()),
            Request::Inspect {
                run,
                at_ns: 5_000_000,
            },
        ] {
            assert_eq!(Request::from_bytes(&request.to_bytes()), Ok(request));
        }
    }

    #[test]
    fn worker_messages_round_trip() {
        round_trip(WorkerMessage::Ready);
        round_trip(WorkerMessage::Progress(Progress {
            steps: 1 << 20,
            t_ns: 12_345,
        }));
        round_trip(WorkerMessage::Trace(vec![0, 1, 2, 255, 128]));
        round_trip(WorkerMessage::TraceSoFar(vec![3, 4]));
        round_trip(WorkerMessage::Error("unreadable request".into()));
        let snapshot = interleave_engine::inspect(COUNTER, &RunOptions::default(), 1_000_000);
        assert!(!snapshot.threads.is_empty());
        round_trip(WorkerMessage::Snapshot(snapshot));
    }

    #[test]
    fn trace_bytes_are_carried_as_one_byte_string() {
        let payload: Vec<u8> = (0..=255).collect();
        let bytes = WorkerMessage::Trace(payload.clone()).to_bytes();
        // Tag, length (varint 256 = two bytes), then the bytes themselves.
        assert_eq!(bytes.len(), 1 + 2 + payload.len());
        assert_eq!(&bytes[3..], &payload[..]);
    }

    #[test]
    fn truncated_trace_is_an_error() {
        let trace = Trace {
            end_ns: 42,
            filename: "main.py".into(),
            ..Trace::default()
        };
        let bytes = trace.to_bytes();
        assert_eq!(decode_trace(&bytes), Ok(trace));
        assert!(decode_trace(&bytes[..bytes.len() - 1]).is_err());
    }
}
