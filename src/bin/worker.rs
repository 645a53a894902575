//! The engine's Web Worker (loaded by Trunk's `worker_loader.js` as a module worker): runs
//! each program it is sent and posts the trace back.

fn main() {
    interleave_app::web::worker_main::start();
}
