//! The comparison view's real rayon pool, seen from the page: a dedicated module Worker at
//! `parallel/parallel-worker.js` (copied from `assets/parallel/` with the nightly-built module),
//! created only when the comparison asks for it, and terminated to cancel a run.

use crate::comparison::RealRun;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

const POOL_SCRIPT: &str = "./parallel/parallel-worker.js";

/// What the pool's worker said.
#[derive(Clone, Debug, PartialEq)]
pub enum PoolEvent {
    /// The module is loaded and `threads` rayon threads are up, `ms` after asking.
    Ready {
        ms: f64,
        threads: u32,
    },
    Finished(RealRun),
    Failed(String),
}

pub struct RealPool {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

fn field(v: &JsValue, name: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn event_of(data: &JsValue) -> PoolEvent {
    let number = |name: &str| field(data, name).as_f64().unwrap_or(0.0);
    match field(data, "type").as_string().as_deref() {
        Some("ready") => PoolEvent::Ready {
            ms: number("ms"),
            threads: number("threads") as u32,
        },
        Some("result") => {
            let intervals = Array::from(&field(data, "intervals"))
                .iter()
                .map(|i| {
                    let i = Array::from(&i);
                    let at = |k: u32| i.get(k).as_f64().unwrap_or(0.0);
                    (at(0) as u32, at(1), at(2))
                })
                .collect();
            PoolEvent::Finished(RealRun {
                mode: field(data, "mode").as_string().unwrap_or_default(),
                result: field(data, "result").as_string().unwrap_or_default(),
                start_ms: number("start_ms"),
                end_ms: number("end_ms"),
                intervals,
            })
        }
        _ => PoolEvent::Failed(
            field(data, "message")
                .as_string()
                .unwrap_or_else(|| "the real pool failed".to_string()),
        ),
    }
}

impl RealPool {
    /// Starts the worker and asks it for a pool of `threads` threads.
    pub fn start(threads: u32, on_event: impl Fn(PoolEvent) + 'static) -> Result<RealPool, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(POOL_SCRIPT, &options).map_err(|e| {
            format!(
                "the pool's worker could not be created: {}",
                super::js_error_text(&e)
            )
        })?;
        let on_event = std::rc::Rc::new(on_event);
        let on_event_too = on_event.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            on_event(event_of(&event.data()));
        });
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            event.prevent_default();
            let message = event
                .dyn_ref::<ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the pool's module failed to load".to_string());
            on_event_too(PoolEvent::Failed(message));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let pool = RealPool {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        };
        pool.post(&[
            ("type", "init".into()),
            ("threads", f64::from(threads).into()),
        ])?;
        Ok(pool)
    }

    /// Runs `kernel` over `0..n` in `chunks` chunks the way `mode` says.
    pub fn run(&self, kernel: &str, mode: &str, n: u64, chunks: u32) -> Result<(), String> {
        self.post(&[
            ("type", "run".into()),
            ("id", 1.0.into()),
            ("kernel", kernel.into()),
            ("mode", mode.into()),
            ("n", (n as f64).into()),
            ("chunks", f64::from(chunks).into()),
        ])
    }

    fn post(&self, fields: &[(&str, JsValue)]) -> Result<(), String> {
        let message = Object::new();
        for (k, v) in fields {
            let _ = Reflect::set(&message, &JsValue::from_str(k), v);
        }
        self.worker
            .post_message(&message)
            .map_err(|e| super::js_error_text(&e))
    }
}

impl Drop for RealPool {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Whether the page can share memory between workers (`crossOriginIsolated`), and whether it
/// sits in a frame of another page (where no service worker can isolate it).
pub fn isolation() -> (bool, bool) {
    let Some(window) = web_sys::window() else {
        return (false, false);
    };
    let isolated = field(&window, "crossOriginIsolated")
        .as_bool()
        .unwrap_or(false);
    let framed = window
        .top()
        .ok()
        .flatten()
        .is_some_and(|top| !JsValue::from(top).loose_eq(&JsValue::from(window.clone())));
    (isolated, framed)
}

/// `navigator.hardwareConcurrency` (at least 1).
pub fn cores() -> u32 {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as u32)
        .unwrap_or(1)
        .max(1)
}
