//! The compiler: AST → [`Code`] objects. One [`CodeBuilder`] per function-like scope; scope
//! analysis ([`symtable`]) decides how each name is loaded and stored.

mod asynchronous;
mod expr;
mod stmt;
pub mod symtable;
mod targets;

use crate::ast::{Module, Span, Stmt, StmtKind};
use crate::bytecode::{Anchor, Code, CodeFlags, Idx, Instr, Pos};
use crate::error::CompileError;
use crate::value::Value;
use std::collections::HashMap;
use std::rc::Rc;
use symtable::{NameKind, Scope, ScopeKind};

/// Compiles a parsed module into its top-level code object.
pub fn compile_module(module: &Module, filename: &str) -> Result<Rc<Code>, CompileError> {
    let scope = symtable::analyze(module)?;
    let filename: Rc<str> = Rc::from(filename);
    let mut b = CodeBuilder::new(&scope, "<module>", "<module>", filename, 1);
    b.flags.namespace = true;
    let body = strip_docstring(&module.body, &mut b);
    b.setup_annotations(body, 1);
    for s in body {
        b.stmt(s)?;
    }
    b.emit_const(Value::None, last_line(&module.body));
    b.emit(Instr::Return, last_line(&module.body));
    Ok(Rc::new(b.finish()))
}

fn last_line(body: &[Stmt]) -> u32 {
    body.last().map(|s| s.span.end_line).unwrap_or(1)
}

impl CodeBuilder<'_> {
    /// A module or class body with annotated names gets an `__annotations__` dict first
    /// (CPython's SETUP_ANNOTATIONS), which each `name: type` statement fills.
    fn setup_annotations(&mut self, body: &[Stmt], line: u32) {
        let annotated = body.iter().any(|s| {
            matches!(&s.kind, StmtKind::AnnAssign { target, .. }
                if matches!(target.kind, crate::ast::ExprKind::Name(_)))
        });
        if annotated {
            self.emit(Instr::BuildMap(0), line);
            let n = self.name("__annotations__");
            self.emit(Instr::StoreName(n), line);
        }
    }
}

/// If the body starts with a string literal, records it as the docstring and skips it.
fn strip_docstring<'a>(body: &'a [Stmt], b: &mut CodeBuilder) -> &'a [Stmt] {
    if let Some(Stmt {
        kind: StmtKind::Expr(e),
        ..
    }) = body.first()
    {
        if let crate::ast::ExprKind::Constant(crate::ast::Constant::Str(s)) = &e.kind {
            b.doc = Some(Rc::from(s.as_str()));
            return &body[1..];
        }
    }
    body
}

/// A loop or handler the compiler is inside of, for `break`, `continue` and `return`.
#[derive(Clone)]
enum Block<'a> {
    /// A `for` loop keeps its iterator on the stack; `while` does not.
    Loop {
        continue_target: usize,
        break_patches: Vec<usize>,
        has_iter: bool,
    },
    /// Inside `try:` with a `finally:` body to run on the way out.
    Finally { body: &'a [Stmt] },
    /// Inside `try:` with except handlers (a pushed handler block).
    TryBody,
    /// Inside an `except` handler body.
    Handler { named: Option<&'a str> },
    /// Inside a `with` body: `__exit__` is on the stack.
    With { is_async: bool },
}

pub struct CodeBuilder<'s> {
    scope: &'s Scope,
    name: Rc<str>,
    qualname: Rc<str>,
    filename: Rc<str>,
    first_line: u32,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    positions: Vec<Pos>,
    /// The source position given to instructions emitted now.
    pos: Pos,
    consts: Vec<Value>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, Idx>,
    varnames: Vec<Rc<str>>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
    flags: CodeFlags,
    doc: Option<Rc<str>>,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    blocks: Vec<Block<'s>>,
}

impl<'s> CodeBuilder<'s> {
    fn new(
        scope: &'s Scope,
        name: &str,
        qualname: &str,
        filename: Rc<str>,
        first_line: u32,
    ) -> Self {
        let varnames: Vec<Rc<str>> = if scope.kind() == ScopeKind::Function {
            scope
                .local_names()
                .iter()
                .map(|s| Rc::from(s.as_str()))
                .collect()
        } else {
            Vec::new()
        };
        CodeBuilder {
            scope,
            name: Rc::from(name),
            qualname: Rc::from(qualname),
            filename,
            first_line,
            instrs: Vec::new(),
            lines: Vec::new(),
            positions: Vec::new(),
            pos: Pos::default(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames,
            cellvars: scope.cells.iter().map(|s| Rc::from(s.as_str())).collect(),
            freevars: scope.free.iter().map(|s| Rc::from(s.as_str())).collect(),
            flags: CodeFlags::default(),
            doc: None,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            blocks: Vec::new(),
        }
    }

    fn finish(self) -> Code {
        let cell_params = self
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| {
                self.varnames
                    .iter()
                    .position(|v| v == c)
                    .map(|vi| (ci as u32, vi as u32))
            })
            .collect();
        Code {
            name: self.name,
            qualname: self.qualname,
            filename: self.filename,
            first_line: self.first_line,
            instrs: self.instrs,
            lines: self.lines,
            positions: self.positions,
            consts: self.consts,
            names: self.names,
            varnames: self.varnames,
            cellvars: self.cellvars,
            freevars: self.freevars,
            cell_params,
            argcount: self.argcount,
            posonlyargcount: self.posonlyargcount,
            kwonlyargcount: self.kwonlyargcount,
            flags: self.flags,
            doc: self.doc,
        }
    }

    fn emit(&mut self, instr: Instr, line: u32) -> usize {
        self.instrs.push(instr);
        self.lines.push(line);
        self.positions.push(self.pos);
        self.instrs.len() - 1
    }

    fn here(&self) -> usize {
        self.instrs.len()
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here() as Idx;
        self.patch_to(at, target);
    }

    fn patch_to(&mut self, at: usize, target: Idx) {
        self.instrs[at] = match self.instrs[at] {
            Instr::Jump(_) => Instr::Jump(target),
            Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(target),
            Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(target),
            Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(target),
            Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(target),
            Instr::ForIter(_) => Instr::ForIter(target),
            Instr::SetupFinally(_) => Instr::SetupFinally(target),
            other => other,
        };
    }

    /// Emits a jump to an already-known position: backward jumps are eval-breaker points.
    fn jump_to(&mut self, target: usize, line: u32) {
        if target <= self.here() {
            self.emit(Instr::JumpBackward(target as Idx), line);
        } else {
            self.emit(Instr::Jump(target as Idx), line);
        }
    }

    fn add_const(&mut self, v: Value) -> Idx {
        // Reuse identical simple constants.
        for (i, c) in self.consts.iter().enumerate() {
            let same = match (c, &v) {
                (Value::None, Value::None) => true,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Int(a), Value::Int(b)) => a == b,
                (Value::Str(a), Value::Str(b)) => a == b,
                _ => false,
            };
            if same {
                return i as Idx;
            }
        }
        self.consts.push(v);
        (self.consts.len() - 1) as Idx
    }

    fn emit_const(&mut self, v: Value, line: u32) {
        let i = self.add_const(v);
        self.emit(Instr::LoadConst(i), line);
    }

    fn name(&mut self, n: &str) -> Idx {
        if let Some(&i) = self.name_index.get(n) {
            return i;
        }
        let rc: Rc<str> = Rc::from(n);
        self.names.push(rc.clone());
        let i = (self.names.len() - 1) as Idx;
        self.name_index.insert(rc, i);
        i
    }

    fn cell_index(&self, n: &str) -> Option<Idx> {
        if let Some(i) = self.cellvars.iter().position(|c| &**c == n) {
            return Some(i as Idx);
        }
        self.freevars
            .iter()
            .position(|c| &**c == n)
            .map(|i| (i + self.cellvars.len()) as Idx)
    }

    fn local_index(&self, n: &str) -> Idx {
        self.varnames
            .iter()
            .position(|c| &**c == n)
            .expect("local known to the symbol table") as Idx
    }

    fn load_name(&mut self, n: &str, span: Span) {
        let line = span.line;
        let instr = match self.scope.classify(n) {
            NameKind::Local => Instr::LoadFast(self.local_index(n)),
            NameKind::Cell | NameKind::Free => match self.cell_index(n) {
                Some(i) => Instr::LoadDeref(i),
                None => Instr::LoadGlobal(self.name(n)),
            },
            NameKind::Global => Instr::LoadGlobal(self.name(n)),
            NameKind::Namespace => Instr::LoadName(self.name(n)),
        };
        self.emit(instr, line);
    }

    fn store_name(&mut self, n: &str, line: u32) {
        let instr = match self.scope.classify(n) {
            NameKind::Local => Instr::StoreFast(self.local_index(n)),
            NameKind::Cell | NameKind::Free => match self.cell_index(n) {
                Some(i) => Instr::StoreDeref(i),
                None => Instr::StoreGlobal(self.name(n)),
            },
            NameKind::Global => Instr::StoreGlobal(self.name(n)),
            NameKind::Namespace => Instr::StoreName(self.name(n)),
        };
        self.emit(instr, line);
    }

    fn delete_name(&mut self, n: &str, line: u32) {
        let instr = match self.scope.classify(n) {
            NameKind::Local => Instr::DeleteFast(self.local_index(n)),
            NameKind::Global => Instr::DeleteGlobal(self.name(n)),
            _ => Instr::DeleteName(self.name(n)),
        };
        self.emit(instr, line);
    }

    /// Emits the closure tuple (if the code has free variables) and `MakeFunction` for a
    /// compiled body.
    fn emit_make_function(&mut self, code: Code, mut flags: u8, line: u32) {
        if !code.freevars.is_empty() {
            for fv in code.freevars.iter() {
                let idx = self.cell_index(fv).unwrap_or(0);
                self.emit(Instr::LoadClosure(idx), line);
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as Idx), line);
            flags |= 4;
        }
        let c = self.add_const(Value::Code(Rc::new(code)));
        self.emit(
            Instr::MakeFunction {
                code: c as u16,
                flags,
            },
            line,
        );
    }

    /// The position of an expression or statement, with caret anchors where CPython draws them.
    fn pos_of(span: crate::ast::Span, kind: Option<&crate::ast::ExprKind>) -> Pos {
        use crate::ast::ExprKind;
        let anchor = match kind {
            Some(ExprKind::BinOp { left, right, .. }) => Anchor::BinOp {
                left_end: left.span.end_col,
                right_start: right.span.col,
            },
            Some(ExprKind::Subscript { value, index }) => Anchor::Subscript {
                value_end: value.span.end_col,
                index_end: index.span.end_col,
            },
            _ => Anchor::None,
        };
        Pos {
            col: span.col,
            end_line: span.end_line,
            end_col: span.end_col,
            anchor,
        }
    }

    fn in_function(&self) -> bool {
        self.scope.kind() == ScopeKind::Function
    }
}
