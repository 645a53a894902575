//! The worker's side: serves each request ([`crate::protocol::Server`]) and posts what it
//! says — progress and the trace so far while the engine runs, then the trace or snapshot — as transferred
//! `ArrayBuffer`s. The engine runs here and only here.

use crate::protocol::{Server, WorkerMessage};
use js_sys::{Array, ArrayBuffer, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Posts one message to the page. `postMessage` works from inside the synchronous run: the
/// page receives progress while the engine is still busy.
fn post(scope: &DedicatedWorkerGlobalScope, message: &WorkerMessage) {
    let buffer = super::bytes_to_buffer(&message.to_bytes());
    if let Err(e) = scope.post_message_with_transfer(&buffer, &Array::of1(&buffer)) {
        web_sys::console::error_1(&e);
    }
}

/// Installs the message handler and tells the page the worker is ready.
pub fn start() {
    // A panic aborts the worker (a wasm trap, which the page sees as a bare "unreachable"):
    // first tell the page what the panic said.
    std::panic::set_hook(Box::new(|info| {
        let text = format!("the engine panicked: {info}");
        web_sys::console::error_1(&JsValue::from_str(&text));
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        post(&scope, &WorkerMessage::Error(text));
    }));
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    // The last program's session (its end state, a paused replay) lives between requests.
    let server = RefCell::new(Server::default());
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match event.data().dyn_into::<ArrayBuffer>() {
                Ok(buffer) => server.borrow_mut().serve(
                    &Uint8Array::new(&buffer).to_vec(),
                    &super::now_ms,
                    &mut |m| post(&reply_to, &m),
                ),
                Err(_) => post(
                    &reply_to,
                    &WorkerMessage::Error("the worker expects a request in an ArrayBuffer".into()),
                ),
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&scope, &WorkerMessage::Ready);
}
