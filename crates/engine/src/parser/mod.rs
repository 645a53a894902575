//! Parser: a hand-written recursive-descent parser for Python 3.11 that produces [`crate::ast`].
//!
//! CPython's parser is a PEG parser that runs twice on failure: a first pass with the valid
//! grammar only, and a second pass with extra `invalid_*` rules that produce specialised
//! messages. A generic failure is reported as `invalid syntax` at the furthest token the first
//! pass examined. This parser mirrors that: it remembers the furthest token it looked at
//! (`max_pos`), and where CPython's second pass would find a specialised error, it raises that
//! error directly, using short speculative re-parses that do not move `max_pos`.
//!
//! Tokenizer errors compete with parser errors as they do in CPython (see [`Parser::finish`]),
//! and errors CPython only finds when compiling (`'return' outside function`...) are checked
//! after a successful parse ([`check`]).

mod check;
mod compound;
mod displays;
mod expr;
mod fstring;
mod operators;
mod params;
mod stmt;
mod targets;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_fuzz;
#[cfg(test)]
mod tests_stmt;

use std::collections::HashMap;

use crate::ast::{Module, Span, Stmt};
use crate::error::{CompileError, SyntaxKind};
use crate::lexer::{self, Kw, LexError, LexErrorKind, Op, Token, TokenKind, Tokens};

/// Parses a module.
pub fn parse(source: &str) -> Result<Module, CompileError> {
    let mut parser = Parser::new(lexer::tokenize(source), false);
    match parser.file() {
        Ok(body) => {
            let module = Module { body };
            check::check_module(&module)?;
            match parser.unsupported.take() {
                Some(err) => Err(err),
                None => Ok(module),
            }
        }
        Err(err) => Err(parser.finish(err)),
    }
}

/// How deep expressions (and blocks) may nest before the parser gives up, so that neither it
/// nor the passes after it overflow the stack. Brackets alone stop at 200 in the tokenizer.
pub(crate) const MAX_DEPTH: u32 = 300;

/// A parse failure: either CPython's generic `invalid syntax` (located at the furthest token
/// examined, decided at the end) or a specific error.
#[derive(Debug)]
pub(crate) enum PErr {
    Generic,
    Error(CompileError),
}

pub(crate) type PResult<T> = Result<T, PErr>;

/// Coarse token classes, cheap to copy and compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum T {
    Name,
    Kw(Kw),
    Number,
    Str,
    Op(Op),
    Newline,
    Indent,
    Dedent,
    End,
    /// Unknown characters and the error token: never accepted.
    Other,
}

fn class_of(kind: &TokenKind) -> T {
    match kind {
        TokenKind::Name(_) => T::Name,
        TokenKind::Keyword(kw) => T::Kw(*kw),
        TokenKind::Int(_) | TokenKind::Float(_) | TokenKind::Imaginary => T::Number,
        TokenKind::Str(_) => T::Str,
        TokenKind::Op(op) => T::Op(*op),
        TokenKind::Newline => T::Newline,
        TokenKind::Indent => T::Indent,
        TokenKind::Dedent => T::Dedent,
        TokenKind::EndMarker => T::End,
        TokenKind::Unknown(_) | TokenKind::Error => T::Other,
    }
}

pub(crate) struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// The furthest token examined (CPython's `p->fill - 1` of the first pass).
    max_pos: usize,
    /// The furthest token examined, speculative parses included (`p->fill - 1` at the end).
    max_fill: usize,
    lex_error: Option<LexError>,
    /// Whether the parser looked at the token where tokenizing failed.
    hit_lex_error: bool,
    depth: u32,
    /// Whether CPython's `invalid_*` rules apply (not inside `expression_without_invalid`).
    invalid_rules: bool,
    /// Parsing the expression of an f-string: errors get the `f-string: ` prefix.
    in_fstring: bool,
    /// The first construct outside the supported subset; reported only if parsing succeeds.
    unsupported: Option<CompileError>,
    /// Where `expression` failed generically (by start token and `invalid_rules`), with the
    /// furthest token that attempt examined: speculative re-parses would otherwise take
    /// exponential time on deeply nested brackets (CPython memoises instead).
    failed_expressions: HashMap<(usize, bool), usize>,
}

impl Parser {
    pub(crate) fn new(tokens: Tokens, in_fstring: bool) -> Parser {
        let mut toks = tokens.tokens;
        if toks.is_empty() {
            toks.push(Token {
                kind: TokenKind::EndMarker,
                span: Span::new(1, 0, 1, 0),
                level: 0,
            });
        }
        Parser {
            toks,
            pos: 0,
            max_pos: 0,
            max_fill: 0,
            lex_error: tokens.error,
            hit_lex_error: false,
            depth: 0,
            invalid_rules: true,
            in_fstring,
            unsupported: None,
            failed_expressions: HashMap::new(),
        }
    }

    // ----- token cursor -----

    fn look(&mut self, n: usize) -> &Token {
        let i = (self.pos + n).min(self.toks.len() - 1);
        if i > self.max_pos {
            self.max_pos = i;
        }
        if i > self.max_fill {
            self.max_fill = i;
        }
        if matches!(self.toks[i].kind, TokenKind::Error) {
            self.hit_lex_error = true;
        }
        &self.toks[i]
    }

    fn t(&mut self) -> T {
        class_of(&self.look(0).kind)
    }

    fn t_at(&mut self, n: usize) -> T {
        class_of(&self.look(n).kind)
    }

    /// Like [`Parser::t_at`], without counting the token as examined (CPython's second pass
    /// looks further than its first).
    fn t_at_quiet(&mut self, n: usize) -> T {
        let max = self.max_pos;
        let t = self.t_at(n);
        self.max_pos = max;
        t
    }

    fn at(&mut self, t: T) -> bool {
        self.t() == t
    }

    fn at_op(&mut self, op: Op) -> bool {
        self.t() == T::Op(op)
    }

    fn at_kw(&mut self, kw: Kw) -> bool {
        self.t() == T::Kw(kw)
    }

    /// Whether token `n` ahead is the name `word` (for soft keywords).
    fn at_word(&mut self, n: usize, word: &str) -> bool {
        matches!(&self.look(n).kind, TokenKind::Name(name) if name == word)
    }

    fn span(&mut self) -> Span {
        self.look(0).span
    }

    /// Consumes the current token and returns its span.
    fn bump(&mut self) -> Span {
        let span = self.look(0).span;
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        span
    }

    /// The span of the last consumed token.
    fn prev_span(&self) -> Span {
        self.toks[self.pos.saturating_sub(1)].span
    }

    fn eat_op(&mut self, op: Op) -> Option<Span> {
        if self.at_op(op) {
            Some(self.bump())
        } else {
            None
        }
    }

    fn expect_op(&mut self, op: Op) -> PResult<Span> {
        self.eat_op(op).ok_or(PErr::Generic)
    }

    fn eat_kw(&mut self, kw: Kw) -> Option<Span> {
        if self.at_kw(kw) {
            Some(self.bump())
        } else {
            None
        }
    }

    fn expect_kw(&mut self, kw: Kw) -> PResult<Span> {
        self.eat_kw(kw).ok_or(PErr::Generic)
    }

    /// CPython's forced token (`&&':'`): anything else is `expected ':'` right there.
    fn expect_forced(&mut self, op: Op) -> PResult<Span> {
        if let Some(span) = self.eat_op(op) {
            return Ok(span);
        }
        let span = self.span();
        Err(self.error_at(format!("expected '{}'", op.as_str()), span))
    }

    fn name(&mut self) -> PResult<(String, Span)> {
        let token = self.look(0);
        if let TokenKind::Name(name) = &token.kind {
            let name = name.clone();
            let span = self.bump();
            Ok((name, span))
        } else {
            Err(PErr::Generic)
        }
    }

    /// Saves the position for backtracking.
    fn mark(&self) -> (usize, usize) {
        (self.pos, self.max_pos)
    }

    /// Backtracks, forgetting what was examined (used by speculative parses that emulate
    /// CPython's second pass, which must not move the location of generic errors).
    fn reset(&mut self, mark: (usize, usize)) {
        self.pos = mark.0;
        self.max_pos = mark.1;
    }

    /// Runs `f` speculatively: the position and `max_pos` are restored afterwards.
    fn speculate<R>(&mut self, f: impl FnOnce(&mut Parser) -> PResult<R>) -> Option<R> {
        let mark = self.mark();
        let result = f(self).ok();
        self.reset(mark);
        result
    }

    /// Runs `f` without CPython's `invalid_*` rules (its `_without_invalid` rules).
    fn without_invalid<R>(&mut self, f: impl FnOnce(&mut Parser) -> R) -> R {
        let saved = self.invalid_rules;
        self.invalid_rules = false;
        let result = f(self);
        self.invalid_rules = saved;
        result
    }

    fn nested<R>(&mut self, f: impl FnOnce(&mut Parser) -> PResult<R>) -> PResult<R> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            let span = self.span();
            return Err(PErr::Error(CompileError::unsupported(
                "expression nested too deeply",
                span.line,
                span.col,
            )));
        }
        let result = f(self);
        self.depth -= 1;
        result
    }

    // ----- errors -----

    fn make_error(&self, kind: SyntaxKind, msg: impl Into<String>, span: Span) -> CompileError {
        let msg = msg.into();
        let msg = if self.in_fstring {
            format!("f-string: {msg}")
        } else {
            msg
        };
        lexer::syntax_error(kind, msg, span)
    }

    fn error_kind(&self, kind: SyntaxKind, msg: impl Into<String>, span: Span) -> PErr {
        PErr::Error(self.make_error(kind, msg, span))
    }

    /// A `SyntaxError` at a known location.
    fn error_at(&self, msg: impl Into<String>, span: Span) -> PErr {
        self.error_kind(SyntaxKind::SyntaxError, msg, span)
    }

    /// A `SyntaxError` at the furthest token examined (CPython's `RAISE_SYNTAX_ERROR`).
    fn error_last(&self, msg: impl Into<String>) -> PErr {
        let span = self.toks[self.max_pos].span;
        self.error_at(msg, span)
    }

    /// Records a construct outside the supported subset.
    fn unsupported(&mut self, what: &str, span: Span) {
        if self.unsupported.is_none() {
            self.unsupported = Some(CompileError::unsupported(what, span.line, span.col));
        }
    }

    /// Turns a parse failure into the error CPython reports, taking tokenizer errors into
    /// account: CPython tokenizes lazily, so a tokenizer error the parser reached wins; after a
    /// parser error it tokenizes the rest of the file, and errors its tokenizer raises as
    /// exceptions win too (but not after `unexpected indent`).
    pub(crate) fn finish(&mut self, err: PErr) -> CompileError {
        if self.hit_lex_error {
            if let Some(lex) = self.lex_error.take() {
                return lex.error;
            }
        }
        let furthest = self.toks[self.max_pos].clone();
        let (error, indentation) = match err {
            PErr::Error(error) => (error, false),
            PErr::Generic => match furthest.kind {
                TokenKind::Indent | TokenKind::Dedent => {
                    let msg = if furthest.kind == TokenKind::Indent {
                        "unexpected indent"
                    } else {
                        "unexpected unindent"
                    };
                    (
                        self.make_error(SyntaxKind::IndentationError, msg, furthest.span),
                        true,
                    )
                }
                _ => (
                    self.make_error(SyntaxKind::SyntaxError, "invalid syntax", furthest.span),
                    false,
                ),
            },
        };
        if indentation {
            return error;
        }
        match self.lex_error.take() {
            Some(LexError {
                error: lex,
                kind: LexErrorKind::Hard,
            }) => lex,
            Some(LexError {
                error: lex,
                kind: LexErrorKind::UnclosedParen { line },
            }) if self.toks[self.max_fill].span.line > line => lex,
            _ => error,
        }
    }

    // ----- the module -----

    fn file(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        while !self.at(T::End) {
            self.statement(&mut body)?;
        }
        Ok(body)
    }
}
