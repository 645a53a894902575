//! Indentation at the start of lines (INDENT/DEDENT, tabs, continuation lines) and
//! operators.

use super::{
    is_printable, LexError, LexErrorKind, Lexer, Op, TokenKind, MAX_INDENT, MAX_PAREN_LEVEL,
    TAB_SIZE,
};
use crate::ast::Span;
use crate::error::SyntaxKind;

impl Lexer {
    /// Processes indentation at the beginning of a line. Returns whether the line is blank.
    pub(super) fn indentation(&mut self) -> Result<bool, LexError> {
        let mut col: u32 = 0;
        let mut altcol: u32 = 0;
        // CPython's `cont_line_col`, where 0 means unset (so a backslash in column 0 does not
        // fix the indentation).
        let mut cont_line_col: u32 = 0;
        loop {
            match self.peekc() {
                Some(' ') => {
                    col += 1;
                    altcol += 1;
                }
                Some('\t') => {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    altcol += 1;
                }
                Some('\x0c') => {
                    col = 0;
                    altcol = 0;
                }
                Some('\\') => {
                    if cont_line_col == 0 {
                        cont_line_col = col;
                    }
                    self.pos += 1;
                    self.continuation_line()?;
                    continue;
                }
                _ => break,
            }
            self.pos += 1;
        }
        let c = self.peekc();
        let blank = matches!(c, Some('#' | '\n'));
        if blank || !self.parens.is_empty() {
            return Ok(blank);
        }
        let col = if cont_line_col != 0 {
            cont_line_col
        } else {
            col
        };
        let altcol = if cont_line_col != 0 {
            cont_line_col
        } else {
            altcol
        };
        let (top, alttop) = self.indents.last().copied().unwrap_or((0, 0));
        if col == top {
            if altcol != alttop {
                return Err(self.tab_error());
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                let line = self.line;
                return Err(self.fail(
                    SyntaxKind::IndentationError,
                    "too many levels of indentation".into(),
                    Span::new(line, 1, line, 1),
                    LexErrorKind::Soft,
                ));
            }
            if altcol <= alttop {
                return Err(self.tab_error());
            }
            self.indents.push((col, altcol));
            self.push_textless(TokenKind::Indent);
        } else {
            let mut dedents = 0;
            while self.indents.len() > 1 && col < self.indents.last().map_or(0, |t| t.0) {
                self.indents.pop();
                dedents += 1;
            }
            let (top, alttop) = self.indents.last().copied().unwrap_or((0, 0));
            if col != top {
                let line = self.line;
                let len = self.current_line_len();
                return Err(self.fail(
                    SyntaxKind::IndentationError,
                    "unindent does not match any outer indentation level".into(),
                    Span::new(line, len, line, len),
                    LexErrorKind::Soft,
                ));
            }
            if altcol != alttop {
                return Err(self.tab_error());
            }
            for _ in 0..dedents {
                self.push_textless(TokenKind::Dedent);
            }
        }
        Ok(false)
    }

    fn tab_error(&mut self) -> LexError {
        let line = self.line;
        self.fail(
            SyntaxKind::TabError,
            "inconsistent use of tabs and spaces in indentation".into(),
            Span::new(line, 1, line, 1),
            LexErrorKind::Soft,
        )
    }

    pub(super) fn operator(
        &mut self,
        ch: char,
        start: usize,
        line: u32,
        col: u32,
    ) -> Result<(), LexError> {
        match ch {
            '(' | '[' | '{' => {
                if self.parens.len() >= MAX_PAREN_LEVEL {
                    return Err(self.hard_error_at_cur("too many nested parentheses"));
                }
                self.parens.push((ch, line, col));
                self.push(TokenKind::Op(bracket_op(ch)), line, col);
                return Ok(());
            }
            ')' | ']' | '}' => {
                let Some(&(open, open_line, _)) = self.parens.last() else {
                    return Err(self.hard_error_at_cur(format!("unmatched '{ch}'")));
                };
                let matching = matches!((open, ch), ('(', ')') | ('[', ']') | ('{', '}'));
                if !matching {
                    let msg = if open_line != self.line {
                        format!(
                            "closing parenthesis '{ch}' does not match opening parenthesis '{open}' on line {open_line}"
                        )
                    } else {
                        format!("closing parenthesis '{ch}' does not match opening parenthesis '{open}'")
                    };
                    return Err(self.hard_error_at_cur(msg));
                }
                self.parens.pop();
                self.push(TokenKind::Op(bracket_op(ch)), line, col);
                return Ok(());
            }
            _ => {}
        }
        // Longest match among three-, two- and one-character operators.
        let rest: String = self.chars[start..(start + 3).min(self.chars.len())]
            .iter()
            .collect();
        for len in [3usize, 2] {
            if let Some(prefix) =
                rest.get(..rest.char_indices().nth(len).map_or(rest.len(), |(i, _)| i))
            {
                if prefix.chars().count() != len {
                    continue;
                }
                if prefix == "<>" {
                    self.pos = start + 2;
                    self.push(TokenKind::Unknown(prefix.to_string()), line, col);
                    return Ok(());
                }
                if let Some(op) = Op::from_text(prefix) {
                    self.pos = start + len;
                    self.push(TokenKind::Op(op), line, col);
                    return Ok(());
                }
            }
        }
        let kind = match Op::from_text(&ch.to_string()) {
            Some(op) => TokenKind::Op(op),
            None if ch.is_ascii() && !ch.is_ascii_control() => TokenKind::Unknown(ch.to_string()),
            None => {
                let msg = if is_printable(ch) {
                    format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                };
                return Err(self.hard_error_at_cur(msg));
            }
        };
        self.push(kind, line, col);
        Ok(())
    }
}

fn bracket_op(ch: char) -> Op {
    match ch {
        '(' => Op::LPar,
        ')' => Op::RPar,
        '[' => Op::LSqb,
        ']' => Op::RSqb,
        '{' => Op::LBrace,
        _ => Op::RBrace,
    }
}
