//! The worker's side: answers each run request with the trace (as a transferred
//! `ArrayBuffer`). The engine runs here and only here.

use crate::protocol::{serve_request, ERROR_PREFIX, READY};
use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Installs the message handler and tells the page the worker is ready.
pub fn start() {
    // A panic aborts the worker (a wasm trap, which the page sees as a bare "unreachable"):
    // first tell the page what the panic said.
    std::panic::set_hook(Box::new(|info| {
        let text = format!("{ERROR_PREFIX}the engine panicked: {info}");
        web_sys::console::error_1(&JsValue::from_str(&text));
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.post_message(&JsValue::from_str(&text));
    }));
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = match event.data().dyn_into::<ArrayBuffer>() {
            Ok(buffer) => serve_request(&Uint8Array::new(&buffer).to_vec()),
            Err(_) => Err("the worker expects a run request in an ArrayBuffer".to_string()),
        };
        let sent = match reply {
            Ok(bytes) => {
                let buffer = super::bytes_to_buffer(&bytes);
                reply_to.post_message_with_transfer(&buffer, &Array::of1(&buffer))
            }
            Err(message) => {
                reply_to.post_message(&JsValue::from_str(&format!("{ERROR_PREFIX}{message}")))
            }
        };
        if let Err(e) = sent {
            web_sys::console::error_1(&e);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    if let Err(e) = scope.post_message(&JsValue::from_str(READY)) {
        web_sys::console::error_1(&e);
    }
}
