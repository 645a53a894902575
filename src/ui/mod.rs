//! The page's Yew components: [`app::App`] owns the state (the worker, the last run, the
//! playback cursor, the visible window, the settings) and lays out the panes; the others are
//! views of it. [`keys`] maps the keyboard to commands, [`storage`] keeps the user's program.

pub mod app;
pub mod banner;
pub mod code_pane;
pub mod console;
pub mod deadlock_panel;
pub mod inspector;
pub mod keys;
pub mod legend;
pub mod settings_panel;
pub mod shared;
pub mod storage;
pub mod timeline_view;
pub mod toolbar;
pub mod variables;

pub use app::App;
