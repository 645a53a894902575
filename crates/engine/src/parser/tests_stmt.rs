//! Parser tests for statements, spans and unsupported constructs. Spans were checked against
//! CPython 3.11.7's `ast` module (`col_offset + 1`, `end_col_offset + 1`).

use super::parse;
use super::tests::{expr, module, params_sx, stmts, sx};
use crate::ast::*;

#[test]
fn soft_keywords_are_names() {
    let s = stmts("match = 3\ncase = match\n_ = case\nmatch(x)\nmatch.x = 1\ntype = 2\n");
    assert_eq!(s.len(), 6);
    assert!(matches!(&s[0].kind, StmtKind::Assign { targets, .. } if sx(&targets[0]) == "match"));
}

#[test]
fn statements() {
    let s = stmts(concat!(
        "import a.b as c, d\n",
        "from ..m import (x as y, z,)\n",
        "from . import w\n",
        "global g\n",
        "def f():\n    nonlocal_ = 1\n",
        "x: int = 1\n",
        "y: 'T'\n",
        "a = b = 1\n",
        "a, b = b, a\n",
        "*a, b = c\n",
        "x += 1\n",
        "del a, b[0], c.d\n",
        "assert x, 'msg'\n",
        "pass; pass\n",
        "raise E from F\n",
        "raise\n",
    ));
    let kinds: Vec<&str> = s
        .iter()
        .map(|s| match &s.kind {
            StmtKind::Import(_) => "import",
            StmtKind::ImportFrom { .. } => "from",
            StmtKind::Global(_) => "global",
            StmtKind::FunctionDef(_) => "def",
            StmtKind::AnnAssign { .. } => "ann",
            StmtKind::Assign { .. } => "assign",
            StmtKind::AugAssign { .. } => "aug",
            StmtKind::Delete(_) => "del",
            StmtKind::Assert { .. } => "assert",
            StmtKind::Pass => "pass",
            StmtKind::Raise { .. } => "raise",
            _ => "?",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "import", "from", "from", "global", "def", "ann", "ann", "assign", "assign", "assign",
            "aug", "del", "assert", "pass", "pass", "raise", "raise"
        ]
    );
    match &s[0].kind {
        StmtKind::Import(names) => {
            assert_eq!(
                names[0],
                Alias {
                    name: "a.b".into(),
                    asname: Some("c".into()),
                    span: Span::new(1, 8, 1, 16)
                }
            );
            assert_eq!(names[1].name, "d");
        }
        other => panic!("{other:?}"),
    }
    match &s[1].kind {
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => {
            assert_eq!((module.as_str(), *level, names.len()), ("m", 2, 2));
            assert_eq!(names[0].asname.as_deref(), Some("y"));
        }
        other => panic!("{other:?}"),
    }
    match &s[2].kind {
        StmtKind::ImportFrom { module, level, .. } => {
            assert_eq!((module.as_str(), *level), ("", 1))
        }
        other => panic!("{other:?}"),
    }
    match &s[7].kind {
        StmtKind::Assign { targets, value } => {
            assert_eq!(targets.len(), 2);
            assert_eq!(sx(value), "1");
        }
        other => panic!("{other:?}"),
    }
    match &s[8].kind {
        StmtKind::Assign { targets, value } => {
            assert_eq!(sx(&targets[0]), "(tuple a b)");
            assert_eq!(sx(value), "(tuple b a)");
        }
        other => panic!("{other:?}"),
    }
    match &s[9].kind {
        StmtKind::Assign { targets, .. } => assert_eq!(sx(&targets[0]), "(tuple *a b)"),
        other => panic!("{other:?}"),
    }
    match &s[10].kind {
        StmtKind::AugAssign { op, .. } => assert_eq!(*op, BinOp::Add),
        other => panic!("{other:?}"),
    }
    match &s[11].kind {
        StmtKind::Delete(t) => assert_eq!(
            t.iter().map(sx).collect::<Vec<_>>(),
            ["a", "([] b 0)", "(. c d)"]
        ),
        other => panic!("{other:?}"),
    }
    match &s[15].kind {
        StmtKind::Raise { exc, cause } => assert_eq!(
            (sx(exc.as_ref().unwrap()), sx(cause.as_ref().unwrap())),
            ("E".into(), "F".into())
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn compound_statements() {
    let src = "\
if a:
    x
elif b:
    y
else:
    z
while c:
    break
else:
    pass
for i, j in k:
    continue
else:
    pass
try:
    t
except (A, B) as e:
    u
except C:
    v
except:
    w
else:
    o
finally:
    f
with a as b, c as (d, e):
    pass
with (open(x) as f, open(y) as g,):
    pass
with (a, b):
    pass
if x: y; z
";
    let s = stmts(src);
    assert_eq!(s.len(), 8);
    match &s[0].kind {
        StmtKind::If { orelse, .. } => match &orelse[0].kind {
            StmtKind::If { test, orelse, .. } => {
                assert_eq!(sx(test), "b");
                assert_eq!(orelse.len(), 1);
                assert_eq!(orelse[0].span, Span::new(6, 5, 6, 6));
            }
            _ => panic!("elif is a nested if"),
        },
        other => panic!("{other:?}"),
    }
    assert_eq!(s[0].span, Span::new(1, 1, 6, 6));
    match &s[0].kind {
        StmtKind::If { orelse, .. } => assert_eq!(orelse[0].span, Span::new(3, 1, 6, 6)),
        other => panic!("{other:?}"),
    }
    match &s[2].kind {
        StmtKind::For {
            target,
            is_async,
            orelse,
            ..
        } => {
            assert_eq!(sx(target), "(tuple i j)");
            assert!(!is_async);
            assert_eq!(orelse.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    match &s[3].kind {
        StmtKind::Try {
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            assert_eq!(handlers.len(), 3);
            assert_eq!(sx(handlers[0].typ.as_ref().unwrap()), "(tuple A B)");
            assert_eq!(handlers[0].name.as_deref(), Some("e"));
            assert_eq!(handlers[0].span, Span::new(17, 1, 18, 6));
            assert!(handlers[2].typ.is_none());
            assert_eq!((orelse.len(), finalbody.len()), (1, 1));
        }
        other => panic!("{other:?}"),
    }
    match &s[4].kind {
        StmtKind::With { items, .. } => {
            assert_eq!(items.len(), 2);
            assert_eq!(sx(items[1].target.as_ref().unwrap()), "(tuple d e)");
        }
        other => panic!("{other:?}"),
    }
    match &s[5].kind {
        StmtKind::With { items, .. } => assert_eq!(items.len(), 2),
        other => panic!("{other:?}"),
    }
    match &s[6].kind {
        StmtKind::With { items, .. } => {
            assert_eq!(items.len(), 2);
            assert!(items[0].target.is_none());
        }
        other => panic!("{other:?}"),
    }
    match &s[7].kind {
        StmtKind::If { body, .. } => assert_eq!(body.len(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn functions_and_classes() {
    let src = "\
@dec
@dec2(1)
async def f(a, b: int = 1, /, c=2, *args: int, d, e=3, **kw) -> None:
    await x
    async for i in y:
        pass
    async with z as w:
        pass
    return [j async for j in k]

@dataclass
class C(Base, metaclass=M, **kw):
    x: int
    def m(self): return self
";
    let s = stmts(src);
    let StmtKind::FunctionDef(f) = &s[0].kind else {
        panic!()
    };
    assert!(f.is_async);
    assert_eq!(f.decorators.len(), 2);
    assert_eq!(
        params_sx(&f.params),
        "[a b:int=1 / c=2 *args:int d e=3 **kw]"
    );
    assert_eq!(sx(f.returns.as_ref().unwrap()), "None");
    assert_eq!(f.body.len(), 4);
    // CPython: a decorated function starts at `async`/`def`, not at the decorator.
    assert_eq!(f.span, Span::new(3, 1, 9, 32));
    assert_eq!(s[0].span, f.span);
    assert!(matches!(
        f.body[1].kind,
        StmtKind::For { is_async: true, .. }
    ));
    assert!(matches!(
        f.body[2].kind,
        StmtKind::With { is_async: true, .. }
    ));
    let StmtKind::ClassDef(c) = &s[1].kind else {
        panic!()
    };
    assert_eq!(
        (
            c.name.as_str(),
            c.bases.len(),
            c.keywords.len(),
            c.decorators.len()
        ),
        ("C", 1, 2, 1)
    );
    assert_eq!(c.keywords[0].name.as_deref(), Some("metaclass"));
    assert_eq!(c.keywords[1].name, None);
    assert_eq!(c.span, Span::new(12, 1, 14, 29));
}

#[test]
fn spans_match_cpython() {
    // Each (source, expected spans of the statement and its top expression), from CPython's
    // `ast` module.
    let s = stmts("x = (a + b) * c\n");
    let StmtKind::Assign { targets, value } = &s[0].kind else {
        panic!()
    };
    assert_eq!(s[0].span, Span::new(1, 1, 1, 16));
    assert_eq!(targets[0].span, Span::new(1, 1, 1, 2));
    assert_eq!(value.span, Span::new(1, 5, 1, 16));
    let ExprKind::BinOp { left, .. } = &value.kind else {
        panic!()
    };
    assert_eq!(left.span, Span::new(1, 6, 1, 11));

    let s = stmts("(a).b(c)[d] = 1,\n");
    let StmtKind::Assign { targets, value } = &s[0].kind else {
        panic!()
    };
    assert_eq!(targets[0].span, Span::new(1, 1, 1, 12));
    assert_eq!(value.span, Span::new(1, 15, 1, 17));

    let e = expr("[\n  1,\n  2,\n]\n");
    assert_eq!(e.span, Span::new(1, 1, 4, 2));
    let e = expr("f(a,\n  b=1)\n");
    assert_eq!(e.span, Span::new(1, 1, 2, 7));
    let ExprKind::Call { keywords, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(keywords[0].span, Span::new(2, 3, 2, 6));
    let e = expr("lambda x=1: x\n");
    let ExprKind::Lambda { params, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(params.args[0].span, Span::new(1, 8, 1, 9));
    let e = expr("a[1:2]\n");
    let ExprKind::Subscript { index, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(index.span, Span::new(1, 3, 1, 6));
    let e = expr("'a' \\\n  'b'\n");
    assert_eq!(e.span, Span::new(1, 1, 2, 6));
    let s = stmts("if x:\n    pass  # c\n\n");
    assert_eq!(s[0].span, Span::new(1, 1, 2, 9));
    // Columns count characters.
    let e = expr("'\u{e9}' + x\n");
    let ExprKind::BinOp { right, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(right.span, Span::new(1, 7, 1, 8));
}

#[test]
fn unsupported_constructs() {
    let cases = [
        ("x = 1j\n", "imaginary number literal", 1, 5),
        ("from m import *\n", "star import", 1, 15),
        (
            "match x:\n    case 1:\n        pass\n",
            "match statement",
            1,
            1,
        ),
        ("type X = int\n", "type alias statement", 1, 1),
        (
            "try:\n    pass\nexcept* E:\n    pass\n",
            "except* clause",
            3,
            1,
        ),
        ("x = '\\N{DASH}'\n", "\\N{...} escape sequence", 1, 5),
    ];
    for (src, what, line, col) in cases {
        assert_eq!(
            parse(src),
            Err(crate::CompileError::Unsupported {
                what: what.into(),
                line,
                col
            }),
            "{src:?}"
        );
    }
    // A syntax error wins over an unsupported construct.
    assert!(matches!(
        parse("x = 1j\ny = (\n"),
        Err(crate::CompileError::Syntax { .. })
    ));
    // Decorators on classes are supported.
    assert!(parse("@d(1)\nclass A: pass\n").is_ok());
}

#[test]
fn empty_and_blank_inputs() {
    assert_eq!(module("").body.len(), 0);
    assert_eq!(module("\n\n   \n# only a comment").body.len(), 0);
    assert_eq!(module("\u{feff}x = 1").body.len(), 1);
    assert_eq!(module("x = 1\r\ny = 2\r").body.len(), 2);
}
