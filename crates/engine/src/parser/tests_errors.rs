//! Error messages and locations, each checked against CPython 3.11.7: the expected values
//! are what `compile(src, "t.py", "exec")` raised (`msg`, `lineno`, `offset`, `end_lineno`,
//! `end_offset`), with a missing or non-increasing end stored as `col + 1` (one caret).

use super::parse;
use crate::error::{CompileError, SyntaxKind};

type Case = (&'static str, &'static str, &'static str, u32, u32, u32, u32);

fn check(cases: &[Case]) {
    for &(src, kind, msg, line, col, end_line, end_col) in cases {
        let kind = match kind {
            "SyntaxError" => SyntaxKind::SyntaxError,
            "IndentationError" => SyntaxKind::IndentationError,
            _ => SyntaxKind::TabError,
        };
        let expected = CompileError::Syntax {
            kind,
            msg: msg.to_string(),
            line,
            col,
            end_line,
            end_col,
        };
        assert_eq!(parse(src), Err(expected), "source: {src:?}");
    }
}

#[test]
#[rustfmt::skip]
fn required_messages() {
    check(&[
        ("if x\n  pass\n", "SyntaxError", "expected ':'", 1, 5, 1, 6),
        ("while x\n  pass\n", "SyntaxError", "expected ':'", 1, 8, 1, 9),
        ("for x in y\n  pass\n", "SyntaxError", "expected ':'", 1, 11, 1, 12),
        ("def f()\n  pass\n", "SyntaxError", "expected ':'", 1, 8, 1, 9),
        ("class A\n  pass\n", "SyntaxError", "expected ':'", 1, 8, 1, 9),
        ("with a\n  pass\n", "SyntaxError", "expected ':'", 1, 7, 1, 8),
        ("try\n  pass\n", "SyntaxError", "expected ':'", 1, 4, 1, 5),
        ("if x:\n  x\nelse\n  y\n", "SyntaxError", "expected ':'", 3, 5, 3, 6),
        ("if x:\n  x\nelif y\n  y\n", "SyntaxError", "expected ':'", 3, 7, 3, 8),
        ("try:\n  x\nexcept\n  y\n", "SyntaxError", "expected ':'", 3, 7, 3, 8),
        ("try:\n  x\nexcept E\n  y\n", "SyntaxError", "expected ':'", 3, 9, 3, 10),
        ("try:\n  x\nfinally\n  y\n", "SyntaxError", "expected ':'", 3, 8, 3, 9),
        ("def f(x) y:\n  pass\n", "SyntaxError", "expected ':'", 1, 10, 1, 11),
        ("def f:\n  pass\n", "SyntaxError", "expected '('", 1, 6, 1, 7),
        ("class A # comment\n  pass\n", "SyntaxError", "expected ':'", 1, 9, 1, 18),
        ("a b\n", "SyntaxError", "invalid syntax", 1, 3, 1, 4),
        ("x = 1 +\n", "SyntaxError", "invalid syntax", 1, 8, 1, 9),
        ("x = $\n", "SyntaxError", "invalid syntax", 1, 5, 1, 6),
        ("if x: if y: pass\n", "SyntaxError", "invalid syntax", 1, 7, 1, 9),
        ("x = 1;;\n", "SyntaxError", "invalid syntax", 1, 7, 1, 8),
        ("import\n", "SyntaxError", "invalid syntax", 1, 7, 1, 8),
        ("f(**a=1)\n", "SyntaxError", "invalid syntax", 1, 6, 1, 7),
        ("x := 1\n", "SyntaxError", "invalid syntax", 1, 3, 1, 5),
        ("[a b]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 2, 1, 5),
        ("x = (1 2)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6, 1, 9),
        ("foo(1, 2 3)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 8, 1, 11),
        ("{1: 2 3: 4}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5, 1, 8),
        ("x = [1, 2\n  3]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 9, 2, 4),
        ("print(a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 1, 10),
        ("f(key=a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 1, 10),
        ("x = [\n  'a',\n  'b'\n  'c'\n  d\n]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 3, 3, 5, 4),
        ("  x = 1\n", "IndentationError", "unexpected indent", 1, 2, 1, 3),
        ("x = 1\n    y = 2\n", "IndentationError", "unexpected indent", 2, 4, 2, 5),
        ("\tif x:\n", "IndentationError", "unexpected indent", 1, 1, 1, 2),
        ("if x:\npass\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1, 2, 5),
        ("if x:\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6, 1, 7),
        ("while x:\nx\n", "IndentationError", "expected an indented block after 'while' statement on line 1", 2, 1, 2, 2),
        ("for x in y:\nx\n", "IndentationError", "expected an indented block after 'for' statement on line 1", 2, 1, 2, 2),
        ("def f():\nx\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 2, 2),
        ("async def f():\nx\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 2, 2),
        ("class A:\nx\n", "IndentationError", "expected an indented block after class definition on line 1", 2, 1, 2, 2),
        ("try:\nx\n", "IndentationError", "expected an indented block after 'try' statement on line 1", 2, 1, 2, 2),
        ("with a:\nx\n", "IndentationError", "expected an indented block after 'with' statement on line 1", 2, 1, 2, 2),
        ("if x:\n  x\nelse:\nx\n", "IndentationError", "expected an indented block after 'else' statement on line 3", 4, 1, 4, 2),
        ("if x:\n  x\nelif y:\nx\n", "IndentationError", "expected an indented block after 'elif' statement on line 3", 4, 1, 4, 2),
        ("try:\n  x\nexcept:\nx\n", "IndentationError", "expected an indented block after 'except' statement on line 3", 4, 1, 4, 2),
        ("try:\n  x\nexcept E:\nx\n", "IndentationError", "expected an indented block after 'except' statement on line 3", 4, 1, 4, 2),
        ("try:\n  x\nfinally:\nx\n", "IndentationError", "expected an indented block after 'finally' statement on line 3", 4, 1, 4, 2),
        ("for x in y:\n  x\nelse:\nx\n", "IndentationError", "expected an indented block after 'else' statement on line 3", 4, 1, 4, 2),
        ("async def f():\n  async for x in y:\n  x\n", "IndentationError", "expected an indented block after 'for' statement on line 2", 3, 3, 3, 4),
        ("async def f():\n  async with a:\n  x\n", "IndentationError", "expected an indented block after 'with' statement on line 2", 3, 3, 3, 4),
        ("if a:\n    if x:\nb\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 3, 0, 3, 1),
        ("if a:\n    if x:\n", "IndentationError", "expected an indented block after 'if' statement on line 2", 2, 10, 2, 11),
        ("if x:\n        a\n    b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 6, 3, 7),
        ("if x:\n  a\n b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 3, 3, 4),
        ("x = (1,\n", "SyntaxError", "'(' was never closed", 1, 5, 1, 6),
        ("foo(\n", "SyntaxError", "'(' was never closed", 1, 4, 1, 5),
        ("x = [1, 2\nfoo()\n", "SyntaxError", "'[' was never closed", 1, 5, 1, 6),
        ("x = (1,\ny = 2\n", "SyntaxError", "'(' was never closed", 1, 5, 1, 6),
        ("f(a b\n", "SyntaxError", "'(' was never closed", 1, 2, 1, 3),
        ("x = 1)\n", "SyntaxError", "unmatched ')'", 1, 6, 1, 7),
        ("x = }\n", "SyntaxError", "unmatched '}'", 1, 5, 1, 6),
        ("x = (1]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '('", 1, 7, 1, 8),
        ("x = (1\n   ]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 4, 2, 5),
        ("s = 'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 6),
        ("x = f'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 6),
        ("x = 'abc\\\ndef", "SyntaxError", "unterminated string literal (detected at line 2)", 1, 5, 1, 6),
        ("s = \"\"\"abc\n\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 1, 6),
        ("\"\"\"abc", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 1, 1, 2),
        ("1 = x\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2),
        ("f() = 1\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 1, 4),
        ("x = 1 = 2\n", "SyntaxError", "cannot assign to literal", 1, 5, 1, 6),
        ("... = 1\n", "SyntaxError", "cannot assign to ellipsis here. Maybe you meant '==' instead of '='?", 1, 1, 1, 4),
        ("(1) = 2\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 2, 1, 3),
        ("[x for x in y] = 1\n", "SyntaxError", "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?", 1, 1, 1, 15),
        ("None = 1\n", "SyntaxError", "cannot assign to None", 1, 1, 1, 5),
        ("(1,) = 2\n", "SyntaxError", "cannot assign to literal", 1, 2, 1, 3),
        ("f() = yield x\n", "SyntaxError", "cannot assign to function call", 1, 1, 1, 4),
        ("x = 1_\n", "SyntaxError", "invalid decimal literal", 1, 6, 1, 7),
        ("x = 1abc\n", "SyntaxError", "invalid decimal literal", 1, 5, 1, 6),
        ("x = 0b12\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 8, 1, 9),
        ("x = 0777\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 1, 6),
        ("return 1\n", "SyntaxError", "'return' outside function", 1, 1, 1, 9),
        ("class A:\n  return 1\n", "SyntaxError", "'return' outside function", 2, 3, 2, 11),
        ("break\n", "SyntaxError", "'break' outside loop", 1, 1, 1, 6),
        ("for x in y:\n  def f():\n    break\n", "SyntaxError", "'break' outside loop", 3, 5, 3, 10),
        ("while x:\n  pass\nelse:\n  break\n", "SyntaxError", "'break' outside loop", 4, 3, 4, 8),
        ("continue\n", "SyntaxError", "'continue' not properly in loop", 1, 1, 1, 9),
        ("await x\n", "SyntaxError", "'await' outside function", 1, 1, 1, 8),
        ("def f(): await x\n", "SyntaxError", "'await' outside async function", 1, 10, 1, 17),
        ("x = f'{x'\n", "SyntaxError", "f-string: expecting '}'", 1, 10, 1, 11),
        ("print(f'{x')\n", "SyntaxError", "f-string: expecting '}'", 1, 12, 1, 13),
        ("x = f'{'\n", "SyntaxError", "f-string: expecting '}'", 1, 9, 1, 10),
        ("x = f'{x!r=}'\n", "SyntaxError", "f-string: expecting '}'", 1, 14, 1, 15),
        ("f(a=1, b)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 1, 10),
        ("f(a=1, b, c)\n", "SyntaxError", "positional argument follows keyword argument", 1, 12, 1, 13),
        ("f(**k, b)\n", "SyntaxError", "positional argument follows keyword argument unpacking", 1, 9, 1, 10),
        ("f(a=1,\n b\n)\n", "SyntaxError", "positional argument follows keyword argument", 3, 1, 3, 2),
        ("def f(a=1, b): pass\n", "SyntaxError", "non-default argument follows default argument", 1, 12, 1, 13),
        ("def f(a=1, b: int): pass\n", "SyntaxError", "non-default argument follows default argument", 1, 12, 1, 18),
        ("lambda a=1, b: 0\n", "SyntaxError", "non-default argument follows default argument", 1, 13, 1, 14),
        ("print 'x'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 10),
        ("print x\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 8),
        ("exec 'code'\n", "SyntaxError", "Missing parentheses in call to 'exec'. Did you mean exec(...)?", 1, 1, 1, 12),
    ]);
}

#[test]
#[rustfmt::skip]
fn assignment_and_target_errors() {
    check(&[
        ("if x = 1:\n  pass\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 1, 9),
        ("while x = 1:\n  pass\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 7, 1, 12),
        ("[x = 1]\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 2, 1, 7),
        ("x = a < b = 1\n", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 1, 1, 6),
        ("if x == 1 and y = 2:\n  pass\n", "SyntaxError", "invalid syntax", 1, 17, 1, 18),
        ("f(x.y = 1)\n", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3, 1, 8),
        ("f(1 = 2)\n", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3, 1, 6),
        ("f(True = 2)\n", "SyntaxError", "cannot assign to True", 1, 3, 1, 9),
        ("x.y := 1\n", "SyntaxError", "cannot use assignment expressions with attribute", 1, 1, 1, 4),
        ("(x.y := 1)\n", "SyntaxError", "cannot use assignment expressions with attribute", 1, 2, 1, 5),
        ("a, b: int\n", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1, 1, 2),
        ("[a]: int\n", "SyntaxError", "only single target (not list) can be annotated", 1, 1, 1, 4),
        ("(a, b): int\n", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1, 1, 7),
        ("f(): int\n", "SyntaxError", "illegal target for annotation", 1, 1, 1, 4),
        ("f() += 1\n", "SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1, 1, 4),
        ("a, b += 1\n", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1, 1, 5),
        ("x = yield = 1\n", "SyntaxError", "assignment to yield expression not possible", 1, 5, 1, 10),
        ("yield x = 1\n", "SyntaxError", "assignment to yield expression not possible", 1, 1, 1, 8),
        ("del f()\n", "SyntaxError", "cannot delete function call", 1, 5, 1, 8),
        ("del a, 1\n", "SyntaxError", "cannot delete literal", 1, 8, 1, 9),
        ("del *a\n", "SyntaxError", "cannot delete starred", 1, 5, 1, 7),
        ("del (x, 1)\n", "SyntaxError", "cannot delete literal", 1, 9, 1, 10),
        ("for 1 in x: pass\n", "SyntaxError", "cannot assign to literal", 1, 5, 1, 6),
        ("for f() in x: pass\n", "SyntaxError", "cannot assign to function call", 1, 5, 1, 8),
        ("with a as 1: pass\n", "SyntaxError", "cannot assign to literal", 1, 11, 1, 12),
        ("[x for 1 in y]\n", "SyntaxError", "cannot assign to literal", 1, 8, 1, 9),
        ("a,+ b = 0, 1\n", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 3, 1, 6),
        ("stats(values):\n", "SyntaxError", "invalid syntax", 1, 14, 1, 15),
        ("yield self.v:alue\n", "SyntaxError", "invalid syntax", 1, 13, 1, 14),
    ]);
}

#[test]
#[rustfmt::skip]
fn expression_errors() {
    check(&[
        ("x = a if b\n", "SyntaxError", "expected 'else' after 'if' expression", 1, 5, 1, 11),
        ("[1 if 2 for x in y]\n", "SyntaxError", "expected 'else' after 'if' expression", 1, 2, 1, 8),
        ("x = 1 if 2:\n", "SyntaxError", "invalid syntax", 1, 11, 1, 12),
        ("f(x for x in y, 1)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 3, 1, 15),
        ("f(1, x for x in y)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 6, 1, 18),
        ("f(*a for a in b)\n", "SyntaxError", "iterable unpacking cannot be used in comprehension", 1, 3, 1, 5),
        ("f(**k, *b)\n", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking", 1, 8, 1, 9),
        ("(*a)\n", "SyntaxError", "cannot use starred expression here", 1, 2, 1, 4),
        ("[*a for a in b]\n", "SyntaxError", "iterable unpacking cannot be used in comprehension", 1, 2, 1, 4),
        ("[a, b for a in c]\n", "SyntaxError", "did you forget parentheses around the comprehension target?", 1, 2, 1, 6),
        ("x = {a: b, c d}\n", "SyntaxError", "':' expected after dictionary key", 1, 12, 1, 13),
        ("{a:}\n", "SyntaxError", "expression expected after dictionary key and ':'", 1, 3, 1, 4),
        ("(**a)\n", "SyntaxError", "cannot use double starred expression here", 1, 2, 1, 4),
        ("x = (c d e)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 8, 1, 11),
        ("x = (c[1] d)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 7, 1, 12),
        ("x = (c.d e)\n", "SyntaxError", "invalid syntax", 1, 10, 1, 11),
        ("[_ x]\n", "SyntaxError", "invalid syntax", 1, 4, 1, 5),
        ("x = [a for b in g h]\n", "SyntaxError", "invalid syntax", 1, 19, 1, 20),
        ("[r for r results if not isinstance(r, E)]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 8, 1, 17),
        ("x = b'a' 'b'\n", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 13, 1, 14),
        ("x = b'é'\n", "SyntaxError", "bytes can only contain ASCII literal characters", 1, 5, 1, 9),
        ("x = '\\x'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape", 1, 9, 1, 10),
        ("x = '\\u12'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape", 1, 11, 1, 12),
        ("x = b'\\x'\n", "SyntaxError", "(value error) invalid \\x escape at position 0", 1, 10, 1, 11),
        ("x = 'a\\N'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 1-2: malformed \\N character escape", 1, 10, 1, 11),
    ]);
}

#[test]
#[rustfmt::skip]
fn parameter_errors() {
    check(&[
        ("def f(*): pass\n", "SyntaxError", "named arguments must follow bare *", 1, 7, 1, 8),
        ("def f(**k, a): pass\n", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12, 1, 13),
        ("def f(*a=1): pass\n", "SyntaxError", "var-positional argument cannot have default value", 1, 9, 1, 10),
        ("def f(a, *, b, *c): pass\n", "SyntaxError", "* argument may appear only once", 1, 16, 1, 17),
        ("def f(/): pass\n", "SyntaxError", "invalid syntax", 1, 7, 1, 8),
        ("def f(/, a): pass\n", "SyntaxError", "at least one argument must precede /", 1, 7, 1, 8),
        ("def f(a, /, /): pass\n", "SyntaxError", "/ may appear only once", 1, 13, 1, 14),
        ("def f(*, a, /): pass\n", "SyntaxError", "/ must be ahead of *", 1, 13, 1, 14),
        ("lambda *: 0\n", "SyntaxError", "named arguments must follow bare *", 1, 9, 1, 10),
        ("lambda *, **k: 0\n", "SyntaxError", "named arguments must follow bare *", 1, 11, 1, 13),
        ("lambda **k=1: 0\n", "SyntaxError", "var-keyword argument cannot have default value", 1, 11, 1, 12),
    ]);
}

#[test]
#[rustfmt::skip]
fn fstring_errors() {
    check(&[
        ("x = f'{a b}'\n", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 1, 2, 1, 5),
        ("x = f'{}'\n", "SyntaxError", "f-string: empty expression not allowed", 1, 10, 1, 11),
        ("x = f'{!r}'\n", "SyntaxError", "f-string: expression required before '!'", 1, 12, 1, 13),
        ("x = f'{x!z}'\n", "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 13, 1, 14),
        ("x = f'{x:{y:{z}}}'\n", "SyntaxError", "f-string: expressions nested too deeply", 1, 19, 1, 20),
        ("x = f'{x\\n}'\n", "SyntaxError", "f-string expression part cannot include a backslash", 1, 13, 1, 14),
        ("x = f'{x#}'\n", "SyntaxError", "f-string expression part cannot include '#'", 1, 12, 1, 13),
        ("x = f'{x)}'\n", "SyntaxError", "f-string: unmatched ')'", 1, 12, 1, 13),
        ("x = f'{x(}'\n", "SyntaxError", "f-string: closing parenthesis '}' does not match opening parenthesis '('", 1, 12, 1, 13),
        ("x = f'{\"a'\n", "SyntaxError", "f-string: unterminated string", 1, 11, 1, 12),
        ("x = f'}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 9, 1, 10),
        ("x = f'{=}'\n", "SyntaxError", "f-string: expression required before '='", 1, 11, 1, 12),
        ("x = f'{1 +}'\n", "SyntaxError", "f-string: invalid syntax", 1, 5, 1, 6),
        ("x = f'{*a}'\n", "SyntaxError", "f-string: cannot use starred expression here", 1, 2, 1, 4),
        ("x = f'{a if b}'\n", "SyntaxError", "f-string: expected 'else' after 'if' expression", 1, 2, 1, 8),
        ("x = f'{print x}'\n", "SyntaxError", "f-string: Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 2, 1, 9),
        ("x = (1,\n  f'{b c}')\n", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 2, 2, 2, 5),
        ("x = f'''abc\n  {\na b}'''\n", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 3, 1, 3, 4),
        ("x = f'{yield}'\n", "SyntaxError", "'yield' outside function", 1, 8, 1, 13),
    ]);
}

#[test]
#[rustfmt::skip]
fn compile_stage_errors() {
    check(&[
        ("nonlocal x\n", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1, 1, 11),
        ("def f():\n  nonlocal x\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 3, 2, 13),
        ("def f():\n  x = 1\n  global x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 3, 3, 3, 11),
        ("def f():\n  print(x)\n  global x\n", "SyntaxError", "name 'x' is used prior to global declaration", 3, 3, 3, 11),
        ("def f(x):\n  global x\n", "SyntaxError", "name 'x' is parameter and global", 2, 3, 2, 11),
        ("class A:\n  nonlocal x\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 3, 2, 13),
        ("def f(a, a): pass\n", "SyntaxError", "duplicate argument 'a' in function definition", 1, 10, 1, 11),
        ("lambda a, a: 0\n", "SyntaxError", "duplicate argument 'a' in function definition", 1, 11, 1, 12),
        ("[(yield) for x in y]\n", "SyntaxError", "'yield' inside list comprehension", 1, 3, 1, 8),
        ("def f(): ((yield) for x in y)\n", "SyntaxError", "'yield' inside generator expression", 1, 12, 1, 17),
        ("x = *a\n", "SyntaxError", "can't use starred expression here", 1, 5, 1, 7),
        ("*a = 1\n", "SyntaxError", "starred assignment target must be in a list or tuple", 1, 1, 1, 3),
        ("a, *b, *c = d\n", "SyntaxError", "multiple starred expressions in assignment", 1, 1, 1, 10),
        ("def f(): return *a\n", "SyntaxError", "can't use starred expression here", 1, 17, 1, 19),
        ("f(a=1, a=2)\n", "SyntaxError", "keyword argument repeated: a", 1, 8, 1, 11),
        ("try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass\n", "SyntaxError", "default 'except:' must be last", 3, 1, 4, 7),
        ("async def f():\n  yield 1\n  return 2\n", "SyntaxError", "'return' with value in async generator", 3, 3, 3, 11),
        ("def f():\n  async for x in y: pass\n", "SyntaxError", "'async for' outside async function", 2, 3, 2, 25),
        ("async with x: pass\n", "SyntaxError", "'async with' outside async function", 1, 1, 1, 19),
        ("[x async for x in y]\n", "SyntaxError", "asynchronous comprehension outside of an asynchronous function", 1, 1, 1, 21),
        ("def f():\n  [[await z for z in x] for x in y]\n", "SyntaxError", "asynchronous comprehension outside of an asynchronous function", 2, 3, 2, 36),
        ("async def f(): yield from x\n", "SyntaxError", "'yield from' inside async function", 1, 16, 1, 28),
        ("async def f():\n  x = lambda: await y\n", "SyntaxError", "'await' outside async function", 2, 15, 2, 22),
        ("x = yield\n", "SyntaxError", "'yield' outside function", 1, 5, 1, 10),
        ("def f():\n  nonlocal x\nreturn 1\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 3, 2, 13),
    ]);
}

#[test]
#[rustfmt::skip]
fn tokenizer_vs_parser_errors() {
    check(&[
        ("x = 1\n  y = 2\nz = 'abc\n", "IndentationError", "unexpected indent", 2, 2, 2, 3),
        ("if x\n  pass\ns = 'abc\n", "SyntaxError", "unterminated string literal (detected at line 3)", 3, 5, 3, 6),
        ("f(a b)\nx = (\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 1, 6),
        ("x = 1 +\ny = (\n", "SyntaxError", "invalid syntax", 1, 8, 1, 9),
        ("  x = 1 \\y\n", "IndentationError", "unexpected indent", 1, 2, 1, 3),
        ("x = 1\n\\\n", "SyntaxError", "unexpected EOF while parsing", 2, 2, 2, 3),
        ("if x:\n\tpass\n        pass\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 3, 2),
        ("x = a → b\n", "SyntaxError", "invalid character '→' (U+2192)", 1, 7, 1, 8),
        ("x = 0x\n", "SyntaxError", "invalid hexadecimal literal", 1, 6, 1, 7),
        ("x = 1.5_\n", "SyntaxError", "invalid decimal literal", 1, 8, 1, 9),
    ]);
}
