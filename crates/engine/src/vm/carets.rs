//! The `^^^` / `~~^~~` line CPython 3.11 prints under a traceback's source line, following
//! `traceback.StackSummary.format_frame_summary` and `_extract_caret_anchors_from_line_segment`.

use crate::bytecode::{Anchor, Pos};

/// The caret line (with its newline) for `raw` (the source line without its newline), or ""
/// when CPython prints none.
pub fn caret_line(raw: &str, line: u32, pos: &Pos) -> String {
    if pos.col == 0 || pos.end_col == 0 {
        return String::new();
    }
    let chars: Vec<char> = raw.chars().collect();
    let stripped: String = raw.trim().to_string();
    let stripped_len = stripped.chars().count();
    // linecache keeps the newline, which CPython counts among the stripped characters.
    let stripped_characters = chars.len() + 1 - stripped_len;
    let start = (pos.col - 1) as usize;
    let mut end = (pos.end_col - 1) as usize;
    let mut anchors = None;
    if pos.end_line == line {
        if end > chars.len() || start > end {
            return String::new();
        }
        let segment: Vec<char> = chars[start..end].to_vec();
        anchors = anchor_offsets(&segment, start, &pos.anchor);
    } else {
        end = raw.trim_end().chars().count();
    }
    let show = end.saturating_sub(start) < stripped_len || anchors.is_some_and(|(l, r)| r > l);
    if !show {
        return String::new();
    }
    let mut out = String::from("    ");
    out.push_str(&" ".repeat((start + 1).saturating_sub(stripped_characters)));
    let width = end.saturating_sub(start);
    match anchors {
        Some((left, right)) => {
            out.push_str(&"~".repeat(left));
            out.push_str(&"^".repeat(right.saturating_sub(left)));
            out.push_str(&"~".repeat(width.saturating_sub(right)));
        }
        None => out.push_str(&"^".repeat(width)),
    }
    out.push('\n');
    out
}

/// (left end, right start) of the highlighted part, relative to the segment.
fn anchor_offsets(segment: &[char], seg_start: usize, anchor: &Anchor) -> Option<(usize, usize)> {
    let rel = |col: u32| (col as usize).checked_sub(1)?.checked_sub(seg_start);
    match *anchor {
        Anchor::None => None,
        Anchor::BinOp {
            left_end,
            right_start,
        } => {
            let (op_start, op_end) = (rel(left_end)?, rel(right_start)?);
            let op: Vec<char> = segment.get(op_start..op_end)?.to_vec();
            let offset = op.iter().take_while(|c| c.is_whitespace()).count();
            let mut left = op_start + offset;
            let mut right = left + 1;
            if offset + 1 < op.len() && !op[offset + 1].is_whitespace() {
                right += 1;
            }
            while left < segment.len()
                && (segment[left].is_whitespace() || matches!(segment[left], ')' | '#'))
            {
                left += 1;
                right += 1;
            }
            Some((left, right))
        }
        Anchor::Subscript {
            value_end,
            index_end,
        } => {
            let mut left = rel(value_end)?;
            let mut right = rel(index_end)? + 1;
            while left < segment.len() && (segment[left].is_whitespace() || segment[left] != '[') {
                left += 1;
            }
            while right < segment.len() && (segment[right].is_whitespace() || segment[right] != ']')
            {
                right += 1;
            }
            if right < segment.len() {
                right += 1;
            }
            Some((left, right))
        }
    }
}
