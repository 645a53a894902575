//! Numeric literals, ported from CPython's tokenizer so that malformed numbers produce the same
//! errors at the same columns.

use num_bigint::BigInt;
use num_traits::{Num, Zero};

use super::{is_potential_identifier_char, LexError, Lexer, TokenKind};

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

impl Lexer {
    /// A number whose first digit `first` (at `self.pos - 1`) has been consumed.
    pub(super) fn number(&mut self, first: char) -> Result<TokenKind, LexError> {
        let start = self.pos - 1;
        if first == '0' {
            let c = self.nextc();
            match c {
                Some('x' | 'X') => return self.radix_number(start, 16, "hexadecimal"),
                Some('o' | 'O') => return self.radix_number(start, 8, "octal"),
                Some('b' | 'B') => return self.radix_number(start, 2, "binary"),
                _ => {}
            }
            let mut c = c;
            let mut nonzero = false;
            // Maybe an old-style octal; in any case allow '0' (and "00", "0_0") as a literal.
            loop {
                if c == Some('_') {
                    c = self.nextc();
                    if !is_digit(c) {
                        self.backup(c);
                        return Err(self.hard_error_at_cur("invalid decimal literal"));
                    }
                }
                if c != Some('0') {
                    break;
                }
                c = self.nextc();
            }
            let zeros_end = self.pos;
            if is_digit(c) {
                nonzero = true;
                c = self.decimal_tail()?;
            }
            match c {
                Some('.') => {
                    let c = self.nextc();
                    return self.fraction(start, c);
                }
                Some('e' | 'E') => return self.exponent(start, c),
                Some('j' | 'J') => return self.imaginary(),
                _ => {}
            }
            if nonzero {
                self.backup(c);
                let col = self.col_of(start) + 1;
                let end = self.col_of(zeros_end);
                return Err(self.hard_error_range(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    col,
                    end,
                ));
            }
            self.verify_end_of_number(c, "decimal")?;
            self.backup(c);
            return Ok(self.int_token(start, 10));
        }
        let c = self.decimal_tail()?;
        match c {
            Some('.') => {
                let c = self.nextc();
                self.fraction(start, c)
            }
            Some('e' | 'E') => self.exponent(start, c),
            Some('j' | 'J') => self.imaginary(),
            _ => {
                self.verify_end_of_number(c, "decimal")?;
                self.backup(c);
                Ok(self.int_token(start, 10))
            }
        }
    }

    /// A number starting with '.', whose first digit `c` has been consumed.
    pub(super) fn number_fraction(&mut self, c: Option<char>) -> Result<TokenKind, LexError> {
        let start = self.pos - 2;
        self.fraction(start, c)
    }

    fn radix_number(
        &mut self,
        start: usize,
        radix: u32,
        kind: &str,
    ) -> Result<TokenKind, LexError> {
        let in_radix = |c: Option<char>| c.is_some_and(|c| c.is_digit(radix));
        let mut c = self.nextc();
        loop {
            if c == Some('_') {
                c = self.nextc();
            }
            if !in_radix(c) {
                if radix != 16 && is_digit(c) {
                    let d = c.unwrap_or('0');
                    return Err(
                        self.hard_error_at_cur(format!("invalid digit '{d}' in {kind} literal"))
                    );
                }
                self.backup(c);
                return Err(self.hard_error_at_cur(format!("invalid {kind} literal")));
            }
            loop {
                c = self.nextc();
                if !in_radix(c) {
                    break;
                }
            }
            if c != Some('_') {
                break;
            }
        }
        if radix != 16 && is_digit(c) {
            let d = c.unwrap_or('0');
            return Err(self.hard_error_at_cur(format!("invalid digit '{d}' in {kind} literal")));
        }
        self.verify_end_of_number(c, kind)?;
        self.backup(c);
        Ok(self.int_token(start, radix))
    }

    fn fraction(&mut self, start: usize, c: Option<char>) -> Result<TokenKind, LexError> {
        let mut c = c;
        if is_digit(c) {
            c = self.decimal_tail()?;
        }
        if matches!(c, Some('e' | 'E')) {
            return self.exponent(start, c);
        }
        if matches!(c, Some('j' | 'J')) {
            return self.imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        Ok(self.float_token(start))
    }

    /// `e` is the consumed 'e' or 'E'.
    fn exponent(&mut self, start: usize, e: Option<char>) -> Result<TokenKind, LexError> {
        let mut c = self.nextc();
        if matches!(c, Some('+' | '-')) {
            c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.hard_error_at_cur("invalid decimal literal"));
            }
        } else if !is_digit(c) {
            self.backup(c);
            self.verify_end_of_number(e, "decimal")?;
            self.backup(e);
            return Ok(self.float_or_int_before_exponent(start));
        }
        c = self.decimal_tail()?;
        if matches!(c, Some('j' | 'J')) {
            return self.imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        Ok(self.float_token(start))
    }

    fn imaginary(&mut self) -> Result<TokenKind, LexError> {
        let c = self.nextc();
        self.verify_end_of_number(c, "imaginary")?;
        self.backup(c);
        Ok(TokenKind::Imaginary)
    }

    fn decimal_tail(&mut self) -> Result<Option<char>, LexError> {
        loop {
            let mut c;
            loop {
                c = self.nextc();
                if !is_digit(c) {
                    break;
                }
            }
            if c != Some('_') {
                return Ok(c);
            }
            c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.hard_error_at_cur("invalid decimal literal"));
            }
        }
    }

    /// Whether the next characters spell `rest` followed by a non-identifier character.
    fn lookahead(&mut self, rest: &str) -> bool {
        let saved = self.pos;
        let mut ok = true;
        for expected in rest.chars() {
            if self.nextc() != Some(expected) {
                ok = false;
                break;
            }
        }
        if ok {
            ok = !self.peekc().is_some_and(is_potential_identifier_char);
        }
        self.pos = saved;
        ok
    }

    /// `c` (consumed) follows a number: a letter there is an error, except for the keywords
    /// that may follow a number in valid code (`1if x else y`), which CPython only warns about.
    fn verify_end_of_number(&mut self, c: Option<char>, kind: &str) -> Result<(), LexError> {
        let keyword_follows = match c {
            Some('a') => self.lookahead("nd"),
            Some('e') => self.lookahead("lse"),
            Some('f') => self.lookahead("or"),
            Some('i') => matches!(self.peekc(), Some('f' | 'n' | 's')),
            Some('o') => self.lookahead("r"),
            Some('n') => self.lookahead("ot"),
            _ => false,
        };
        if !keyword_follows && c.is_some_and(is_potential_identifier_char) {
            self.backup(c);
            return Err(self.hard_error_at_cur(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    fn literal_text(&self, start: usize) -> String {
        self.chars[start..self.pos]
            .iter()
            .filter(|&&c| c != '_')
            .collect()
    }

    fn int_token(&self, start: usize, radix: u32) -> TokenKind {
        let text = self.literal_text(start);
        let digits = if radix == 10 { &text[..] } else { &text[2..] };
        TokenKind::Int(BigInt::from_str_radix(digits, radix).unwrap_or_else(|_| BigInt::zero()))
    }

    fn float_token(&self, start: usize) -> TokenKind {
        let text = self.literal_text(start);
        TokenKind::Float(text.parse::<f64>().unwrap_or(0.0))
    }

    /// `1e` followed by a keyword (`1else`): the number ends before the `e`.
    fn float_or_int_before_exponent(&self, start: usize) -> TokenKind {
        let text = self.literal_text(start);
        if text.contains('.') {
            self.float_token(start)
        } else {
            self.int_token(start, 10)
        }
    }
}
