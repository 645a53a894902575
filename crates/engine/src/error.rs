//! Errors that stop a program before it runs: syntax errors (reported as CPython reports them)
//! and constructs outside the supported subset.

use thiserror::Error;

/// Which of CPython's syntax-error classes a [`CompileError::Syntax`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxKind::SyntaxError => "SyntaxError",
            SyntaxKind::IndentationError => "IndentationError",
            SyntaxKind::TabError => "TabError",
        }
    }
}

/// A located error found while lexing, parsing or compiling. Lines and columns are 1-based;
/// `end_col` is exclusive and equals `col + 1` when CPython shows a single caret.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CompileError {
    #[error("{line}:{col}: {}: {msg}", kind.name())]
    Syntax {
        kind: SyntaxKind,
        msg: String,
        line: u32,
        col: u32,
        end_line: u32,
        end_col: u32,
    },
    #[error("{line}:{col}: unsupported: {what}")]
    Unsupported { what: String, line: u32, col: u32 },
}

impl CompileError {
    pub fn syntax(msg: impl Into<String>, line: u32, col: u32) -> Self {
        CompileError::Syntax {
            kind: SyntaxKind::SyntaxError,
            msg: msg.into(),
            line,
            col,
            end_line: line,
            end_col: col + 1,
        }
    }

    pub fn unsupported(what: impl Into<String>, line: u32, col: u32) -> Self {
        CompileError::Unsupported {
            what: what.into(),
            line,
            col,
        }
    }

    pub fn line(&self) -> u32 {
        match self {
            CompileError::Syntax { line, .. } | CompileError::Unsupported { line, .. } => *line,
        }
    }

    pub fn col(&self) -> u32 {
        match self {
            CompileError::Syntax { col, .. } | CompileError::Unsupported { col, .. } => *col,
        }
    }
}
