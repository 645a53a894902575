//! Parser (placeholder being written).
use crate::{ast::Module, CompileError};

pub fn parse(source: &str) -> Result<Module, CompileError> {
    let _ = source;
    Ok(Module { body: vec![] })
}
