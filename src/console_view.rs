//! The console's content: the program's outputs cut into lines, each tagged with the thread
//! and virtual time that began it, and whether the playback cursor has reached each piece.

use interleave_engine::trace::{Output, Stream, ThreadId};

/// Lines beyond this many are summarised, so a chatty program cannot flood the page.
pub const MAX_LINES: usize = 5_000;

/// A piece of one output inside one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// Index into the trace's outputs (reached when below the cursor's count).
    pub output: usize,
    pub stream: Stream,
    pub text: String,
}

/// One console line (its text ends with `\n` unless it is the unfinished last line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleLine {
    pub t_ns: u64,
    pub thread: ThreadId,
    pub fragments: Vec<Fragment>,
}

/// How many outputs (they are in time order) were printed at or before `cursor_ns`.
pub fn reached_count(outputs: &[Output], cursor_ns: u64) -> usize {
    outputs.partition_point(|o| o.t_ns <= cursor_ns)
}

/// The outputs as lines. Concatenating every fragment gives exactly stdout and stderr
/// interleaved as printed. Returns the lines (at most [`MAX_LINES`]) and how many more
/// there were.
pub fn console_lines(outputs: &[Output]) -> (Vec<ConsoleLine>, usize) {
    let mut lines: Vec<ConsoleLine> = Vec::new();
    let mut open = false;
    let mut extra = 0usize;
    for (index, output) in outputs.iter().enumerate() {
        for piece in output.text.split_inclusive('\n') {
            if !open {
                if lines.len() == MAX_LINES {
                    extra += 1;
                    continue;
                }
                lines.push(ConsoleLine {
                    t_ns: output.t_ns,
                    thread: output.thread,
                    fragments: Vec::new(),
                });
            }
            if let Some(line) = lines.last_mut().filter(|_| extra == 0) {
                line.fragments.push(Fragment {
                    output: index,
                    stream: output.stream,
                    text: piece.to_string(),
                });
            }
            open = !piece.ends_with('\n');
        }
    }
    (lines, extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(t_ns: u64, thread: ThreadId, stream: Stream, text: &str) -> Output {
        Output {
            t_ns,
            thread,
            stream,
            text: text.into(),
        }
    }

    fn sample() -> Vec<Output> {
        vec![
            out(0, 0, Stream::Stdout, "a\nb"),
            out(10, 1, Stream::Stdout, "c\n"),
            out(20, 1, Stream::Stderr, "Traceback\n  boom\n"),
            out(30, 0, Stream::Stdout, "d\n"),
        ]
    }

    #[test]
    fn cursor_splits_by_time_inclusive() {
        let outputs = sample();
        assert_eq!(reached_count(&outputs, 0), 1);
        assert_eq!(reached_count(&outputs, 19), 2);
        assert_eq!(reached_count(&outputs, 20), 3);
        assert_eq!(reached_count(&outputs, 1_000), 4);
        assert_eq!(reached_count(&[], 5), 0);
    }

    #[test]
    fn lines_keep_the_text_exact_and_tag_who_began_them() {
        let (lines, extra) = console_lines(&sample());
        assert_eq!(extra, 0);
        let text: String = lines
            .iter()
            .flat_map(|l| l.fragments.iter().map(|f| f.text.as_str()))
            .collect();
        assert_eq!(text, "a\nbc\nTraceback\n  boom\nd\n");
        assert_eq!(lines.len(), 5);
        // "bc" began with thread 0's output at 0 and was finished by thread 1 at 10.
        assert_eq!((lines[1].t_ns, lines[1].thread), (0, 0));
        assert_eq!(lines[1].fragments.len(), 2);
        assert_eq!(lines[1].fragments[1].output, 1);
        assert_eq!(lines[3].fragments[0].stream, Stream::Stderr);
        assert_eq!((lines[3].t_ns, lines[3].thread), (20, 1));
    }

    #[test]
    fn floods_are_capped() {
        let outputs: Vec<Output> = (0..MAX_LINES as u64 + 7)
            .map(|i| out(i, 0, Stream::Stdout, "x\n"))
            .collect();
        let (lines, extra) = console_lines(&outputs);
        assert_eq!(lines.len(), MAX_LINES);
        assert_eq!(extra, 7);
    }
}
