//! Tokenizer: turns Python 3.11 source text into [`Token`]s.
//!
//! It follows CPython's tokenizer (`Parser/tokenizer.c`) closely, so that errors carry CPython's
//! messages and locations: INDENT/DEDENT from a stack of indentation columns (tabs advance to the
//! next multiple of 8, and a second column computed with tabs of width 1 detects inconsistent
//! use of tabs and spaces), implicit line joining inside brackets, backslash continuation,
//! comments, blank lines, string prefixes and numbers.
//!
//! Lines are 1-based. A token's `span.col` is CPython's `offset` for an error pointing at the
//! token (its 1-based start column, in characters); `span.end_col` is exclusive. INDENT, DEDENT
//! and ENDMARKER have no text; their `span.col` is the `offset` CPython reports for them (the
//! 0-based column the tokenizer had reached), which is what error messages need.
//!
//! Strings are returned undecoded ([`StrToken`]); the parser decodes escapes and splits
//! f-strings, like CPython does.

mod indent;
mod number;
mod strings;

use num_bigint::BigInt;

use crate::ast::Span;
use crate::error::{CompileError, SyntaxKind};

/// CPython's `MAXLEVEL`: at most this many brackets may be open at once.
pub const MAX_PAREN_LEVEL: usize = 200;
/// CPython's `MAXINDENT`: at most this many indentation levels (counting the first).
pub const MAX_INDENT: usize = 100;
const TAB_SIZE: u32 = 8;

macro_rules! keywords {
    ($($variant:ident => $text:literal,)*) => {
        /// The reserved keywords of Python 3.11. (`match`, `case` and `_` are soft keywords and
        /// are lexed as names.)
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Kw { $($variant,)* }

        impl Kw {
            pub fn from_name(name: &str) -> Option<Kw> {
                match name { $($text => Some(Kw::$variant),)* _ => None }
            }

            pub fn as_str(self) -> &'static str {
                match self { $(Kw::$variant => $text,)* }
            }
        }
    };
}

keywords! {
    False => "False", None => "None", True => "True", And => "and", As => "as",
    Assert => "assert", Async => "async", Await => "await", Break => "break", Class => "class",
    Continue => "continue", Def => "def", Del => "del", Elif => "elif", Else => "else",
    Except => "except", Finally => "finally", For => "for", From => "from", Global => "global",
    If => "if", Import => "import", In => "in", Is => "is", Lambda => "lambda",
    Nonlocal => "nonlocal", Not => "not", Or => "or", Pass => "pass", Raise => "raise",
    Return => "return", Try => "try", While => "while", With => "with", Yield => "yield",
}

macro_rules! operators {
    ($($variant:ident => $text:literal,)*) => {
        /// Operators and delimiters.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Op { $($variant,)* }

        impl Op {
            pub fn as_str(self) -> &'static str {
                match self { $(Op::$variant => $text,)* }
            }

            fn from_text(text: &str) -> Option<Op> {
                match text { $($text => Some(Op::$variant),)* _ => None }
            }
        }
    };
}

operators! {
    LPar => "(", RPar => ")", LSqb => "[", RSqb => "]", LBrace => "{", RBrace => "}",
    Colon => ":", Comma => ",", Semi => ";", Plus => "+", Minus => "-", Star => "*",
    Slash => "/", VBar => "|", Amper => "&", Less => "<", Greater => ">", Equal => "=",
    Dot => ".", Percent => "%", EqEqual => "==", NotEqual => "!=", LessEqual => "<=",
    GreaterEqual => ">=", Tilde => "~", Circumflex => "^", LeftShift => "<<",
    RightShift => ">>", DoubleStar => "**", PlusEqual => "+=", MinEqual => "-=",
    StarEqual => "*=", SlashEqual => "/=", PercentEqual => "%=", AmperEqual => "&=",
    VBarEqual => "|=", CircumflexEqual => "^=", LeftShiftEqual => "<<=",
    RightShiftEqual => ">>=", DoubleStarEqual => "**=", DoubleSlash => "//",
    DoubleSlashEqual => "//=", At => "@", AtEqual => "@=", RArrow => "->", Ellipsis => "...",
    ColonEqual => ":=",
}

/// A string literal as written: prefix flags and the raw text between the quotes.
#[derive(Clone, Debug, PartialEq)]
pub struct StrToken {
    pub bytes: bool,
    pub raw: bool,
    pub fstring: bool,
    pub triple: bool,
    /// The text between the quotes, escapes not yet decoded.
    pub body: String,
    /// Where `body` starts: 1-based line, 0-based character column.
    pub body_line: u32,
    pub body_col: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    Name(String),
    Keyword(Kw),
    Int(BigInt),
    Float(f64),
    /// An imaginary literal such as `1j` (outside the supported subset).
    Imaginary,
    Str(Box<StrToken>),
    Op(Op),
    /// A character or operator that no grammar rule accepts (`$`, `?`, `!`, `` ` ``, `<>`).
    Unknown(String),
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// Stands where tokenizing stopped with an error (see [`Tokens::error`]).
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// How many brackets are open after this token (CPython's `tok->level`).
    pub level: u32,
}

/// How a tokenizer error competes with a parser error found earlier in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexErrorKind {
    /// Raised as a Python exception by CPython's tokenizer (unterminated string, bad number,
    /// unmatched bracket, invalid character...): reported even when the parser fails first.
    Hard,
    /// Reported only when the parser reaches it (bad indentation, tabs, a stray character
    /// after a line continuation, end of file after a continuation).
    Soft,
    /// End of file inside brackets: reported when the parser reaches it, or when the parser
    /// failed on a line after the one of the unclosed bracket.
    UnclosedParen { line: u32 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct LexError {
    pub error: CompileError,
    pub kind: LexErrorKind,
}

/// The tokens of a source. When tokenizing fails, `tokens` ends with a [`TokenKind::Error`]
/// token and `error` says why; otherwise `tokens` ends with [`TokenKind::EndMarker`].
#[derive(Clone, Debug, PartialEq)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub error: Option<LexError>,
}

/// Tokenizes a whole module.
pub fn tokenize(source: &str) -> Tokens {
    tokenize_from_line(source, 1)
}

/// Tokenizes `source` as if its first line were line `first_line` of a file (used for the
/// expressions of f-strings).
pub(crate) fn tokenize_from_line(source: &str, first_line: u32) -> Tokens {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if let Some(nul) = source.find('\0') {
        let before = &source[..nul];
        let line = first_line + before.matches('\n').count() as u32;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        let error = CompileError::syntax("source code string cannot contain null bytes", line, col);
        let token = Token {
            kind: TokenKind::Error,
            span: Span::new(line, col, line, col),
            level: 0,
        };
        return Tokens {
            tokens: vec![token],
            error: Some(LexError {
                error,
                kind: LexErrorKind::Hard,
            }),
        };
    }
    let mut text: String = source.replace("\r\n", "\n").replace('\r', "\n");
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let mut lexer = Lexer::new(text.chars().collect(), first_line);
    let error = lexer.run().err();
    let mut tokens = lexer.tokens;
    if error.is_some() {
        let (line, col) = lexer.error_anchor;
        tokens.push(Token {
            kind: TokenKind::Error,
            span: Span::new(line, col, line, col),
            level: lexer.parens.len() as u32,
        });
    }
    Tokens { tokens, error }
}

pub(crate) fn syntax_error(kind: SyntaxKind, msg: impl Into<String>, span: Span) -> CompileError {
    let (end_line, end_col) =
        if span.end_line < span.line || (span.end_line == span.line && span.end_col <= span.col) {
            (span.line, span.col + 1)
        } else {
            (span.end_line, span.end_col)
        };
    CompileError::Syntax {
        kind,
        msg: msg.into(),
        line: span.line,
        col: span.col,
        end_line,
        end_col,
    }
}

fn is_potential_identifier_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c as u32 >= 128
}

fn is_potential_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c as u32 >= 128
}

fn is_xid_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || (!c.is_ascii() && c.is_alphabetic())
}

fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric()
        || matches!(c as u32,
            0x00B7 | 0x0387 | 0x0300..=0x036F | 0x0483..=0x0487 | 0x0591..=0x05BD
            | 0x0610..=0x061A | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F
            | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x203F | 0x2040 | 0x20D0..=0x20FF
            | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xFE33 | 0xFE34 | 0xFE4D..=0xFE4F | 0xFF3F)
}

/// An approximation of `str.isprintable()` for one character.
pub(crate) fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c as u32,
            0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x180E | 0x200B..=0x200F
            | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
            | 0xD800..=0xDFFF | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF))
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    line_start: usize,
    first_line: u32,
    /// Indentation stack: (column with tabs of 8, column with tabs of 1).
    indents: Vec<(u32, u32)>,
    /// Open brackets: (bracket, line, 0-based column).
    parens: Vec<(char, u32, u32)>,
    at_bol: bool,
    tokens: Vec<Token>,
    /// Where the error token goes when tokenizing fails.
    error_anchor: (u32, u32),
}

impl Lexer {
    fn new(chars: Vec<char>, first_line: u32) -> Lexer {
        Lexer {
            chars,
            pos: 0,
            line: first_line,
            line_start: 0,
            first_line,
            indents: vec![(0, 0)],
            parens: Vec::new(),
            at_bol: true,
            tokens: Vec::new(),
            error_anchor: (first_line, 1),
        }
    }

    // ----- character access, mirroring CPython's tok_nextc / tok_backup -----

    fn peekc(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn nextc(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn backup(&mut self, c: Option<char>) {
        if c.is_some() {
            self.pos -= 1;
        }
    }

    /// Records that a '\n' at `self.pos - 1` was consumed.
    fn newline_consumed(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    /// 0-based column of `pos` on the current line.
    fn col_of(&self, pos: usize) -> u32 {
        (pos.saturating_sub(self.line_start)) as u32
    }

    /// Length of the current line, counting its newline.
    fn current_line_len(&self) -> u32 {
        let end = self.chars[self.line_start..]
            .iter()
            .position(|&c| c == '\n')
            .map(|i| self.line_start + i + 1)
            .unwrap_or(self.chars.len());
        (end - self.line_start) as u32
    }

    /// Where CPython places INDENT/DEDENT/ENDMARKER: at end of file, the last line and its
    /// length; otherwise the current line and the column reached.
    fn textless_position(&self) -> (u32, u32) {
        if self.pos >= self.chars.len() && self.line_start == self.chars.len() && self.pos > 0 {
            let prev_start = self.chars[..self.pos - 1]
                .iter()
                .rposition(|&c| c == '\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            (
                self.line.saturating_sub(1).max(self.first_line),
                (self.pos - prev_start) as u32,
            )
        } else {
            (self.line, self.col_of(self.pos))
        }
    }

    /// Line number to report for errors detected at end of file.
    fn detected_line(&self) -> u32 {
        if self.pos >= self.chars.len() && self.line_start == self.chars.len() && self.pos > 0 {
            self.line.saturating_sub(1).max(self.first_line)
        } else {
            self.line
        }
    }

    fn push(&mut self, kind: TokenKind, start_line: u32, start_col: u32) {
        let span = Span::new(
            start_line,
            start_col + 1,
            self.line,
            self.col_of(self.pos) + 1,
        );
        self.tokens.push(Token {
            kind,
            span,
            level: self.parens.len() as u32,
        });
    }

    fn push_textless(&mut self, kind: TokenKind) {
        let (line, col) = self.textless_position();
        self.tokens.push(Token {
            kind,
            span: Span::new(line, col, line, col),
            level: self.parens.len() as u32,
        });
    }

    // ----- errors -----

    fn fail(
        &mut self,
        kind: SyntaxKind,
        msg: String,
        span: Span,
        lex_kind: LexErrorKind,
    ) -> LexError {
        self.error_anchor = (span.line, span.col);
        LexError {
            error: syntax_error(kind, msg, span),
            kind: lex_kind,
        }
    }

    /// CPython's `syntaxerror()`: points at the character before the current position.
    fn hard_error_at_cur(&mut self, msg: impl Into<String>) -> LexError {
        let col = self.col_of(self.pos);
        let line = self.line;
        self.fail(
            SyntaxKind::SyntaxError,
            msg.into(),
            Span::new(line, col, line, col),
            LexErrorKind::Hard,
        )
    }

    fn hard_error_range(&mut self, msg: impl Into<String>, col: u32, end_col: u32) -> LexError {
        let line = self.line;
        self.fail(
            SyntaxKind::SyntaxError,
            msg.into(),
            Span::new(line, col, line, end_col),
            LexErrorKind::Hard,
        )
    }

    fn unclosed_paren_error(&mut self) -> LexError {
        let (paren, line, col) = self.parens.last().copied().unwrap_or(('(', self.line, 0));
        let msg = format!("'{paren}' was never closed");
        self.fail(
            SyntaxKind::SyntaxError,
            msg,
            Span::new(line, col + 1, line, col + 1),
            LexErrorKind::UnclosedParen { line },
        )
    }

    /// End of file right after a backslash continuation.
    fn eof_after_continuation(&mut self) -> LexError {
        if !self.parens.is_empty() {
            return self.unclosed_paren_error();
        }
        let (line, col) = self.textless_position();
        self.fail(
            SyntaxKind::SyntaxError,
            "unexpected EOF while parsing".into(),
            Span::new(line, col, line, col),
            LexErrorKind::Soft,
        )
    }

    /// CPython's `tok_continuation_line`: called after a backslash.
    fn continuation_line(&mut self) -> Result<(), LexError> {
        let c = self.nextc();
        if c != Some('\n') {
            let col = self.col_of(self.pos);
            let line = self.line;
            return Err(self.fail(
                SyntaxKind::SyntaxError,
                "unexpected character after line continuation character".into(),
                Span::new(line, col, line, col),
                LexErrorKind::Soft,
            ));
        }
        self.newline_consumed();
        if self.peekc().is_none() {
            return Err(self.eof_after_continuation());
        }
        Ok(())
    }

    // ----- the main loop -----

    fn run(&mut self) -> Result<(), LexError> {
        loop {
            let mut blankline = false;
            if self.at_bol {
                self.at_bol = false;
                blankline = self.indentation()?;
            }
            // Skip spaces.
            while matches!(self.peekc(), Some(' ' | '\t' | '\x0c')) {
                self.pos += 1;
            }
            let start = self.pos;
            let start_line = self.line;
            let start_col = self.col_of(start);
            let mut c = self.nextc();
            let comment = c == Some('#');
            if comment {
                while !matches!(self.peekc(), None | Some('\n')) {
                    self.pos += 1;
                }
                c = self.nextc();
            }
            let Some(ch) = c else {
                if !self.parens.is_empty() {
                    return Err(self.unclosed_paren_error());
                }
                self.push_textless(TokenKind::EndMarker);
                return Ok(());
            };
            if ch == '\n' {
                self.at_bol = true;
                if blankline || !self.parens.is_empty() {
                    self.newline_consumed();
                    continue;
                }
                // After a comment, CPython's NEWLINE token spans the comment.
                let col = self.col_of(start) + 1;
                let end = self.col_of(self.pos - 1) + 1;
                self.tokens.push(Token {
                    kind: TokenKind::Newline,
                    span: Span::new(start_line, col, start_line, if comment { end } else { col }),
                    level: 0,
                });
                self.newline_consumed();
                continue;
            }
            if is_potential_identifier_start(ch) {
                self.name_or_string(ch, start, start_line, start_col)?;
                continue;
            }
            if ch == '.' {
                let c2 = self.nextc();
                if c2.is_some_and(|d| d.is_ascii_digit()) {
                    let kind = self.number_fraction(c2)?;
                    self.push(kind, start_line, start_col);
                    continue;
                }
                if c2 == Some('.') {
                    let c3 = self.nextc();
                    if c3 == Some('.') {
                        self.push(TokenKind::Op(Op::Ellipsis), start_line, start_col);
                        continue;
                    }
                    self.backup(c3);
                }
                self.backup(c2);
                self.push(TokenKind::Op(Op::Dot), start_line, start_col);
                continue;
            }
            if ch.is_ascii_digit() {
                let kind = self.number(ch)?;
                self.push(kind, start_line, start_col);
                continue;
            }
            if ch == '\'' || ch == '"' {
                self.string(ch, start_line, start_col, (false, false, false))?;
                continue;
            }
            if ch == '\\' {
                self.continuation_line()?;
                continue;
            }
            self.operator(ch, start, start_line, start_col)?;
        }
    }
}

#[cfg(test)]
mod tests;
