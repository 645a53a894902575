//! Python syntax highlighting for the code pane: each line cut into classified pieces
//! (keywords, built-ins, strings, comments, numbers, decorators, definition names). A small
//! hand-written scanner: the page must not load a highlighting library, and only colour is at
//! stake (the engine's own lexer decides what the program means).

/// What a piece of a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Plain,
    Keyword,
    Builtin,
    Str,
    Comment,
    Number,
    Decorator,
    /// The name after `def` or `class`.
    Definition,
}

impl Class {
    /// The CSS class (`tok-…`).
    pub fn css(self) -> &'static str {
        match self {
            Class::Plain => "",
            Class::Keyword => "tok-kw",
            Class::Builtin => "tok-bi",
            Class::Str => "tok-str",
            Class::Comment => "tok-com",
            Class::Number => "tok-num",
            Class::Decorator => "tok-dec",
            Class::Definition => "tok-def",
        }
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "match", "case",
];

const BUILTINS: &[&str] = &[
    "print",
    "range",
    "len",
    "list",
    "dict",
    "set",
    "tuple",
    "int",
    "float",
    "str",
    "bool",
    "sum",
    "min",
    "max",
    "abs",
    "sorted",
    "enumerate",
    "zip",
    "map",
    "filter",
    "isinstance",
    "super",
    "self",
    "object",
    "type",
    "repr",
    "iter",
    "next",
    "open",
    "any",
    "all",
    "round",
    "Exception",
    "ValueError",
    "RuntimeError",
    "KeyError",
    "TypeError",
    "TimeoutError",
];

/// A line's pieces: (class, text). Concatenated they are the line.
pub type Pieces = Vec<(Class, String)>;

/// Highlights `source`, one entry per line (`source.split('\n')`). Triple-quoted strings may
/// span lines.
pub fn highlight(source: &str) -> Vec<Pieces> {
    let mut open_triple: Option<&'static str> = None;
    source
        .split('\n')
        .map(|line| highlight_line(line, &mut open_triple))
        .collect()
}

fn push(pieces: &mut Pieces, class: Class, text: &str) {
    if text.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some((c, t)) if *c == class => t.push_str(text),
        _ => pieces.push((class, text.to_string())),
    }
}

fn highlight_line(line: &str, open_triple: &mut Option<&'static str>) -> Pieces {
    let mut pieces = Vec::new();
    let mut rest = line;
    if let Some(quote) = *open_triple {
        match rest.find(quote) {
            Some(end) => {
                push(&mut pieces, Class::Str, &rest[..end + 3]);
                rest = &rest[end + 3..];
                *open_triple = None;
            }
            None => {
                push(&mut pieces, Class::Str, rest);
                return pieces;
            }
        }
    }
    let mut after_def = false;
    while let Some(c) = rest.chars().next() {
        if c == '#' {
            push(&mut pieces, Class::Comment, rest);
            break;
        }
        if c == '@' && pieces.iter().all(|(_, t)| t.trim().is_empty()) {
            let end = rest[1..]
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '.'))
                .map_or(rest.len(), |i| i + 1);
            push(&mut pieces, Class::Decorator, &rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if let Some(len) = string_start(rest) {
            let prefix = len;
            let body = &rest[prefix..];
            let triple = body.starts_with("\"\"\"") || body.starts_with("'''");
            if triple {
                let quote: &'static str = if body.starts_with("\"\"\"") {
                    "\"\"\""
                } else {
                    "'''"
                };
                match body[3..].find(quote) {
                    Some(end) => {
                        let stop = prefix + 3 + end + 3;
                        push(&mut pieces, Class::Str, &rest[..stop]);
                        rest = &rest[stop..];
                    }
                    None => {
                        push(&mut pieces, Class::Str, rest);
                        *open_triple = Some(quote);
                        break;
                    }
                }
            } else {
                let quote = body.chars().next().unwrap_or('"');
                let mut end = rest.len();
                let mut escaped = false;
                for (i, ch) in body.char_indices().skip(1) {
                    if escaped {
                        escaped = false;
                    } else if ch == '\\' {
                        escaped = true;
                    } else if ch == quote {
                        end = prefix + i + ch.len_utf8();
                        break;
                    }
                }
                push(&mut pieces, Class::Str, &rest[..end]);
                rest = &rest[end..];
            }
            after_def = false;
            continue;
        }
        if c.is_ascii_digit() {
            let end = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.'))
                .unwrap_or(rest.len());
            push(&mut pieces, Class::Number, &rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let end = rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            let attribute = pieces.last().is_some_and(|(_, t)| t.ends_with('.'));
            let class = if after_def {
                Class::Definition
            } else if attribute {
                Class::Plain
            } else if KEYWORDS.contains(&word) {
                Class::Keyword
            } else if BUILTINS.contains(&word) {
                Class::Builtin
            } else {
                Class::Plain
            };
            after_def = matches!(word, "def" | "class") && class == Class::Keyword;
            push(&mut pieces, class, word);
            rest = &rest[end..];
            continue;
        }
        let len = c.len_utf8();
        push(&mut pieces, Class::Plain, &rest[..len]);
        if !c.is_whitespace() {
            after_def = false;
        }
        rest = &rest[len..];
    }
    pieces
}

/// The length of a string prefix (`f`, `rb`, …) when `text` starts a string literal.
fn string_start(text: &str) -> Option<usize> {
    let prefix_len = text
        .find(|c: char| !matches!(c, 'r' | 'b' | 'f' | 'u' | 'R' | 'B' | 'F' | 'U'))
        .unwrap_or(text.len());
    if prefix_len > 2 {
        return None;
    }
    match text[prefix_len..].chars().next() {
        Some('"') | Some('\'') => Some(prefix_len),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(line: &str) -> Vec<(Class, String)> {
        highlight(line)
            .remove(0)
            .into_iter()
            .filter(|(c, _)| *c != Class::Plain)
            .collect()
    }

    fn expect(pairs: &[(Class, &str)]) -> Vec<(Class, String)> {
        pairs.iter().map(|(c, t)| (*c, t.to_string())).collect()
    }

    #[test]
    fn keywords_strings_comments_numbers() {
        assert_eq!(
            classes("def work(n):  # loop"),
            expect(&[
                (Class::Keyword, "def"),
                (Class::Definition, "work"),
                (Class::Comment, "# loop")
            ])
        );
        assert_eq!(
            classes("x = f\"a {b}\" + 'c' + 10"),
            expect(&[
                (Class::Str, "f\"a {b}\""),
                (Class::Str, "'c'"),
                (Class::Number, "10")
            ])
        );
        assert_eq!(
            classes("    print(self.lock)"),
            expect(&[(Class::Builtin, "print"), (Class::Builtin, "self")])
        );
        assert_eq!(
            classes("@dataclass"),
            expect(&[(Class::Decorator, "@dataclass")])
        );
        assert_eq!(
            classes("async with lock:"),
            expect(&[(Class::Keyword, "async"), (Class::Keyword, "with")])
        );
        assert_eq!(classes("s = 'it\\'s'"), expect(&[(Class::Str, "'it\\'s'")]));
    }

    #[test]
    fn triple_quoted_strings_span_lines_and_text_is_kept() {
        let source = "x = \"\"\"one\ntwo\nthree\"\"\" # c\ny = 1";
        let lines = highlight(source);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1], [(Class::Str, "two".to_string())]);
        assert_eq!(lines[2][0], (Class::Str, "three\"\"\"".to_string()));
        assert_eq!(lines[2].last().unwrap().0, Class::Comment);
        let rebuilt: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(_, t)| t.as_str()).collect())
            .collect();
        assert_eq!(rebuilt.join("\n"), source);
    }
}
