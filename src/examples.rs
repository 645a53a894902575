//! Example programs shipped with the app; the first one is what the code pane starts with.

/// The `process_data` two-thread example from the course's "Threads" lesson, verbatim.
pub const SEED_FIRST_THREADS: &str = include_str!("../assets/examples/seed_first_threads.py");

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
