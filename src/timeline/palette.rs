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
        StateKind::Finished => "#c9ced6",      // light grey, drawn as a thin band
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
        Fill::Task(task) => task_colour(task),
        Fill::Level => LEVEL,
        Fill::Empty => EMPTY,
    }
}

/// Colours of asyncio tasks on an event-loop lane (Paul Tol's "muted" set, repeating).
pub const TASK_COLOURS: [&str; 8] = [
    "#44AA99", "#CC6677", "#88CCEE", "#DDCC77", "#AA4499", "#117733", "#999933", "#882255",
];

pub fn task_colour(task: u32) -> &'static str {
    TASK_COLOURS[task as usize % TASK_COLOURS.len()]
}

/// A primitive holding something (permits, items, set) without an owner.
pub const LEVEL: &str = "#7f8fa6";
/// A primitive with nothing in it.
pub const EMPTY: &str = "#e2e6ec";
/// Frozen event loop stretches.
pub const ALERT: &str = "rgba(213, 94, 0, 0.28)";
/// Arrows between lanes.
pub const ARROW: &str = "rgba(26, 26, 26, 0.55)";
/// The deadlock mark and the outline of deadlocked lanes.
pub const DEADLOCK: &str = "#c1121f";
/// Arrows from an asyncio task's step to the task it woke.
pub const AWAIT: &str = "#5e3c99";
/// Counts (waiters, ready queue) under a lane's bar.
pub const COUNT: &str = "#1a1a1a";

/// The GIL drop-request ticks.
pub const DROP_REQUEST: &str = "#1a1a1a";
/// The playback cursor.
pub const CURSOR: &str = "#c1121f";
/// Grid lines and axis text.
pub const GRID: &str = "#e4e7eb";
pub const AXIS_TEXT: &str = "#4a5361";
/// Laid over everything right of the cursor: not reached yet.
pub const FUTURE_VEIL: &str = "rgba(255, 255, 255, 0.72)";

/// The canvas's neutral colours for the page's light or dark theme (the state and thread
/// colours are the same in both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub lane_stripe: &'static str,
    pub gil_lane: &'static str,
    pub process_lane: &'static str,
    pub text: &'static str,
    pub grid: &'static str,
    pub veil: &'static str,
    pub arrow: &'static str,
    pub count: &'static str,
    pub tick: &'static str,
}

pub const LIGHT: Theme = Theme {
    lane_stripe: "#f6f7f9",
    gil_lane: "#eef1f5",
    process_lane: "#dde3ea",
    text: AXIS_TEXT,
    grid: GRID,
    veil: FUTURE_VEIL,
    arrow: ARROW,
    count: COUNT,
    tick: DROP_REQUEST,
};

pub const DARK: Theme = Theme {
    lane_stripe: "#1b1f25",
    gil_lane: "#20262e",
    process_lane: "#2b333d",
    text: "#b8c0cc",
    grid: "#2c333c",
    veil: "rgba(17, 20, 24, 0.72)",
    arrow: "rgba(235, 235, 235, 0.6)",
    count: "#e8e8e8",
    tick: "#e8e8e8",
};

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
