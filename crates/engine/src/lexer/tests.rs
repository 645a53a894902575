//! Tokenizer tests.

use super::*;

fn kinds(src: &str) -> Vec<TokenKind> {
    let t = tokenize(src);
    assert!(t.error.is_none(), "unexpected error {:?}", t.error);
    t.tokens.into_iter().map(|t| t.kind).collect()
}

#[test]
fn simple_tokens() {
    let k = kinds("x = 1\n");
    assert_eq!(k.len(), 5);
}
