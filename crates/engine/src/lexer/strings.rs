//! Names (and the string prefixes that start like names) and string literals.

use super::{
    is_potential_identifier_char, is_printable, is_xid_continue, is_xid_start, Kw, LexError,
    LexErrorKind, Lexer, StrToken, TokenKind,
};
use crate::ast::Span;
use crate::error::SyntaxKind;

impl Lexer {
    pub(super) fn name_or_string(
        &mut self,
        first: char,
        start: usize,
        line: u32,
        col: u32,
    ) -> Result<(), LexError> {
        let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
        let mut c = Some(first);
        loop {
            match c {
                Some('b' | 'B') if !(saw_b || saw_u || saw_f) => saw_b = true,
                Some('u' | 'U') if !(saw_b || saw_u || saw_r || saw_f) => saw_u = true,
                Some('r' | 'R') if !(saw_r || saw_u) => saw_r = true,
                Some('f' | 'F') if !(saw_f || saw_b || saw_u) => saw_f = true,
                _ => break,
            }
            c = self.nextc();
            if let Some(q @ ('"' | '\'')) = c {
                return self.string(q, line, col, (saw_b, saw_r, saw_f));
            }
        }
        while c.is_some_and(is_potential_identifier_char) {
            c = self.nextc();
        }
        self.backup(c);
        let name: String = self.chars[start..self.pos].iter().collect();
        if !name.is_ascii() {
            self.verify_identifier(start, &name)?;
        }
        let kind = match Kw::from_name(&name) {
            Some(kw) => TokenKind::Keyword(kw),
            None => TokenKind::Name(name),
        };
        self.push(kind, line, col);
        Ok(())
    }

    fn verify_identifier(&mut self, start: usize, name: &str) -> Result<(), LexError> {
        let bad = name.chars().enumerate().find(|&(i, c)| {
            if i == 0 {
                !is_xid_start(c)
            } else {
                !is_xid_continue(c)
            }
        });
        if let Some((i, ch)) = bad {
            self.pos = start + i + 1;
            let msg = if is_printable(ch) {
                format!("invalid character '{ch}' (U+{:04X})", ch as u32)
            } else {
                format!("invalid non-printable character U+{:04X}", ch as u32)
            };
            return Err(self.hard_error_at_cur(msg));
        }
        Ok(())
    }

    pub(super) fn string(
        &mut self,
        quote: char,
        line: u32,
        col: u32,
        (bytes, raw, fstring): (bool, bool, bool),
    ) -> Result<(), LexError> {
        let first_line_start = self.line_start;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        let mut c = self.nextc();
        if c == Some(quote) {
            c = self.nextc();
            if c == Some(quote) {
                quote_size = 3;
            } else {
                end_quote_size = 1;
            }
        }
        if c != Some(quote) {
            self.backup(c);
        }
        let body_start = self.pos;
        let body_line = self.line;
        let body_col = self.col_of(body_start);
        while end_quote_size != quote_size {
            let c = self.nextc();
            let ch = match c {
                Some(ch) if !(quote_size == 1 && ch == '\n') => ch,
                _ => {
                    let detected = if c.is_none() {
                        self.detected_line()
                    } else {
                        self.line
                    };
                    let msg = if quote_size == 3 {
                        format!("unterminated triple-quoted string literal (detected at line {detected})")
                    } else {
                        format!("unterminated string literal (detected at line {detected})")
                    };
                    self.line_start = first_line_start;
                    return Err(self.fail(
                        SyntaxKind::SyntaxError,
                        msg,
                        Span::new(line, col + 1, line, col + 1),
                        LexErrorKind::Hard,
                    ));
                }
            };
            if ch == quote {
                end_quote_size += 1;
                continue;
            }
            end_quote_size = 0;
            if ch == '\n' {
                self.newline_consumed();
            } else if ch == '\\' {
                if let Some(escaped) = self.nextc() {
                    if escaped == '\n' {
                        self.newline_consumed();
                    }
                }
            }
        }
        let body_end = self.pos - quote_size;
        let body: String = self.chars[body_start..body_end.max(body_start)]
            .iter()
            .collect();
        let token = StrToken {
            bytes,
            raw,
            fstring,
            triple: quote_size == 3,
            body,
            body_line,
            body_col,
        };
        self.push(TokenKind::Str(Box::new(token)), line, col);
        Ok(())
    }
}
