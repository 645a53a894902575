//! The messages between the page and the engine's worker, as bytes.
//!
//! Page → worker: a [`RunRequest`] encoded with postcard, in a transferable `ArrayBuffer`.
//! Worker → page: first the string [`READY`] (the worker's wasm is loaded and listening), then
//! for each request either the trace's own encoding ([`Trace::to_bytes`]) in a transferable
//! `ArrayBuffer`, or a string starting with [`ERROR_PREFIX`] when the request was unreadable.

use interleave_engine::{RunOptions, Trace};
use serde::{Deserialize, Serialize};

/// What the worker posts once it is ready to take requests.
pub const READY: &str = "ready";

/// Prefix of the text message the worker posts when it cannot serve a request.
pub const ERROR_PREFIX: &str = "error: ";

/// One run of one program: the source and the [`RunOptions`] the page can choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    pub source: String,
    pub filename: String,
    pub seed: u64,
    pub switch_interval_ns: u64,
    pub max_steps: u64,
    pub max_time_ns: u64,
    pub gil: bool,
    pub cores: u32,
    pub preempt_any_instruction: bool,
}

impl RunRequest {
    /// A request for `source` with the engine's default options and the given file name.
    pub fn new(source: impl Into<String>, filename: impl Into<String>) -> RunRequest {
        let defaults = RunOptions::default();
        RunRequest {
            source: source.into(),
            filename: filename.into(),
            seed: defaults.seed,
            switch_interval_ns: defaults.switch_interval_ns,
            max_steps: defaults.max_steps,
            max_time_ns: defaults.max_time_ns,
            gil: defaults.gil,
            cores: defaults.cores,
            preempt_any_instruction: false,
        }
    }

    /// The engine's options for this request; options the request does not carry keep the
    /// engine's defaults.
    pub fn options(&self) -> RunOptions {
        RunOptions {
            filename: self.filename.clone(),
            seed: self.seed,
            switch_interval_ns: self.switch_interval_ns,
            max_steps: self.max_steps,
            max_time_ns: self.max_time_ns,
            gil: self.gil,
            cores: self.cores,
            preempt: if self.preempt_any_instruction {
                interleave_engine::Preempt::AnyInstruction
            } else {
                interleave_engine::Preempt::EvalBreaker
            },
            ..RunOptions::default()
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a run request always serialises")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<RunRequest, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("unreadable run request: {e}"))
    }
}

/// The worker's whole job: decode a request, run the engine, encode the trace.
pub fn serve_request(request_bytes: &[u8]) -> Result<Vec<u8>, String> {
    let request = RunRequest::from_bytes(request_bytes)?;
    let trace = interleave_engine::run(&request.source, &request.options());
    Ok(trace.to_bytes())
}

/// The page's side: turn the worker's bytes back into a trace.
pub fn decode_trace(bytes: &[u8]) -> Result<Trace, String> {
    Trace::from_bytes(bytes).map_err(|e| format!("the engine's trace could not be decoded: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_round_trips_and_keeps_default_options() {
        let request = RunRequest::new("print(1)\n", "main.py");
        assert_eq!(
            RunRequest::from_bytes(&request.to_bytes()),
            Ok(request.clone())
        );
        let options = request.options();
        assert_eq!(
            options,
            RunOptions {
                filename: "main.py".into(),
                ..RunOptions::default()
            }
        );
    }

    #[test]
    fn garbage_request_is_an_error_not_a_panic() {
        assert!(RunRequest::from_bytes(&[0xff, 0xff, 0xff]).is_err());
        assert!(serve_request(&[0xff]).is_err());
    }

    #[test]
    fn served_bytes_decode_to_a_trace() {
        let bytes = serve_request(&RunRequest::new("x = 1\n", "main.py").to_bytes()).unwrap();
        let trace = decode_trace(&bytes).unwrap();
        assert_eq!(trace.to_bytes(), bytes);
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
