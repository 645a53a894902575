//! Robustness: the parser must never panic, loop or overflow the stack, whatever the input.

use super::parse;
use crate::error::CompileError;

/// A small deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PROGRAM: &str = r#"import threading
from queue import Queue, Empty

counter = 0
lock = threading.Lock()


@decorator(1)
class Account(Base, metaclass=Meta):
    """A bank account."""
    rate: float = 0.5

    def __init__(self, owner, balance=0, /, *args, key=None, **kw):
        self.owner, self.balance = owner, balance

    async def deposit(self, amount):
        async with self.lock as l:
            if amount <= 0 or not amount:
                raise ValueError(f"bad {amount!r:>{width}} {amount=}") from None
            elif amount > 10 ** 6:
                return [x async for x in self.log() if await x]
            else:
                self.balance += -amount ** 2 // 3 @ m % 4 << 1 | 2 & 3 ^ 4
        await self.flush(self.balance)

    def history(self):
        return (yield self.balance)


def worker(q, results):
    global counter
    while True:
        try:
            item = q.get(timeout=1)
        except (Empty, KeyError) as e:
            break
        except:
            continue
        else:
            results.append({k: v for k, v in item.items() if v is not None})
        finally:
            with lock:
                counter += 1
    for i, *rest in enumerate(results[1:-1:2], start=1):
        del rest[0], results[i]
    assert counter, 'message'
    lam = lambda a, b=2, *c, d, **e: (a, b, c, d, e) if a else None
    print(*results, sep='\n', end='')
    x = y = z = [1, 2.5, 0x1F, 1_000, 'str' "cat", b'bytes', ..., True, None]
    s = {1, *x}
    g = sum(v for v in x if (n := v))
    return x[::2], s, g, lam
"#;

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ";",
    ".",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "<",
    ">",
    "!=",
    "->",
    ":=",
    "...",
    "\n",
    "\n    ",
    "\n        ",
    "\t",
    " ",
    "\\\n",
    "#",
    "'",
    "\"",
    "'''",
    "f'",
    "b'",
    "rb'",
    "{x}",
    "x",
    "y",
    "match",
    "case",
    "_",
    "print",
    "0",
    "1.5",
    "0x",
    "1e",
    "1j",
    "if ",
    "else ",
    "elif ",
    "for ",
    "in ",
    "while ",
    "def ",
    "class ",
    "return ",
    "yield ",
    "await ",
    "async ",
    "lambda ",
    "not ",
    "and ",
    "or ",
    "is ",
    "with ",
    "as ",
    "try:",
    "except ",
    "finally:",
    "import ",
    "from ",
    "global ",
    "del ",
    "pass",
    "break",
    "continue",
    "raise ",
    "assert ",
    "nonlocal ",
    "\u{e9}",
    "\u{2192}",
    "\u{a0}",
    "\0",
    "$",
    "!",
];

fn no_panic(src: &str) {
    // Any result is fine; a panic fails the test.
    let _ = parse(src);
}

/// Runs `f` on a thread with a big stack: debug builds use far more stack per nesting level
/// than release builds do.
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic");
}

#[test]
fn valid_program_parses() {
    assert!(parse(PROGRAM).is_ok(), "{:?}", parse(PROGRAM));
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let len = rng.below(80);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        no_panic(&String::from_utf8_lossy(&bytes));
        let ascii: String = bytes
            .iter()
            .map(|b| (b % 96 + 32) as char)
            .map(|c| if c == '\x7f' { '\n' } else { c })
            .collect();
        no_panic(&ascii);
    }
}

#[test]
fn random_token_soup() {
    let mut rng = Rng(42);
    for _ in 0..3000 {
        let n = rng.below(40);
        let src: String = (0..n).map(|_| rng.pick(TOKENS)).collect();
        no_panic(&src);
    }
}

#[test]
fn mutations_of_a_valid_program() {
    let mut rng = Rng(7);
    let chars: Vec<char> = PROGRAM.chars().collect();
    for _ in 0..3000 {
        let mut src = chars.clone();
        for _ in 0..1 + rng.below(3) {
            if src.is_empty() {
                break;
            }
            let at = rng.below(src.len());
            match rng.below(5) {
                0 => {
                    let end = (at + 1 + rng.below(8)).min(src.len());
                    src.drain(at..end);
                }
                1 => {
                    let token: Vec<char> = rng.pick(TOKENS).chars().collect();
                    src.splice(at..at, token);
                }
                2 => {
                    let end = (at + 1 + rng.below(30)).min(src.len());
                    let chunk: Vec<char> = src[at..end].to_vec();
                    let to = rng.below(src.len());
                    src.splice(to..to, chunk);
                }
                3 => {
                    let other = rng.below(src.len());
                    src.swap(at, other);
                }
                _ => src.truncate(at),
            }
        }
        no_panic(&src.iter().collect::<String>());
    }
}

#[test]
fn deep_nesting() {
    with_big_stack(|| {
        let nested = |open: &str, close: &str, n: usize| {
            format!("x = {}1{}\n", open.repeat(n), close.repeat(n))
        };
        // CPython allows 199 nested brackets and rejects the 201st opening one.
        for (open, close) in [
            ("(", ")"),
            ("[", "]"),
            ("{1: ", "}"),
            ("f(", ")"),
            ("a[", "]"),
            ("(-", ")"),
        ] {
            assert!(parse(&nested(open, close, 199)).is_ok(), "{open}");
            match parse(&nested(open, close, 201)) {
                Err(CompileError::Syntax { msg, .. }) => {
                    assert_eq!(msg, "too many nested parentheses")
                }
                other => panic!("{other:?}"),
            }
        }
        // Unclosed, and with errors at the bottom: no exponential backtracking.
        no_panic(&format!("x = {}\n", "a[".repeat(250)));
        no_panic(&format!("x = {}1 +{}\n", "a[".repeat(190), "]".repeat(190)));
        no_panic(&format!("x = {}1 2{}\n", "f(".repeat(190), ")".repeat(190)));
        no_panic(&format!("x = {}{}\n", "[c ".repeat(190), "]".repeat(190)));
        no_panic(&format!(
            "x = f'{{{}1{}}}'\n",
            "(".repeat(199),
            ")".repeat(199)
        ));
        // Long chains without brackets are limited, not overflowing.
        for src in [
            format!("x = {}1\n", "-".repeat(100_000)),
            format!("x = {}1\n", "not ".repeat(10_000)),
            format!("x = 1{}\n", " + 1".repeat(10_000)),
            format!("x = 2{}\n", " ** 2".repeat(10_000)),
            format!("x = {}1\n", "lambda: ".repeat(10_000)),
            format!("x = {}c\n", "a if b else ".repeat(10_000)),
            format!("x = {}1\n", "await ".repeat(10_000)),
        ] {
            match parse(&src) {
                Ok(_) => {}
                Err(CompileError::Unsupported { what, .. }) => {
                    assert_eq!(what, "expression nested too deeply")
                }
                Err(CompileError::Syntax { .. }) => {}
            }
        }
        // 99 nested blocks are fine; 100 is CPython's "too many levels of indentation".
        let blocks = |n: usize| {
            (0..n)
                .map(|i| format!("{}if x:\n", " ".repeat(i)))
                .collect::<String>()
                + &" ".repeat(n)
                + "pass\n"
        };
        assert!(parse(&blocks(99)).is_ok());
        assert!(matches!(
            parse(&blocks(100)),
            Err(CompileError::Syntax { .. })
        ));
    });
}

#[test]
fn huge_inputs() {
    let big = "x = 1\n".repeat(20_000);
    assert_eq!(parse(&big).map(|m| m.body.len()), Ok(20_000));
    let long_list = format!("x = [{}]\n", "1, ".repeat(50_000));
    assert!(parse(&long_list).is_ok());
    let digits = "9".repeat(5000);
    assert!(parse(&format!("x = {digits}\n")).is_ok());
}
