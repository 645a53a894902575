//! The program the code pane starts with (a gallery scenario), and the file name runs use.

/// The `process_data` two-thread example from the course's "Threads" lesson, verbatim (the
/// gallery's `threads-gil/first-threads`).
pub const SEED_FIRST_THREADS: &str = include_str!("../scenarios/threads-gil/first-threads.py");

/// The program the code pane shows when the page opens.
pub const DEFAULT_PROGRAM: &str = SEED_FIRST_THREADS;

/// The file name runs of the code pane use (tracebacks and errors show it).
pub const DEFAULT_FILENAME: &str = "main.py";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_program_is_the_two_thread_example() {
        assert!(DEFAULT_PROGRAM.starts_with("import threading\nimport time\n"));
        assert!(DEFAULT_PROGRAM.contains("def process_data(name: str, count: int):"));
        assert!(DEFAULT_PROGRAM.ends_with("thread2.join()\n"));
    }
}
