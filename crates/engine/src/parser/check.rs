//! Errors CPython reports when compiling a parsed module (placeholder).
use crate::ast::Module;
use crate::error::CompileError;

pub(super) fn check_module(_module: &Module) -> Result<(), CompileError> {
    Ok(())
}
