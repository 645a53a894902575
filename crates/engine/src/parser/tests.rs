//! Parser tests: precedence, every statement kind, f-strings and spans. Spans were checked
//! against CPython 3.11.7's `ast` module (`col_offset + 1`, `end_col_offset + 1`).

use super::parse;
use crate::ast::*;

pub(super) fn module(src: &str) -> Module {
    parse(src).unwrap_or_else(|e| panic!("{src:?} failed: {e}"))
}

pub(super) fn stmts(src: &str) -> Vec<Stmt> {
    module(src).body
}

/// The value of a module made of one expression statement.
pub(super) fn expr(src: &str) -> Expr {
    match stmts(src).remove(0).kind {
        StmtKind::Expr(e) => e,
        other => panic!("not an expression statement: {other:?}"),
    }
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::MatMul => "@",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is-not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not-in",
    }
}

/// A compact S-expression rendering of an expression.
pub(super) fn sx(e: &Expr) -> String {
    let list = |es: &[Expr]| es.iter().map(sx).collect::<Vec<_>>().join(" ");
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Constant(Constant::Int(i)) => i.to_string(),
        ExprKind::Constant(Constant::Float(f)) => format!("{f:?}"),
        ExprKind::Constant(Constant::Str(s)) => format!("{s:?}"),
        ExprKind::Constant(Constant::Bytes(b)) => format!("b{:?}", String::from_utf8_lossy(b)),
        ExprKind::Constant(Constant::Bool(b)) => (if *b { "True" } else { "False" }).to_string(),
        ExprKind::Constant(Constant::None) => "None".into(),
        ExprKind::Constant(Constant::Ellipsis) => "...".into(),
        ExprKind::BinOp { left, op, right } => {
            format!("({} {} {})", binop(*op), sx(left), sx(right))
        }
        ExprKind::UnaryOp { op, operand } => {
            let o = match op {
                UnaryOp::Not => "not",
                UnaryOp::Neg => "neg",
                UnaryOp::Pos => "pos",
                UnaryOp::Invert => "inv",
            };
            format!("({o} {})", sx(operand))
        }
        ExprKind::BoolOp { op, values } => {
            format!(
                "({} {})",
                if *op == BoolOp::And { "and" } else { "or" },
                list(values)
            )
        }
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            let mut s = format!("(cmp {}", sx(left));
            for (o, c) in ops.iter().zip(comparators) {
                s += &format!(" {} {}", cmpop(*o), sx(c));
            }
            s + ")"
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            let mut s = format!("(call {}", sx(func));
            for a in args {
                s += &format!(" {}", sx(a));
            }
            for k in keywords {
                s += &format!(" {}={}", k.name.as_deref().unwrap_or("**"), sx(&k.value));
            }
            s + ")"
        }
        ExprKind::Attribute { value, attr } => format!("(. {} {attr})", sx(value)),
        ExprKind::Subscript { value, index } => format!("([] {} {})", sx(value), sx(index)),
        ExprKind::Slice { lower, upper, step } => {
            let o = |x: &Option<Box<Expr>>| x.as_ref().map_or("_".to_string(), |e| sx(e));
            format!("(slice {} {} {})", o(lower), o(upper), o(step))
        }
        ExprKind::List(es) => format!("[{}]", list(es)),
        ExprKind::Tuple(es) => format!("(tuple {})", list(es)),
        ExprKind::Set(es) => format!("{{{}}}", list(es)),
        ExprKind::Dict(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|(k, v)| match k {
                    Some(k) => format!("{}:{}", sx(k), sx(v)),
                    None => format!("**{}", sx(v)),
                })
                .collect();
            format!("(dict {})", items.join(" "))
        }
        ExprKind::Starred(v) => format!("*{}", sx(v)),
        ExprKind::Lambda { params, body } => format!("(lambda {} {})", params_sx(params), sx(body)),
        ExprKind::IfExp { test, body, orelse } => {
            format!("(if {} {} {})", sx(test), sx(body), sx(orelse))
        }
        ExprKind::ListComp { elt, generators } => {
            format!("(listcomp {}{})", sx(elt), gens(generators))
        }
        ExprKind::SetComp { elt, generators } => {
            format!("(setcomp {}{})", sx(elt), gens(generators))
        }
        ExprKind::GeneratorExp { elt, generators } => {
            format!("(genexp {}{})", sx(elt), gens(generators))
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            format!("(dictcomp {}:{}{})", sx(key), sx(value), gens(generators))
        }
        ExprKind::Await(v) => format!("(await {})", sx(v)),
        ExprKind::Yield(v) => format!(
            "(yield{})",
            v.as_ref().map_or(String::new(), |v| format!(" {}", sx(v)))
        ),
        ExprKind::YieldFrom(v) => format!("(yield-from {})", sx(v)),
        ExprKind::FString(parts) => format!("(f {})", fparts(parts)),
        ExprKind::NamedExpr { target, value } => format!("(:= {target} {})", sx(value)),
    }
}

fn gens(generators: &[Comprehension]) -> String {
    let mut s = String::new();
    for g in generators {
        s += &format!(
            " ({}for {} in {}",
            if g.is_async { "async " } else { "" },
            sx(&g.target),
            sx(&g.iter)
        );
        for c in &g.ifs {
            s += &format!(" if {}", sx(c));
        }
        s += ")";
    }
    s
}

fn fparts(parts: &[FStringPart]) -> String {
    let v: Vec<String> = parts
        .iter()
        .map(|p| match p {
            FStringPart::Literal(s) => format!("{s:?}"),
            FStringPart::Field(f) => {
                let mut s = format!("{{{}", sx(&f.value));
                if let Some(d) = &f.debug_text {
                    s += &format!(" debug={d:?}");
                }
                if let Some(c) = f.conversion {
                    s += &format!(" !{c}");
                }
                if let Some(spec) = &f.format_spec {
                    s += &format!(" :({})", fparts(spec));
                }
                s + "}"
            }
        })
        .collect();
    v.join(" ")
}

pub(super) fn params_sx(p: &Params) -> String {
    let one = |p: &Param| {
        let mut s = p.name.clone();
        if let Some(a) = &p.annotation {
            s += &format!(":{}", sx(a));
        }
        if let Some(d) = &p.default {
            s += &format!("={}", sx(d));
        }
        s
    };
    let mut parts = Vec::new();
    parts.extend(p.posonly.iter().map(one));
    if !p.posonly.is_empty() {
        parts.push("/".into());
    }
    parts.extend(p.args.iter().map(one));
    match &p.vararg {
        Some(v) => parts.push(format!("*{}", one(v))),
        None if !p.kwonly.is_empty() => parts.push("*".into()),
        None => {}
    }
    parts.extend(p.kwonly.iter().map(one));
    if let Some(k) = &p.kwarg {
        parts.push(format!("**{}", one(k)));
    }
    format!("[{}]", parts.join(" "))
}

fn check(src: &str, expected: &str) {
    assert_eq!(sx(&expr(src)), expected, "{src:?}");
}

/// Like [`check`], for an expression that must be inside an `async def`.
fn check_async(src: &str, expected: &str) {
    let s = stmts(&format!("async def f():\n    return {src}\n"));
    let StmtKind::FunctionDef(f) = &s[0].kind else {
        panic!()
    };
    let StmtKind::Return(Some(e)) = &f.body[0].kind else {
        panic!()
    };
    assert_eq!(sx(e), expected, "{src:?}");
}

#[test]
fn precedence() {
    check("-2**2", "(neg (** 2 2))");
    check("2**-1", "(** 2 (neg 1))");
    check("2**3**2", "(** 2 (** 3 2))");
    check("-x**-y**z", "(neg (** x (neg (** y z))))");
    check("a + b * c - d", "(- (+ a (* b c)) d)");
    check("a - b - c", "(- (- a b) c)");
    check("a * b // c % d @ e / f", "(/ (@ (% (// (* a b) c) d) e) f)");
    check("a << b + c >> d", "(>> (<< a (+ b c)) d)");
    check("a | b ^ c & d", "(| a (^ b (& c d)))");
    check("a & b << 1 | c", "(| (& a (<< b 1)) c)");
    check("~a + -b * +c", "(+ (inv a) (* (neg b) (pos c)))");
    check("not a == b", "(not (cmp a == b))");
    check("not not a", "(not (not a))");
    check("a and not b or c", "(or (and a (not b)) c)");
    check("a or b or c and d and e", "(or a b (and c d e))");
    check("(a or b) or c", "(or (or a b) c)");
    check("a < b <= c != d", "(cmp a < b <= c != d)");
    check(
        "a is not b not in c in d is e",
        "(cmp a is-not b not-in c in d is e)",
    );
    check("a | b < c & d", "(cmp (| a b) < (& c d))");
    check("x if a or b else y", "(if (or a b) x y)");
    check("x if a else y if b else z", "(if a x (if b y z))");
    check("lambda: x if a else y", "(lambda [] (if a x y))");
    check_async("await a ** 2", "(** (await a) 2)");
    check_async("-await a", "(neg (await a))");
    check("a.b(c)[d].e", "(. ([] (call (. a b) c) d) e)");
    check("(a + b) * c", "(* (+ a b) c)");
    check("a[1:2, ::3]", "([] a (tuple (slice 1 2 _) (slice _ _ 3)))");
    check("a[:]", "([] a (slice _ _ _))");
    check("a[x:=1]", "([] a (:= x 1))");
    check("a[*b]", "([] a (tuple *b))");
    check("a[1,]", "([] a (tuple 1))");
    check("(x := 1 + 2)", "(:= x (+ 1 2))");
    check("1 if 2 else 3, 4", "(tuple (if 2 1 3) 4)");
}

#[test]
fn atoms_and_displays() {
    check("[1, *a, 2]", "[1 *a 2]");
    check("{1, *a}", "{1 *a}");
    check("{}", "(dict )");
    check("{'a': 1, **b, c: d}", "(dict \"a\":1 **b c:d)");
    check("()", "(tuple )");
    check("(1,)", "(tuple 1)");
    check("((1))", "1");
    check(
        "[x for x in y if x if not x for z in x]",
        "(listcomp x (for x in y if x if (not x)) (for z in x))",
    );
    check(
        "{k: v for k, v in d}",
        "(dictcomp k:v (for (tuple k v) in d))",
    );
    check_async("{x async for x in y}", "(setcomp x (async for x in y))");
    check("(x for x in y)", "(genexp x (for x in y))");
    check("sum(x for x in y)", "(call sum (genexp x (for x in y)))");
    check("f(a, *b, c=1, **d)", "(call f a *b c=1 **=d)");
    check("f(a)(b)", "(call (call f a) b)");
    check("None, True, False, ...", "(tuple None True False ...)");
    check("'a' 'b' \"c\"", "\"abc\"");
    check("b'a' rb'\\d'", "b\"a\\\\d\"");
    check("'\\x41\\u00e9\\101\\n\\q'", "\"AéA\\n\\\\q\"");
    check("r'\\n'", "\"\\\\n\"");
    check(
        "123456789012345678901234567890",
        "123456789012345678901234567890",
    );
    check("0xff + 1_000 + 1.5e-3", "(+ (+ 255 1000) 0.0015)");
    check(
        "lambda a, b=1, /, c=2, *d, e, f=3, **g: a",
        "(lambda [a b=1 / c=2 *d e f=3 **g] a)",
    );
    check("lambda *, k: k", "(lambda [* k] k)");
}

#[test]
fn fstrings() {
    check("f'a{x}b'", "(f \"a\" {x} \"b\")");
    check(
        "f'{x!r:>{width}.{prec}f}'",
        "(f {x !r :(\">\" {width} \".\" {prec} \"f\")})",
    );
    check("f'{x=}'", "(f {x debug=\"x=\" !r})");
    check("f'{x = }'", "(f {x debug=\"x = \" !r})");
    check("f'{x=!s}'", "(f {x debug=\"x=\" !s})");
    check("f'{x=:>5}'", "(f {x debug=\"x=\" :(\">5\")})");
    check("f'{{lit}} {{'", "(f \"{lit} {\")");
    check("f''", "(f )");
    check("f'{x:}'", "(f {x :()})");
    check("'a' f'{b}' 'c'", "(f \"a\" {b} \"c\")");
    check("f'{a!=b}'", "(f {(cmp a != b)})");
    check("f'{a, b}'", "(f {(tuple a b)})");
    check("f'{x for x in y}'", "(f {(genexp x (for x in y))})");
    check("f'{(lambda: 1)()}'", "(f {(call (lambda [] 1))})");
    check("f\"{f'{x}'}\"", "(f {(f {x})})");
    check("f'\\n{x}\\t'", "(f \"\\n\" {x} \"\\t\")");
    check("rf'\\n{x}'", "(f \"\\\\n\" {x})");
    check("f'{x:{y}}'", "(f {x :({y})})");
    // Expression spans are where the expression is in the file.
    let e = expr("f'ab{ x + 1 }c'");
    let ExprKind::FString(parts) = &e.kind else {
        panic!()
    };
    let FStringPart::Field(field) = &parts[1] else {
        panic!()
    };
    assert_eq!(field.value.span, Span::new(1, 7, 1, 12));
    let e = expr("f'''multi\n{ x\n  + 1 } line {y:{z}}'''");
    let ExprKind::FString(parts) = &e.kind else {
        panic!()
    };
    let FStringPart::Field(field) = &parts[1] else {
        panic!()
    };
    assert_eq!(field.value.span, Span::new(2, 3, 3, 6));
    let FStringPart::Field(field) = &parts[3] else {
        panic!()
    };
    assert_eq!(field.value.span, Span::new(3, 15, 3, 16));
    let FStringPart::Field(inner) = &field.format_spec.as_ref().unwrap()[0] else {
        panic!()
    };
    assert_eq!(inner.value.span, Span::new(3, 18, 3, 19));
}
