//! Browser glue: the engine's Web Worker seen from the page ([`engine_worker`]) and from the
//! inside ([`worker_main`]), drawing the timeline on a canvas ([`canvas`]), and downloads,
//! the clipboard and the page's address ([`files`]), the comparison view's real rayon pool
//! ([`real_pool`]).

pub mod canvas;
pub mod engine_worker;
pub mod files;
pub mod real_pool;
pub mod worker_main;

use wasm_bindgen::{JsCast, JsValue};

/// Copies `bytes` into a fresh `ArrayBuffer` that can be transferred by `postMessage`.
pub fn bytes_to_buffer(bytes: &[u8]) -> js_sys::ArrayBuffer {
    let array = js_sys::Uint8Array::new_with_length(bytes.len() as u32);
    array.copy_from(bytes);
    array.buffer()
}

/// `performance.now()`, in milliseconds, on the page or in a worker (0 where there is no
/// performance clock).
pub fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

/// A readable text for a thrown JavaScript value.
pub fn js_error_text(error: &JsValue) -> String {
    if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
