//! Escape sequences of string and bytes literals, with CPython's error messages.

/// A decoding failure: a syntax error message, or (for `\N{...}`) a construct outside the
/// supported subset.
pub(crate) enum DecodeError {
    Syntax(String),
}

/// The decoded text, and whether it used an unsupported escape (`\N{...}`).
pub(crate) type Decoded<T> = Result<(T, Option<&'static str>), DecodeError>;

/// Byte offsets CPython's decoder reports: it sees non-ASCII characters as `\UXXXXXXXX`.
fn offsets(chars: &[char]) -> Vec<usize> {
    let mut out = Vec::with_capacity(chars.len() + 1);
    let mut n = 0;
    for &c in chars {
        out.push(n);
        n += if c.is_ascii() { 1 } else { 10 };
    }
    out.push(n);
    out
}

fn unicode_error(offsets: &[usize], start: usize, end: usize, reason: &str) -> DecodeError {
    let (a, b) = (offsets[start], offsets[end].saturating_sub(1));
    DecodeError::Syntax(format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {a}-{b}: {reason}"
    ))
}

/// Reads up to `n` hex digits at `*i`; returns the value and how many were read.
fn hex_digits(chars: &[char], i: &mut usize, n: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut count = 0;
    while count < n {
        match chars.get(*i).and_then(|c| c.to_digit(16)) {
            Some(d) => {
                value = value.wrapping_mul(16).wrapping_add(d);
                *i += 1;
                count += 1;
            }
            None => break,
        }
    }
    (value, count)
}

fn octal_value(chars: &[char], i: &mut usize, first: u32) -> u32 {
    let mut value = first;
    for _ in 0..2 {
        match chars.get(*i).and_then(|c| c.to_digit(8)) {
            Some(d) => {
                value = value * 8 + d;
                *i += 1;
            }
            None => break,
        }
    }
    value
}

/// Decodes the body of a (non-raw) str literal.
pub(crate) fn decode_str(chars: &[char]) -> Decoded<String> {
    let offsets = offsets(chars);
    let mut out = String::with_capacity(chars.len());
    let mut unsupported = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = chars.get(i) else {
            out.push('\\');
            break;
        };
        i += 1;
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let value = octal_value(chars, &mut i, e as u32 - '0' as u32);
                out.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
            }
            'x' | 'u' | 'U' => {
                let (n, reason) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let (value, count) = hex_digits(chars, &mut i, n);
                if count < n {
                    return Err(unicode_error(&offsets, start, i, reason));
                }
                if value > 0x10FFFF {
                    return Err(unicode_error(
                        &offsets,
                        start,
                        i,
                        "illegal Unicode character",
                    ));
                }
                out.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
            }
            'N' => {
                let close = chars[i..].iter().position(|&c| c == '}');
                match (chars.get(i), close) {
                    (Some('{'), Some(close)) if close > 1 => {
                        i += close + 1;
                        unsupported = Some("\\N{...} escape sequence");
                        out.push('\u{FFFD}');
                    }
                    _ => {
                        return Err(unicode_error(
                            &offsets,
                            start,
                            i,
                            "malformed \\N character escape",
                        ))
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok((out, unsupported))
}

/// Decodes the body of a (non-raw, ASCII-only) bytes literal.
pub(crate) fn decode_bytes(chars: &[char]) -> Decoded<Vec<u8>> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = chars.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            '\n' => {}
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(11),
            '0'..='7' => {
                let value = octal_value(chars, &mut i, e as u32 - '0' as u32);
                out.push((value & 0xFF) as u8);
            }
            'x' => {
                let (value, count) = hex_digits(chars, &mut i, 2);
                if count < 2 {
                    return Err(DecodeError::Syntax(format!(
                        "(value error) invalid \\x escape at position {start}"
                    )));
                }
                out.push(value as u8);
            }
            other => {
                out.push(b'\\');
                out.push(other as u8);
            }
        }
    }
    Ok((out, None))
}
