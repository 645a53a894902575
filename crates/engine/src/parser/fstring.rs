//! String literals: escape decoding, implicit concatenation, and f-strings, which are split into
//! literal text and replacement fields following CPython 3.11's `Parser/string_parser.c`.
//! The expression of a replacement field is parsed by a separate parser over `(expr)`, as
//! CPython does, so that its errors carry CPython's positions; the resulting AST is then
//! moved to the expression's real place in the file.

use super::expr::mk;
use super::{PErr, PResult, Parser, T};
use crate::ast::{Constant, Expr, ExprKind, FStringPart, FormattedValue, Span};
use crate::lexer::{self, StrToken, TokenKind};

mod decode;
mod shift;

use decode::{decode_bytes, decode_str, DecodeError, Decoded};

/// A cursor over the body of an f-string that knows the file position of each character.
struct Body<'a> {
    chars: &'a [char],
    /// (line, 0-based column) of each character.
    positions: Vec<(u32, u32)>,
    i: usize,
    raw: bool,
    /// The string token, where unsupported escapes are reported.
    span: Span,
}

impl<'a> Body<'a> {
    fn new(chars: &'a [char], line: u32, col: u32, raw: bool, span: Span) -> Body<'a> {
        let mut positions = Vec::with_capacity(chars.len() + 1);
        let (mut line, mut col) = (line, col);
        for &c in chars {
            positions.push((line, col));
            if c == '\n' {
                line += 1;
                col = 0;
            } else {
                col += 1;
            }
        }
        positions.push((line, col));
        Body {
            chars,
            positions,
            i: 0,
            raw,
            span,
        }
    }

    fn at_end(&self) -> bool {
        self.i >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.i + n).copied()
    }
}

/// Appends a literal to f-string parts, merging adjacent literals and dropping empty ones.
fn push_literal(parts: &mut Vec<FStringPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(FStringPart::Literal(text.to_string()));
    }
}

enum Piece {
    Str(String),
    Bytes(Vec<u8>),
    FString(Vec<FStringPart>),
}

impl Parser {
    /// `strings`: one or more adjacent string literals, concatenated.
    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let start = self.span();
        let first = self.pos;
        while self.at(T::Str) {
            self.bump();
        }
        let last = self.pos;
        let end = self.prev_span();
        // CPython looked at the token after the strings before decoding them.
        self.look(0);
        let mut pieces = Vec::new();
        let mut bytes_mode = None;
        for i in first..last {
            let token = self.toks[i].clone();
            let TokenKind::Str(s) = token.kind else {
                continue;
            };
            let piece = self.string_piece(&s, token.span)?;
            let is_bytes = matches!(piece, Piece::Bytes(_));
            if bytes_mode.is_some_and(|b| b != is_bytes) {
                return Err(self.error_last("cannot mix bytes and nonbytes literals"));
            }
            bytes_mode = Some(is_bytes);
            pieces.push(piece);
        }
        let span = start.to(end);
        if bytes_mode == Some(true) {
            let mut all = Vec::new();
            for piece in pieces {
                if let Piece::Bytes(b) = piece {
                    all.extend(b);
                }
            }
            return Ok(mk(ExprKind::Constant(Constant::Bytes(all)), span));
        }
        if !pieces.iter().any(|p| matches!(p, Piece::FString(_))) {
            let mut text = String::new();
            for piece in pieces {
                if let Piece::Str(s) = piece {
                    text.push_str(&s);
                }
            }
            return Ok(mk(ExprKind::Constant(Constant::Str(text)), span));
        }
        let mut parts = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Str(s) => push_literal(&mut parts, &s),
                Piece::FString(ps) => {
                    for part in ps {
                        match part {
                            FStringPart::Literal(s) => push_literal(&mut parts, &s),
                            field => parts.push(field),
                        }
                    }
                }
                Piece::Bytes(_) => {}
            }
        }
        Ok(mk(ExprKind::FString(parts), span))
    }

    fn string_piece(&mut self, s: &StrToken, span: Span) -> PResult<Piece> {
        let chars: Vec<char> = s.body.chars().collect();
        if s.bytes {
            if !chars.iter().all(char::is_ascii) {
                return Err(self.error_at("bytes can only contain ASCII literal characters", span));
            }
            if s.raw {
                return Ok(Piece::Bytes(chars.iter().map(|&c| c as u8).collect()));
            }
            let bytes = self.decoded(decode_bytes(&chars), span)?;
            return Ok(Piece::Bytes(bytes));
        }
        if s.fstring {
            let mut body = Body::new(&chars, s.body_line, s.body_col, s.raw, span);
            let parts = self.fstring_parse(&mut body, 0)?;
            return Ok(Piece::FString(parts));
        }
        if s.raw {
            return Ok(Piece::Str(s.body.clone()));
        }
        let text = self.decoded(decode_str(&chars), span)?;
        Ok(Piece::Str(text))
    }

    /// Unwraps a decoding result: errors are reported at the token after the strings (as
    /// CPython does); unsupported escapes are recorded.
    fn decoded<V>(&mut self, result: Decoded<V>, span: Span) -> PResult<V> {
        match result {
            Ok((value, unsupported)) => {
                if let Some(what) = unsupported {
                    self.unsupported(what, span);
                }
                Ok(value)
            }
            Err(DecodeError::Syntax(msg)) => Err(self.error_last(msg)),
        }
    }

    /// Decodes a literal chunk of an f-string (escapes, unless raw).
    fn fstring_literal(&mut self, chars: &[char], body: &Body) -> PResult<String> {
        if body.raw {
            return Ok(chars.iter().collect());
        }
        self.decoded(decode_str(chars), body.span)
    }

    /// CPython's `fstring_find_literal_and_expr` loop: literal text and replacement fields up
    /// to the end of the body (or, in a format spec, up to its closing `}`).
    fn fstring_parse(&mut self, body: &mut Body, recurse_lvl: u32) -> PResult<Vec<FStringPart>> {
        let mut parts = Vec::new();
        loop {
            let (chunk, doubled) = self.fstring_find_literal(body, recurse_lvl)?;
            let literal = self.fstring_literal(&chunk, body)?;
            push_literal(&mut parts, &literal);
            if doubled {
                continue;
            }
            if body.at_end() || body.peek() == Some('}') {
                break;
            }
            let field = self.fstring_find_expr(body, recurse_lvl)?;
            parts.push(FStringPart::Field(Box::new(field)));
        }
        if recurse_lvl != 0 && body.peek() != Some('}') {
            return Err(self.error_last("f-string: expecting '}'"));
        }
        Ok(parts)
    }

    /// Returns the raw literal chunk before the next `{` or `}`, and whether it ended with a
    /// doubled brace (which is part of the chunk and has been skipped).
    fn fstring_find_literal(
        &mut self,
        body: &mut Body,
        recurse_lvl: u32,
    ) -> PResult<(Vec<char>, bool)> {
        let start = body.i;
        while let Some(mut ch) = body.peek() {
            body.i += 1;
            if !body.raw && ch == '\\' && !body.at_end() {
                ch = body.chars[body.i];
                body.i += 1;
                if ch == 'N' {
                    if body.peek() == Some('{') {
                        while let Some(c) = body.peek() {
                            body.i += 1;
                            if c == '}' {
                                break;
                            }
                        }
                    }
                    continue;
                }
            }
            if ch == '{' || ch == '}' {
                if recurse_lvl == 0 {
                    if body.peek() == Some(ch) {
                        let chunk = body.chars[start..body.i].to_vec();
                        body.i += 1;
                        return Ok((chunk, true));
                    }
                    if ch == '}' {
                        return Err(self.error_last("f-string: single '}' is not allowed"));
                    }
                }
                body.i -= 1;
                break;
            }
        }
        Ok((body.chars[start..body.i].to_vec(), false))
    }

    /// Scans and parses one replacement field; `body` is at its `{`.
    fn fstring_find_expr(&mut self, body: &mut Body, recurse_lvl: u32) -> PResult<FormattedValue> {
        if recurse_lvl >= 2 {
            return Err(self.error_last("f-string: expressions nested too deeply"));
        }
        body.i += 1;
        let expr_start = body.i;
        let mut quote: Option<(char, u32)> = None;
        let mut parens: Vec<char> = Vec::new();
        while let Some(ch) = body.peek() {
            if ch == '\\' {
                return Err(self.error_last("f-string expression part cannot include a backslash"));
            }
            if let Some((q, size)) = quote {
                if ch == q {
                    if size == 3 {
                        if body.peek_at(1) == Some(q) && body.peek_at(2) == Some(q) {
                            body.i += 3;
                            quote = None;
                            continue;
                        }
                    } else {
                        body.i += 1;
                        quote = None;
                        continue;
                    }
                }
                body.i += 1;
                continue;
            }
            match ch {
                '\'' | '"' => {
                    if body.peek_at(1) == Some(ch) && body.peek_at(2) == Some(ch) {
                        quote = Some((ch, 3));
                        body.i += 2;
                    } else {
                        quote = Some((ch, 1));
                    }
                }
                '[' | '(' | '{' => {
                    if parens.len() >= lexer::MAX_PAREN_LEVEL {
                        return Err(self.error_last("f-string: too many nested parenthesis"));
                    }
                    parens.push(ch);
                }
                '#' => return Err(self.error_last("f-string expression part cannot include '#'")),
                '!' | ':' | '}' | '=' | '<' | '>' if parens.is_empty() => {
                    let next = body.peek_at(1);
                    if next == Some('=') && matches!(ch, '!' | '=' | '<' | '>') {
                        body.i += 2;
                        continue;
                    }
                    if ch != '<' && ch != '>' {
                        break;
                    }
                }
                ']' | ')' | '}' => {
                    let Some(open) = parens.pop() else {
                        return Err(self.error_last(format!("f-string: unmatched '{ch}'")));
                    };
                    if !matches!((open, ch), ('(', ')') | ('[', ']') | ('{', '}')) {
                        let msg = format!(
                            "f-string: closing parenthesis '{ch}' does not match opening parenthesis '{open}'"
                        );
                        return Err(self.error_last(msg));
                    }
                }
                _ => {}
            }
            body.i += 1;
        }
        let expr_end = body.i;
        if quote.is_some() {
            return Err(self.error_last("f-string: unterminated string"));
        }
        if let Some(open) = parens.last() {
            return Err(self.error_last(format!("f-string: unmatched '{open}'")));
        }
        if body.at_end() {
            return Err(self.error_last("f-string: expecting '}'"));
        }
        let text = &body.chars[expr_start..expr_end];
        if text.iter().all(|c| matches!(c, ' ' | '\t' | '\n' | '\x0c')) {
            let next = body.chars[expr_end];
            if matches!(next, '!' | ':' | '=') {
                return Err(
                    self.error_last(format!("f-string: expression required before '{next}'"))
                );
            }
            return Err(self.error_last("f-string: empty expression not allowed"));
        }
        let (line, col) = body.positions[expr_start];
        let value = self.fstring_expression(text, line, col)?;
        let mut debug_text = None;
        if body.peek() == Some('=') {
            body.i += 1;
            while body
                .peek()
                .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\x0b'))
            {
                body.i += 1;
            }
            if body.at_end() {
                return Err(self.error_last("f-string: expecting '}'"));
            }
            debug_text = Some(body.chars[expr_start..body.i].iter().collect::<String>());
        }
        let mut conversion = None;
        if body.peek() == Some('!') {
            body.i += 1;
            let Some(c) = body.peek() else {
                return Err(self.error_last("f-string: expecting '}'"));
            };
            body.i += 1;
            if !matches!(c, 's' | 'r' | 'a') {
                return Err(self.error_last(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                ));
            }
            conversion = Some(c);
        }
        let mut format_spec = None;
        if body.peek() == Some(':') {
            body.i += 1;
            if body.at_end() {
                return Err(self.error_last("f-string: expecting '}'"));
            }
            format_spec = Some(self.fstring_parse(body, recurse_lvl + 1)?);
        }
        if body.peek() != Some('}') {
            return Err(self.error_last("f-string: expecting '}'"));
        }
        body.i += 1;
        if debug_text.is_some() && format_spec.is_none() && conversion.is_none() {
            conversion = Some('r');
        }
        Ok(FormattedValue {
            value,
            conversion,
            format_spec,
            debug_text,
        })
    }

    /// Parses the expression of a replacement field, written at (`line`, 0-based `col`), the
    /// way CPython does: as `(text)` with a parser of its own.
    fn fstring_expression(&mut self, text: &[char], line: u32, col: u32) -> PResult<Expr> {
        let mut source = String::with_capacity(text.len() + 2);
        source.push('(');
        source.extend(text);
        source.push(')');
        let mut sub = Parser::new(lexer::tokenize_from_line(&source, line), true);
        sub.depth = self.depth;
        let result = sub.fstring_rule();
        if let Some(unsupported) = sub.unsupported.take() {
            if self.unsupported.is_none() {
                self.unsupported = Some(unsupported);
            }
        }
        match result {
            Ok(mut e) => {
                shift::shift_expr(&mut e, line, col);
                Ok(e)
            }
            Err(err) => Err(PErr::Error(sub.finish(err))),
        }
    }

    /// The start rule of an f-string expression parser: `star_expressions` and the end.
    fn fstring_rule(&mut self) -> PResult<Expr> {
        let e = self.star_expressions()?;
        if !self.at(T::Newline) {
            return Err(PErr::Generic);
        }
        self.bump();
        if !self.at(T::End) {
            return Err(PErr::Generic);
        }
        Ok(e)
    }
}
