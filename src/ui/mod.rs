//! The page's Yew components: [`app::App`] owns the state (the worker, the last run, the
//! playback clock) and lays out the panes; the others are views of it.

pub mod app;
pub mod banner;
pub mod code_pane;
pub mod console;
pub mod legend;
pub mod shared;
pub mod timeline_view;
pub mod toolbar;

pub use app::App;
