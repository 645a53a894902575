//! The keyboard: which key does what (pure, so it is unit-tested), and whether a key event
//! belongs to a text field instead.

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    TogglePlay,
    /// One event back (−1) or forward (+1).
    Step(i32),
    /// One GIL switch back or forward.
    GilStep(i32),
    Start,
    End,
    /// Zoom by a factor; 0 fits the whole run.
    Zoom(f64),
    /// Pan by a fraction of the window.
    Pan(f64),
    /// "You are the scheduler": pick the choice with this key (1–9).
    Choose(usize),
    /// "You are the scheduler": take the last pick back.
    Undo,
}

/// The command for `key` (a `KeyboardEvent.key`) with Shift / Alt held.
pub fn command(key: &str, shift: bool, alt: bool) -> Option<Command> {
    Some(match key {
        " " | "k" => Command::TogglePlay,
        "ArrowLeft" if alt => Command::Pan(-0.25),
        "ArrowRight" if alt => Command::Pan(0.25),
        "ArrowLeft" if shift => Command::GilStep(-1),
        "ArrowRight" if shift => Command::GilStep(1),
        "ArrowLeft" | "j" => Command::Step(-1),
        "ArrowRight" | "l" => Command::Step(1),
        "Home" => Command::Start,
        "End" => Command::End,
        "+" | "=" => Command::Zoom(2.0),
        "-" | "_" => Command::Zoom(0.5),
        "0" => Command::Zoom(0.0),
        "PageUp" => Command::Step(-1),
        "PageDown" => Command::Step(1),
        "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" => {
            Command::Choose(key.parse().unwrap_or(1))
        }
        "Backspace" | "u" => Command::Undo,
        _ => return None,
    })
}

/// Keys typed into these elements are theirs, not playback's.
pub fn is_text_field(tag: &str) -> bool {
    matches!(tag, "TEXTAREA" | "INPUT" | "SELECT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playback_keys() {
        assert_eq!(command(" ", false, false), Some(Command::TogglePlay));
        assert_eq!(command("ArrowLeft", false, false), Some(Command::Step(-1)));
        assert_eq!(
            command("ArrowRight", true, false),
            Some(Command::GilStep(1))
        );
        assert_eq!(command("ArrowRight", false, true), Some(Command::Pan(0.25)));
        assert_eq!(command("Home", false, false), Some(Command::Start));
        assert_eq!(command("End", false, false), Some(Command::End));
        assert_eq!(command("+", false, false), Some(Command::Zoom(2.0)));
        assert_eq!(command("0", false, false), Some(Command::Zoom(0.0)));
        assert_eq!(command("PageDown", false, false), Some(Command::Step(1)));
        assert_eq!(command("3", false, false), Some(Command::Choose(3)));
        assert_eq!(command("Backspace", false, false), Some(Command::Undo));
        assert_eq!(command("x", false, false), None);
        assert!(is_text_field("TEXTAREA") && !is_text_field("CANVAS"));
    }
}
