//! Tokenizer tests. Error messages and positions were checked against CPython 3.11.7
//! (`compile(src, "t.py", "exec")`, reading `lineno`, `offset`, `end_lineno`, `end_offset`).

use super::*;
use crate::error::SyntaxKind;

fn kinds(src: &str) -> Vec<TokenKind> {
    let t = tokenize(src);
    assert!(t.error.is_none(), "unexpected error {:?}", t.error);
    t.tokens.into_iter().map(|t| t.kind).collect()
}

fn name(s: &str) -> TokenKind {
    TokenKind::Name(s.to_string())
}

fn op(o: Op) -> TokenKind {
    TokenKind::Op(o)
}

fn int(v: i64) -> TokenKind {
    TokenKind::Int(BigInt::from(v))
}

/// The error of a source that fails to tokenize: (kind, message, line, col, end line, end col).
fn error(src: &str) -> (SyntaxKind, String, u32, u32, u32, u32, LexErrorKind) {
    let t = tokenize(src);
    let err = t.error.unwrap_or_else(|| panic!("no error for {src:?}"));
    assert_eq!(t.tokens.last().map(|t| &t.kind), Some(&TokenKind::Error));
    match err.error {
        CompileError::Syntax {
            kind,
            msg,
            line,
            col,
            end_line,
            end_col,
        } => (kind, msg, line, col, end_line, end_col, err.kind),
        other => panic!("not a syntax error: {other:?}"),
    }
}

#[test]
fn simple_statement() {
    use TokenKind::{EndMarker, Newline};
    assert_eq!(
        kinds("x = 1\n"),
        vec![name("x"), op(Op::Equal), int(1), Newline, EndMarker]
    );
    // A missing final newline is added, as CPython does.
    assert_eq!(kinds("x"), vec![name("x"), Newline, EndMarker]);
    assert_eq!(kinds(""), vec![EndMarker]);
    assert_eq!(kinds("\n\n# comment\n   \n"), vec![EndMarker]);
}

#[test]
fn keywords_and_soft_keywords() {
    use TokenKind::{EndMarker, Keyword, Newline};
    let k = kinds("if match and _ case await\n");
    assert_eq!(
        k,
        vec![
            Keyword(Kw::If),
            name("match"),
            Keyword(Kw::And),
            name("_"),
            name("case"),
            Keyword(Kw::Await),
            Newline,
            EndMarker
        ]
    );
}

#[test]
fn indent_and_dedent() {
    use TokenKind::{Dedent, EndMarker, Indent, Keyword, Newline};
    let src = "if x:\n    y\n    if z:\n        w\n\n# c\nv\n";
    let k = kinds(src);
    assert_eq!(
        k,
        vec![
            Keyword(Kw::If),
            name("x"),
            op(Op::Colon),
            Newline,
            Indent,
            name("y"),
            Newline,
            Keyword(Kw::If),
            name("z"),
            op(Op::Colon),
            Newline,
            Indent,
            name("w"),
            Newline,
            Dedent,
            Dedent,
            name("v"),
            Newline,
            EndMarker,
        ]
    );
    // Dedents at end of file come before the end marker.
    let k = kinds("if x:\n  y");
    assert_eq!(&k[k.len() - 3..], &[Newline, Dedent, EndMarker]);
}

#[test]
fn tabs_count_to_multiples_of_eight() {
    // A tab after four spaces reaches column 8, like eight spaces... but the alternate
    // (tab = 1) columns disagree, which CPython rejects.
    let (kind, msg, line, col, ..) = error("if x:\n\tpass\n        pass\n");
    assert_eq!(kind, SyntaxKind::TabError);
    assert_eq!(msg, "inconsistent use of tabs and spaces in indentation");
    assert_eq!((line, col), (3, 1));
    // Consistent tabs are fine.
    assert!(tokenize("if x:\n\tif y:\n\t\tpass\n").error.is_none());
}

#[test]
fn implicit_joining_and_continuation() {
    use TokenKind::{EndMarker, Indent, Newline};
    let k = kinds("x = (1,\n     2)\ny = 1 + \\\n    2\n");
    assert_eq!(k.iter().filter(|k| **k == Newline).count(), 2);
    assert!(!k.contains(&Indent));
    let k = kinds("[\n  1,\n\n  # c\n]\n");
    assert_eq!(
        k,
        vec![
            op(Op::LSqb),
            int(1),
            op(Op::Comma),
            op(Op::RSqb),
            Newline,
            EndMarker
        ]
    );
}

#[test]
fn operators_longest_match() {
    let k = kinds("a **= b // c ... -> := != <<= >>= @= .5\n");
    assert_eq!(k[1], op(Op::DoubleStarEqual));
    assert_eq!(k[3], op(Op::DoubleSlash));
    assert_eq!(k[5], op(Op::Ellipsis));
    assert_eq!(k[6], op(Op::RArrow));
    assert_eq!(k[7], op(Op::ColonEqual));
    assert_eq!(k[8], op(Op::NotEqual));
    assert_eq!(k[9], op(Op::LeftShiftEqual));
    assert_eq!(k[10], op(Op::RightShiftEqual));
    assert_eq!(k[11], op(Op::AtEqual));
    assert_eq!(k[12], TokenKind::Float(0.5));
    // `$`, `?`, `!` and `<>` are tokens no rule accepts.
    assert_eq!(
        kinds("$ ? ! <>\n")[..4],
        [
            TokenKind::Unknown("$".into()),
            TokenKind::Unknown("?".into()),
            TokenKind::Unknown("!".into()),
            TokenKind::Unknown("<>".into()),
        ]
    );
}

#[test]
fn numbers() {
    let k = kinds("0 00 0_0 7 1_000 0xFF 0o17 0b1010 0x_f 1.5 1. .5 1e3 1.5e-3 1_0.0_1 1E+2\n");
    let expected = [
        int(0),
        int(0),
        int(0),
        int(7),
        int(1000),
        int(255),
        int(15),
        int(10),
        int(15),
        TokenKind::Float(1.5),
        TokenKind::Float(1.0),
        TokenKind::Float(0.5),
        TokenKind::Float(1000.0),
        TokenKind::Float(0.0015),
        TokenKind::Float(10.01),
        TokenKind::Float(100.0),
    ];
    assert_eq!(&k[..expected.len()], &expected);
    let big = kinds("123456789012345678901234567890\n");
    assert_eq!(
        big[0],
        TokenKind::Int("123456789012345678901234567890".parse().unwrap())
    );
    assert_eq!(
        kinds("1j 1.5J\n")[..2],
        [TokenKind::Imaginary, TokenKind::Imaginary]
    );
    // A keyword right after a number is allowed (CPython only warns).
    assert_eq!(
        kinds("1if x else 2\n")[..2],
        [int(1), TokenKind::Keyword(Kw::If)]
    );
    assert_eq!(
        kinds("1else\n")[..2],
        [int(1), TokenKind::Keyword(Kw::Else)]
    );
}

#[test]
fn number_errors() {
    // (source, message, line, col, end_line, end_col) as CPython 3.11.7 reports them (an
    // `end_offset` equal to `offset` is stored as `col + 1`).
    let cases = [
        ("x = 1_\n", "invalid decimal literal", 1, 6, 1, 7),
        ("x = 1abc\n", "invalid decimal literal", 1, 5, 1, 6),
        ("x = 1__0\n", "invalid decimal literal", 1, 6, 1, 7),
        ("x = 1e\n", "invalid decimal literal", 1, 5, 1, 6),
        ("x = 1e+\n", "invalid decimal literal", 1, 7, 1, 8),
        ("x = 1.__add__\n", "invalid decimal literal", 1, 6, 1, 7),
        ("x = 0b12\n", "invalid digit '2' in binary literal", 1, 8, 1, 9),
        ("x = 0o8\n", "invalid digit '8' in octal literal", 1, 7, 1, 8),
        ("x = 0x\n", "invalid hexadecimal literal", 1, 6, 1, 7),
        ("x = 0o\n", "invalid octal literal", 1, 6, 1, 7),
        ("x = 0o17a\n", "invalid octal literal", 1, 8, 1, 9),
        ("x = 0x1_\n", "invalid hexadecimal literal", 1, 8, 1, 9),
        (
            "x = 0777\n",
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            1, 5, 1, 6,
        ),
        (
            "x = 0_7\n",
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            1, 5, 1, 7,
        ),
    ];
    for (src, msg, line, col, end_line, end_col) in cases {
        let (kind, m, l, c, el, ec, lk) = error(src);
        assert_eq!(kind, SyntaxKind::SyntaxError, "{src:?}");
        assert_eq!(
            (m.as_str(), l, c, el, ec),
            (msg, line, col, end_line, end_col),
            "{src:?}"
        );
        assert_eq!(lk, LexErrorKind::Hard);
    }
}

#[test]
fn strings() {
    let t = tokenize("s = rb'\\d' f\"{x}\" '''a\nb''' U'x'\n");
    assert!(t.error.is_none());
    let strs: Vec<&StrToken> = t
        .tokens
        .iter()
        .filter_map(|t| {
            if let TokenKind::Str(s) = &t.kind {
                Some(&**s)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(strs.len(), 4);
    assert!(strs[0].bytes && strs[0].raw && !strs[0].fstring);
    assert_eq!(strs[0].body, "\\d");
    assert!(strs[1].fstring && !strs[1].raw);
    assert_eq!((strs[1].body_line, strs[1].body_col), (1, 13));
    assert!(strs[2].triple);
    assert_eq!(strs[2].body, "a\nb");
    assert_eq!(strs[3].body, "x");
    // The triple-quoted string spans two lines.
    let tri = t
        .tokens
        .iter()
        .find(|t| matches!(&t.kind, TokenKind::Str(s) if s.triple))
        .unwrap();
    assert_eq!(tri.span, Span::new(1, 19, 2, 5));
    // Invalid prefixes are a name followed by a string.
    assert_eq!(kinds("fb'x'\n")[0], name("fb"));
    assert_eq!(kinds("ur'x'\n")[0], name("ur"));
}

#[test]
fn string_errors() {
    let cases = [
        (
            "s = 'abc\n",
            "unterminated string literal (detected at line 1)",
            1,
            5,
        ),
        (
            "x = f'abc\n",
            "unterminated string literal (detected at line 1)",
            1,
            5,
        ),
        (
            "'abc",
            "unterminated string literal (detected at line 1)",
            1,
            1,
        ),
        (
            "x = 'abc\\\ndef",
            "unterminated string literal (detected at line 2)",
            1,
            5,
        ),
        (
            "x=1\n'abc\\",
            "unterminated string literal (detected at line 2)",
            2,
            1,
        ),
        (
            "s = \"\"\"abc\n\n",
            "unterminated triple-quoted string literal (detected at line 2)",
            1,
            5,
        ),
        (
            "\"\"\"abc",
            "unterminated triple-quoted string literal (detected at line 1)",
            1,
            1,
        ),
        (
            "x = '''abc\n\n\n'''\n'abc\n",
            "unterminated string literal (detected at line 5)",
            5,
            1,
        ),
    ];
    for (src, msg, line, col) in cases {
        let (kind, m, l, c, el, ec, lk) = error(src);
        assert_eq!(kind, SyntaxKind::SyntaxError);
        assert_eq!(
            (m.as_str(), l, c, el, ec),
            (msg, line, col, line, col + 1),
            "{src:?}"
        );
        assert_eq!(lk, LexErrorKind::Hard);
    }
}

#[test]
fn bracket_errors() {
    let cases = [
        ("x = 1)\n", "unmatched ')'", 1, 6),
        ("x = ]\n", "unmatched ']'", 1, 5),
        (
            "x = (1]\n",
            "closing parenthesis ']' does not match opening parenthesis '('",
            1,
            7,
        ),
        (
            "{(]\n",
            "closing parenthesis ']' does not match opening parenthesis '('",
            1,
            3,
        ),
        (
            "x = (1\n   ]\n",
            "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
            2,
            4,
        ),
    ];
    for (src, msg, line, col) in cases {
        let (_, m, l, c, ..) = error(src);
        assert_eq!((m.as_str(), l, c), (msg, line, col), "{src:?}");
    }
    let (_, m, l, c, el, ec, lk) = error("x = (1,\n");
    assert_eq!(
        (m.as_str(), l, c, el, ec),
        ("'(' was never closed", 1, 5, 1, 6)
    );
    assert_eq!(lk, LexErrorKind::UnclosedParen { line: 1 });
    let deep = format!("x = {}\n", "(".repeat(201));
    let (_, m, l, c, ..) = error(&deep);
    assert_eq!((m.as_str(), l, c), ("too many nested parentheses", 1, 205));
}

#[test]
fn indentation_errors() {
    let (kind, m, l, c, el, ec, lk) = error("if x:\n        a\n    b\n");
    assert_eq!(kind, SyntaxKind::IndentationError);
    assert_eq!(
        (m.as_str(), l, c, el, ec),
        (
            "unindent does not match any outer indentation level",
            3,
            6,
            3,
            7
        )
    );
    assert_eq!(lk, LexErrorKind::Soft);
    let deep: String = (0..101)
        .map(|i| format!("{}if x:\n", "    ".repeat(i)))
        .collect::<String>()
        + "pass\n";
    let (kind, m, l, c, ..) = error(&deep);
    assert_eq!(
        (kind, m.as_str(), l, c),
        (
            SyntaxKind::IndentationError,
            "too many levels of indentation",
            101,
            1
        )
    );
}

#[test]
fn character_errors() {
    let (_, m, l, c, ..) = error("x = a \u{2192} b\n");
    assert_eq!(
        (m.as_str(), l, c),
        ("invalid character '\u{2192}' (U+2192)", 1, 7)
    );
    let (_, m, l, c, ..) = error("x = a\u{a0}+ b\n");
    assert_eq!(
        (m.as_str(), l, c),
        ("invalid non-printable character U+00A0", 1, 6)
    );
    let (_, m, l, c, ..) = error("x = 1 \\ 2\n");
    assert_eq!(
        (m.as_str(), l, c),
        (
            "unexpected character after line continuation character",
            1,
            8
        )
    );
    let (_, m, l, c, ..) = error("x = \\\n");
    assert_eq!((m.as_str(), l, c), ("unexpected EOF while parsing", 1, 6));
    let (_, m, ..) = error("x = 1\0\n");
    assert_eq!(m, "source code string cannot contain null bytes");
    // Non-ASCII identifiers are fine.
    assert_eq!(kinds("\u{e9}t\u{e9} = 1\n")[0], name("\u{e9}t\u{e9}"));
}

#[test]
fn positions() {
    let t = tokenize("if x:\n    yy = 'a'  # c\n");
    let spans: Vec<Span> = t.tokens.iter().map(|t| t.span).collect();
    // `if` `x` `:` NEWLINE INDENT `yy` `=` `'a'` NEWLINE(spans the comment) DEDENT END
    assert_eq!(spans[0], Span::new(1, 1, 1, 3));
    assert_eq!(spans[3], Span::new(1, 6, 1, 6));
    assert_eq!(spans[4], Span::new(2, 4, 2, 4));
    assert_eq!(spans[5], Span::new(2, 5, 2, 7));
    assert_eq!(spans[7], Span::new(2, 10, 2, 13));
    assert_eq!(spans[8], Span::new(2, 15, 2, 18));
    // At end of file: the last line and its length.
    assert_eq!(spans[10], Span::new(2, 18, 2, 18));
    // Columns count characters, not bytes.
    let t = tokenize("\u{e9} = 1\n");
    assert_eq!(t.tokens[1].span, Span::new(1, 3, 1, 4));
}

#[test]
fn levels() {
    let t = tokenize("f(a, [b])\n");
    let levels: Vec<u32> = t.tokens.iter().map(|t| t.level).collect();
    assert_eq!(levels, vec![0, 1, 1, 1, 2, 2, 1, 0, 0, 0]);
}
