//! Colours. Thread states use the Okabe–Ito colour-blind-safe palette; each thread also gets
//! an identity colour (its lane label swatch, and its GIL holds) from a second set chosen to
//! stay apart from the state colours.

use super::model::{Fill, StateKind};
use interleave_engine::trace::ThreadId;

/// Okabe–Ito colours for the thread states (a finished thread draws nothing).
pub fn state_colour(state: StateKind) -> &'static str {
    match state {
        StateKind::Running => "#009E73",       // bluish green
        StateKind::WaitingForGil => "#E69F00", // orange
        StateKind::Sleeping => "#56B4E9",      // sky blue
        StateKind::Blocked => "#CC79A7",       // reddish purple
    }
}

/// Identity colours of threads, in thread id order, repeating.
pub const THREAD_COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#882255", "#999933", "#332288", "#117733", "#AA4499", "#DDCC77",
];

pub fn thread_colour(thread: ThreadId) -> &'static str {
    THREAD_COLOURS[thread as usize % THREAD_COLOURS.len()]
}

/// Text colour that reads on top of `thread_colour(thread)`.
pub fn thread_text_colour(thread: ThreadId) -> &'static str {
    match thread_colour(thread) {
        "#999933" | "#DDCC77" => "#1a1a1a",
        _ => "#ffffff",
    }
}

pub fn fill_colour(fill: Fill) -> &'static str {
    match fill {
        Fill::State(state) => state_colour(state),
        Fill::Holder(thread) => thread_colour(thread),
    }
}

/// The GIL drop-request ticks.
pub const DROP_REQUEST: &str = "#1a1a1a";
/// The playback cursor.
pub const CURSOR: &str = "#c1121f";
/// Grid lines and axis text.
pub const GRID: &str = "#e4e7eb";
pub const AXIS_TEXT: &str = "#4a5361";
/// Laid over everything right of the cursor: not reached yet.
pub const FUTURE_VEIL: &str = "rgba(255, 255, 255, 0.72)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_colours_are_distinct() {
        let colours: Vec<&str> = StateKind::ALL.iter().map(|&s| state_colour(s)).collect();
        for (i, a) in colours.iter().enumerate() {
            assert!(!colours[i + 1..].contains(a));
            assert!(
                !THREAD_COLOURS.contains(a),
                "{a} is both a state and a thread colour"
            );
        }
    }

    #[test]
    fn thread_colours_repeat() {
        assert_eq!(thread_colour(0), thread_colour(8));
        assert_ne!(thread_colour(0), thread_colour(1));
        assert_eq!(fill_colour(Fill::Holder(1)), thread_colour(1));
    }
}
