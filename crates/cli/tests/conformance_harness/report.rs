//! How a failed case is shown: line-numbered diffs, sorted-line views for `order = "any"`,
//! clipped stderr.

use std::fmt::Write as _;

pub(crate) fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

pub(crate) fn sorted_text(text: &str) -> String {
    sorted_lines(text)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect()
}

pub(crate) fn diff_view(expected: &str, actual: &str, source: &str) -> String {
    diff_view_labels(expected, actual, source, "engine")
}

/// The first differing line, then both outputs with line numbers, the differing line marked.
pub(crate) fn diff_view_labels(expected: &str, actual: &str, left: &str, right: &str) -> String {
    let a: Vec<&str> = expected.split_inclusive('\n').collect();
    let b: Vec<&str> = actual.split_inclusive('\n').collect();
    let first = (0..a.len().max(b.len()))
        .find(|&i| a.get(i) != b.get(i))
        .unwrap_or(0);
    let show = |line: Option<&&str>| match line {
        Some(l) => format!("{l:?}"),
        None => "<end of output>".to_string(),
    };
    let mut out = format!(
        "  first difference at line {}:\n  {left:<8} {}\n  {right:<8} {}\n",
        first + 1,
        show(a.get(first)),
        show(b.get(first))
    );
    for (label, lines) in [(left, &a), (right, &b)] {
        let _ = writeln!(out, "  --- {label} ({} lines) ---", lines.len());
        out.push_str(&numbered(lines, first));
    }
    out
}

/// Lines around the first difference (up to 40), numbered; `>` marks the first difference.
pub(crate) fn numbered(lines: &[&str], first: usize) -> String {
    let start = first.saturating_sub(10);
    let end = lines.len().min(start + 40);
    let mut out = String::new();
    if start > 0 {
        let _ = writeln!(out, "       ... {start} lines");
    }
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        let mark = if i == first { '>' } else { ' ' };
        let newline = if line.ends_with('\n') {
            ""
        } else {
            "⏎ (no newline at end)\n"
        };
        let _ = write!(
            out,
            "  {mark}{:>4} | {}{newline}",
            i + 1,
            line.replace('\t', "→")
        );
    }
    if end < lines.len() {
        let _ = writeln!(out, "       ... {} more lines", lines.len() - end);
    }
    out
}

pub(crate) fn clip(text: &str, max_lines: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= max_lines {
        return format!("{}\n", text.trim_end());
    }
    format!(
        "{}\n... ({} more lines)\n",
        lines[..max_lines].join("\n"),
        lines.len() - max_lines
    )
}
