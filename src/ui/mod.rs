//! The page's Yew components: [`app::App`] owns the state (the worker, the last run, the
//! playback cursor, the visible window, the settings) and lays out the panes; the others are
//! views of it. [`keys`] maps the keyboard to commands, [`storage`] keeps the user's program.

pub mod app;
pub mod banner;
pub mod code_pane;
pub mod comparison_panel;
pub mod console;
pub mod deadlock_panel;
pub mod explorer_panel;
pub mod gallery_panel;
pub mod inspector;
pub mod keys;
pub mod legend;
pub mod narration;
pub mod predict_panel;
pub mod quiz_panel;
pub mod scheduler_panel;
pub mod settings_panel;
pub mod share_panel;
pub mod shared;
pub mod storage;
pub mod timeline_view;
pub mod toolbar;
pub mod variables;
pub mod wait_graph_view;

pub use app::App;
