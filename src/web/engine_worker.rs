//! The page's side of the engine's worker: starts it as a module worker, waits for its
//! "ready", sends requests (queued until ready) and reports what comes back. Dropping it
//! terminates the worker, which is how a run is stopped.

use crate::protocol::WorkerMessage;
use interleave_engine::{Progress, Snapshot};
use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's script: Trunk's loader shim for the `worker` binary (never hashed).
pub const WORKER_SCRIPT: &str = "./worker_loader.js";

/// What the worker said.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerEvent {
    Ready,
    /// How far the current run has got (every ~2^18 instructions, and at its end).
    Progress(Progress),
    /// An encoded trace (decode with [`crate::protocol::decode_trace`]).
    Trace(Vec<u8>),
    /// The running program's trace so far, encoded the same way.
    TraceSoFar(Vec<u8>),
    /// The program's state at the time an inspect request asked for.
    Snapshot(Snapshot),
    /// A trace as Chrome Trace Event JSON, for download.
    ChromeTrace(String),
    /// The race explorer's tally so far.
    Explored(crate::explore::Tally),
    /// A program packed for a share link.
    Packed {
        code: String,
        packed: String,
    },
    /// A share link's program, unpacked (or why not).
    Unpacked(Result<String, String>),
    Simulated(Vec<crate::comparison::SimulatedRun>),
    /// The gallery's scenarios and quizzes.
    Gallery(crate::gallery::Gallery),
    /// The worker could not load, crashed, or refused a request.
    Failed(String),
}

pub struct EngineWorker {
    worker: Worker,
    ready: bool,
    /// Requests sent before the worker was ready, in order.
    pending: Vec<Vec<u8>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl EngineWorker {
    /// Starts a worker; `on_event` hears everything it says.
    pub fn spawn(on_event: impl Fn(WorkerEvent) + 'static) -> Result<EngineWorker, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(WORKER_SCRIPT, &options).map_err(|e| {
            format!(
                "the engine worker could not be created: {}",
                super::js_error_text(&e)
            )
        })?;
        let on_event = std::rc::Rc::new(on_event);
        let on_event_too = on_event.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            on_event(message_event(event.data()));
        });
        // A script that fails to load fires a plain `Event`; an exception in the worker (a
        // panic traps) fires an `ErrorEvent` with a message.
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            event.prevent_default();
            let message = event
                .dyn_ref::<ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_default();
            on_event_too(WorkerEvent::Failed(if message.is_empty() {
                "the engine worker failed to load".to_string()
            } else {
                format!("the engine worker failed: {message}")
            }));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(EngineWorker {
            worker,
            ready: false,
            pending: Vec::new(),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// The worker said "ready": send what was waiting.
    pub fn mark_ready(&mut self) -> Result<(), String> {
        self.ready = true;
        for bytes in std::mem::take(&mut self.pending) {
            self.post(&bytes)?;
        }
        Ok(())
    }

    /// Sends an encoded [`crate::protocol::Request`] now, or once the worker is ready.
    pub fn request(&mut self, bytes: Vec<u8>) -> Result<(), String> {
        if self.ready {
            self.post(&bytes)
        } else {
            self.pending.push(bytes);
            Ok(())
        }
    }

    fn post(&self, bytes: &[u8]) -> Result<(), String> {
        let buffer = super::bytes_to_buffer(bytes);
        self.worker
            .post_message_with_transfer(&buffer, &Array::of1(&buffer))
            .map_err(|e| {
                format!(
                    "could not send the program to the engine worker: {}",
                    super::js_error_text(&e)
                )
            })
    }
}

impl Drop for EngineWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn message_event(data: JsValue) -> WorkerEvent {
    let Ok(buffer) = data.dyn_into::<ArrayBuffer>() else {
        return WorkerEvent::Failed("the engine worker sent an unexpected message".into());
    };
    match WorkerMessage::from_bytes(&Uint8Array::new(&buffer).to_vec()) {
        Ok(WorkerMessage::Ready) => WorkerEvent::Ready,
        Ok(WorkerMessage::Progress(p)) => WorkerEvent::Progress(p),
        Ok(WorkerMessage::Trace(bytes)) => WorkerEvent::Trace(bytes),
        Ok(WorkerMessage::TraceSoFar(bytes)) => WorkerEvent::TraceSoFar(bytes),
        Ok(WorkerMessage::Snapshot(s)) => WorkerEvent::Snapshot(s),
        Ok(WorkerMessage::ChromeTrace(json)) => WorkerEvent::ChromeTrace(json),
        Ok(WorkerMessage::Explored(tally)) => WorkerEvent::Explored(tally),
        Ok(WorkerMessage::Packed { code, packed }) => WorkerEvent::Packed { code, packed },
        Ok(WorkerMessage::Unpacked(result)) => WorkerEvent::Unpacked(result),
        Ok(WorkerMessage::Simulated(runs)) => WorkerEvent::Simulated(runs),
        Ok(WorkerMessage::Gallery(bytes)) => match crate::gallery::decode(&bytes) {
            Ok(gallery) => WorkerEvent::Gallery(gallery),
            Err(message) => WorkerEvent::Failed(message),
        },
        Ok(WorkerMessage::Error(message)) => WorkerEvent::Failed(message),
        Err(message) => WorkerEvent::Failed(message),
    }
}
