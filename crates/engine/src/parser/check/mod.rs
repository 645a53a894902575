//! Errors CPython only reports after parsing: its symbol table pass (`global` and `nonlocal`
//! misuse, duplicate parameters, `yield` in comprehensions) and its compiler (`'return'
//! outside function`, `'break' outside loop`, misplaced `await`, starred targets...). Like
//! CPython, the symbol table errors come first, then the compiler's in compilation order.

mod compile;
mod symtable;
mod walk;

use crate::ast::{Module, Span};
use crate::error::{CompileError, SyntaxKind};

pub(super) fn check_module(module: &Module) -> Result<(), CompileError> {
    symtable::check(module)?;
    compile::check(module)
}

pub(super) fn error(msg: impl Into<String>, span: Span) -> CompileError {
    crate::lexer::syntax_error(SyntaxKind::SyntaxError, msg, span)
}
