//! The console's content at a playback cursor: the program's outputs grouped into runs of one
//! stream, each either already printed at the cursor ("reached") or not yet.

use interleave_engine::trace::{Output, Stream};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleRun {
    pub stream: Stream,
    pub reached: bool,
    pub text: String,
}

/// How many outputs (they are in time order) were printed at or before `cursor_ns`.
pub fn reached_count(outputs: &[Output], cursor_ns: u64) -> usize {
    outputs.partition_point(|o| o.t_ns <= cursor_ns)
}

/// The outputs as runs: consecutive outputs of one stream and one reached-ness are joined,
/// so the console needs only a few elements however many prints there were. The runs' texts
/// concatenated are exactly stdout and stderr interleaved as printed.
pub fn console_runs(outputs: &[Output], reached: usize) -> Vec<ConsoleRun> {
    let mut runs: Vec<ConsoleRun> = Vec::new();
    for (i, output) in outputs.iter().enumerate() {
        let is_reached = i < reached;
        match runs.last_mut() {
            Some(run) if run.stream == output.stream && run.reached == is_reached => {
                run.text.push_str(&output.text)
            }
            _ => runs.push(ConsoleRun {
                stream: output.stream,
                reached: is_reached,
                text: output.text.clone(),
            }),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(t_ns: u64, stream: Stream, text: &str) -> Output {
        Output {
            t_ns,
            thread: 0,
            stream,
            text: text.into(),
        }
    }

    fn sample() -> Vec<Output> {
        vec![
            out(0, Stream::Stdout, "a\n"),
            out(10, Stream::Stdout, "b\n"),
            out(20, Stream::Stderr, "Traceback\n"),
            out(20, Stream::Stderr, "  boom\n"),
            out(30, Stream::Stdout, "c\n"),
        ]
    }

    #[test]
    fn cursor_splits_by_time_inclusive() {
        let outputs = sample();
        assert_eq!(reached_count(&outputs, 0), 1);
        assert_eq!(reached_count(&outputs, 19), 2);
        assert_eq!(reached_count(&outputs, 20), 4);
        assert_eq!(reached_count(&outputs, 1_000), 5);
        assert_eq!(reached_count(&[], 5), 0);
    }

    #[test]
    fn runs_join_one_stream_and_keep_the_text_exact() {
        let outputs = sample();
        let runs = console_runs(&outputs, 2);
        assert_eq!(
            runs,
            [
                ConsoleRun {
                    stream: Stream::Stdout,
                    reached: true,
                    text: "a\nb\n".into()
                },
                ConsoleRun {
                    stream: Stream::Stderr,
                    reached: false,
                    text: "Traceback\n  boom\n".into()
                },
                ConsoleRun {
                    stream: Stream::Stdout,
                    reached: false,
                    text: "c\n".into()
                },
            ]
        );
        let all: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(all, "a\nb\nTraceback\n  boom\nc\n");
        assert_eq!(
            console_runs(&outputs, 1)[1].text,
            "b\n",
            "split inside a stream"
        );
        assert!(console_runs(&[], 0).is_empty());
    }
}
