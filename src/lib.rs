//! The Interleave web app's library, shared by the page (`src/bin/app.rs`) and the engine's
//! Web Worker (`src/bin/worker.rs`).
//!
//! Pure modules (no browser APIs, unit-tested natively): [`examples`], [`gallery`], [`protocol`],
//! [`share`], [`predict`], [`scheduler_mode`], [`timeline`], [`playback`], [`console_view`], [`format`]. Browser glue: [`web`] (the worker
//! on both of its sides, canvas drawing) and [`ui`] (the Yew components of the page).
//! The engine runs only in the worker; the page only decodes the trace it sends back.

pub mod comparison;
pub mod console_view;
pub mod examples;
pub mod explore;
pub mod format;
pub mod gallery;
pub mod highlight;
pub mod playback;
pub mod predict;
pub mod protocol;
pub mod scheduler_mode;
pub mod settings;
pub mod share;
pub mod timeline;
pub mod ui;
pub mod web;
