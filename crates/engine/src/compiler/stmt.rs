//! Compiling statements: control flow, exception handling, `with`, definitions, imports.

use super::symtable::ScopeKind;
use super::{Block, CodeBuilder};
use crate::ast::*;
use crate::bytecode::{Idx, Instr};
use crate::error::CompileError;
use crate::value::Value;

type R = Result<(), CompileError>;

pub(super) enum FnBody<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}

impl<'s> CodeBuilder<'s> {
    pub(super) fn block(&mut self, body: &'s [Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &'s Stmt) -> R {
        self.pos = Self::pos_of(s.span, None);
        let line = s.span.line;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Instr::Pop, line);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instr::Copy(1), line);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.aug_assign(target, *op, value, line)?
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
                // In a module or class body, `name: type` records the annotation.
                if let (true, crate::ast::ExprKind::Name(n)) = (self.flags.namespace, &target.kind)
                {
                    self.expr(annotation)?;
                    let a = self.name("__annotations__");
                    self.emit(Instr::LoadName(a), line);
                    self.emit_const(Value::str(n), line);
                    self.emit(Instr::StoreSubscript, line);
                }
            }
            StmtKind::Pass => {}
            StmtKind::Break => self.break_or_continue(true, s.span)?,
            StmtKind::Continue => self.break_or_continue(false, s.span)?,
            StmtKind::Return(value) => {
                if !self.in_function() {
                    return Err(CompileError::syntax(
                        "'return' outside function",
                        line,
                        s.span.col,
                    ));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::None, line),
                }
                self.unwind_for_return(line);
                self.emit(Instr::Return, line);
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0), line);
                self.block(body)?;
                if orelse.is_empty() {
                    self.patch(to_else);
                } else {
                    let to_end = self.emit(Instr::Jump(0), line);
                    self.patch(to_else);
                    self.block(orelse)?;
                    self.patch(to_end);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.here();
                self.expr(test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0), line);
                let breaks = self.loop_body(top, false, body, line)?;
                self.patch(to_else);
                self.block(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    return self.async_for(target, iter, body, orelse, line, s.span.col);
                }
                self.expr(iter)?;
                self.emit(Instr::GetIter, line);
                let top = self.here();
                let for_iter = self.emit(Instr::ForIter(0), line);
                self.store_target(target)?;
                let breaks = self.loop_body(top, true, body, line)?;
                self.patch(for_iter);
                self.block(orelse)?;
                for b in breaks {
                    self.patch(b);
                }
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.make_function(
                    &f.name,
                    &f.params,
                    FnBody::Stmts(&f.body),
                    f.span,
                    f.is_async,
                )?;
                for _ in &f.decorators {
                    self.emit(Instr::Call(1), line);
                }
                self.store_name(&f.name, line);
            }
            StmtKind::ClassDef(c) => self.class_def(c)?,
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let idx = self.name(&a.name);
                    self.emit(Instr::ImportName(idx), a.span.line);
                    match &a.asname {
                        Some(asname) => {
                            // `import a.b as c` binds the submodule itself.
                            for part in a.name.split('.').skip(1) {
                                let p = self.name(part);
                                self.emit(Instr::LoadAttr(p), a.span.line);
                            }
                            self.store_name(asname, a.span.line);
                        }
                        None => {
                            let first = a.name.split('.').next().unwrap_or_default().to_string();
                            self.store_name(&first, a.span.line);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                if *level > 0 {
                    return Err(CompileError::unsupported(
                        "relative import",
                        line,
                        s.span.col,
                    ));
                }
                if names.is_empty() {
                    return Err(CompileError::unsupported("star import", line, s.span.col));
                }
                let idx = self.name(&format!("{module}."));
                self.emit(Instr::ImportName(idx), line);
                for a in names {
                    let n = self.name(&a.name);
                    self.emit(Instr::ImportFrom(n), a.span.line);
                    self.store_name(a.asname.as_deref().unwrap_or(&a.name), a.span.line);
                }
                self.emit(Instr::Pop, line);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, line)?;
                } else {
                    self.try_finally(finalbody, line, |b| {
                        if handlers.is_empty() {
                            b.block(body)
                        } else {
                            b.try_except(body, handlers, orelse, line)
                        }
                    })?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                let kind = match (exc, cause) {
                    (None, _) => 0,
                    (Some(e), None) => {
                        self.expr(e)?;
                        1
                    }
                    (Some(e), Some(c)) => {
                        self.expr(e)?;
                        self.expr(c)?;
                        2
                    }
                };
                self.emit(Instr::Raise(kind), line);
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async {
                    self.async_with(items, body, line, s.span.col)?;
                } else {
                    self.with(items, body, line)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let ok = self.emit(Instr::PopJumpIfTrue(0), line);
                self.emit(Instr::LoadAssertionError, line);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Instr::Call(1), line);
                }
                self.emit(Instr::Raise(1), line);
                self.patch(ok);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
        }
        Ok(())
    }

    /// A loop's body inside its `Block::Loop`, then the jump back to `top`; returns the
    /// `break` jumps to patch to the loop's end.
    pub(super) fn loop_body(
        &mut self,
        top: usize,
        has_iter: bool,
        body: &'s [Stmt],
        line: u32,
    ) -> Result<Vec<usize>, CompileError> {
        self.blocks.push(Block::Loop {
            continue_target: top,
            break_patches: vec![],
            has_iter,
        });
        self.block(body)?;
        self.jump_to(top, line);
        Ok(self.pop_loop())
    }

    pub(super) fn pop_loop(&mut self) -> Vec<usize> {
        match self.blocks.pop() {
            Some(Block::Loop { break_patches, .. }) => break_patches,
            _ => Vec::new(),
        }
    }

    fn break_or_continue(&mut self, is_break: bool, span: Span) -> R {
        let line = span.line;
        let Some(loop_at) = self
            .blocks
            .iter()
            .rposition(|b| matches!(b, Block::Loop { .. }))
        else {
            let msg = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(CompileError::syntax(msg, line, span.col));
        };
        for i in (loop_at + 1..self.blocks.len()).rev() {
            self.unwind_block(i, false, line);
        }
        let Some(Block::Loop {
            continue_target,
            has_iter,
            ..
        }) = self.blocks.get(loop_at).cloned()
        else {
            return Ok(());
        };
        if is_break {
            if has_iter {
                self.emit(Instr::Pop, line);
            }
            let j = self.emit(Instr::Jump(0), line);
            if let Some(Block::Loop { break_patches, .. }) = self.blocks.get_mut(loop_at) {
                break_patches.push(j);
            }
        } else {
            self.jump_to(continue_target, line);
        }
        Ok(())
    }

    /// Leaves every enclosing block before `return`; the return value is on the stack.
    fn unwind_for_return(&mut self, line: u32) {
        for i in (0..self.blocks.len()).rev() {
            self.unwind_block(i, true, line);
        }
    }

    /// Emits what leaving block `b` early needs. With `value_on_top`, a return value sits
    /// above whatever the block keeps on the stack.
    fn unwind_block(&mut self, index: usize, value_on_top: bool, line: u32) {
        let b = self.blocks[index].clone();
        match &b {
            Block::Loop { has_iter, .. } => {
                if *has_iter && value_on_top {
                    self.emit(Instr::Swap(2), line);
                    self.emit(Instr::Pop, line);
                }
            }
            Block::TryBody => {
                self.emit(Instr::PopBlock, line);
            }
            Block::Finally { body } => {
                self.emit(Instr::PopBlock, line);
                // Compile the finally body outside its own block so a return in it is plain.
                let saved = self.blocks.split_off(index);
                let _ = self.block(body);
                self.blocks.extend(saved);
            }
            Block::Handler { named } => {
                self.emit(Instr::PopExcept, line);
                if let Some(n) = named {
                    self.emit_const(Value::None, line);
                    self.store_name(n, line);
                }
            }
            Block::With { is_async } => {
                self.emit(Instr::PopBlock, line);
                if value_on_top {
                    self.emit(Instr::Swap(2), line);
                }
                for _ in 0..3 {
                    self.emit_const(Value::None, line);
                }
                self.emit(Instr::Call(3), line);
                if *is_async {
                    self.emit(Instr::GetAwaitable, line);
                    self.emit_delegation(line);
                }
                self.emit(Instr::Pop, line);
            }
        }
    }

    fn try_except(
        &mut self,
        body: &'s [Stmt],
        handlers: &'s [ExceptHandler],
        orelse: &'s [Stmt],
        line: u32,
    ) -> R {
        let setup = self.emit(Instr::SetupFinally(0), line);
        self.blocks.push(Block::TryBody);
        self.block(body)?;
        self.blocks.pop();
        self.emit(Instr::PopBlock, line);
        self.block(orelse)?;
        let mut to_end = vec![self.emit(Instr::Jump(0), line)];
        self.patch(setup);
        for h in handlers {
            let hline = h.span.line;
            let mut next = None;
            if let Some(t) = &h.typ {
                self.expr(t)?;
                self.emit(Instr::CheckExcMatch, hline);
                next = Some(self.emit(Instr::PopJumpIfFalse(0), hline));
            }
            match &h.name {
                Some(n) => self.store_name(n, hline),
                None => {
                    self.emit(Instr::Pop, hline);
                }
            }
            self.blocks.push(Block::Handler {
                named: h.name.as_deref(),
            });
            self.block(&h.body)?;
            self.blocks.pop();
            self.emit(Instr::PopExcept, hline);
            if let Some(n) = &h.name {
                self.emit_const(Value::None, hline);
                self.store_name(n, hline);
                self.delete_name(n, hline);
            }
            to_end.push(self.emit(Instr::Jump(0), hline));
            if let Some(n) = next {
                self.patch(n);
            }
        }
        self.emit(Instr::Reraise, line);
        for j in to_end {
            self.patch(j);
        }
        Ok(())
    }

    fn try_finally(
        &mut self,
        finalbody: &'s [Stmt],
        line: u32,
        body: impl FnOnce(&mut Self) -> R,
    ) -> R {
        let setup = self.emit(Instr::SetupFinally(0), line);
        self.blocks.push(Block::Finally { body: finalbody });
        body(self)?;
        self.blocks.pop();
        self.emit(Instr::PopBlock, line);
        self.block(finalbody)?;
        let to_end = self.emit(Instr::Jump(0), line);
        self.patch(setup);
        self.blocks.push(Block::Handler { named: None });
        self.block(finalbody)?;
        self.blocks.pop();
        self.emit(Instr::Reraise, line);
        self.patch(to_end);
        Ok(())
    }

    fn with(&mut self, items: &'s [WithItem], body: &'s [Stmt], line: u32) -> R {
        let Some((first, rest)) = items.split_first() else {
            return self.block(body);
        };
        self.expr(&first.context)?;
        self.emit(Instr::BeforeWith, line);
        match &first.target {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Instr::Pop, line);
            }
        }
        let setup = self.emit(Instr::SetupFinally(0), line);
        self.blocks.push(Block::With { is_async: false });
        self.with(rest, body, line)?;
        self.blocks.pop();
        self.with_exit(setup, line, false);
        Ok(())
    }

    /// The end of a `with` block whose handler was set up at `setup`: call `__exit__` (or
    /// await `__aexit__`) on normal exit and on an exception, which it may suppress.
    pub(super) fn with_exit(&mut self, setup: usize, line: u32, is_async: bool) {
        self.emit(Instr::PopBlock, line);
        for _ in 0..3 {
            self.emit_const(Value::None, line);
        }
        self.emit(Instr::Call(3), line);
        if is_async {
            self.emit(Instr::GetAwaitable, line);
            self.emit_delegation(line);
        }
        self.emit(Instr::Pop, line);
        let to_end = self.emit(Instr::Jump(0), line);
        self.patch(setup);
        self.emit(Instr::WithExceptStart, line);
        if is_async {
            self.emit(Instr::GetAwaitable, line);
            self.emit_delegation(line);
        }
        let suppress = self.emit(Instr::PopJumpIfTrue(0), line);
        self.emit(Instr::Reraise, line);
        self.patch(suppress);
        self.emit(Instr::Pop, line);
        self.emit(Instr::PopExcept, line);
        self.emit(Instr::Pop, line);
        self.patch(to_end);
    }

    /// Compiles a function or lambda and leaves the function object on the stack.
    pub(super) fn make_function(
        &mut self,
        name: &str,
        params: &'s Params,
        body: FnBody<'s>,
        span: Span,
        is_async: bool,
    ) -> R {
        let line = span.line;
        let mut flags = 0u8;
        let positional: Vec<&Param> = params.posonly.iter().chain(&params.args).collect();
        let defaults: Vec<&Expr> = positional
            .iter()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Instr::BuildTuple(defaults.len() as Idx), line);
            flags |= 1;
        }
        let kwdefaults: Vec<&Param> = params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kwdefaults.is_empty() {
            for p in &kwdefaults {
                self.emit_const(Value::str(&p.name), line);
                if let Some(d) = &p.default {
                    self.expr(d)?;
                }
            }
            self.emit(Instr::BuildMap(kwdefaults.len() as Idx), line);
            flags |= 2;
        }
        let scope = self.scope.child(span);
        let qualname = match self.scope.kind() {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", self.qualname, name),
            ScopeKind::Function => format!("{}.<locals>.{}", self.qualname, name),
        };
        let mut cb = CodeBuilder::new(scope, name, &qualname, self.filename.clone(), line);
        cb.argcount = positional.len() as u32;
        cb.posonlyargcount = params.posonly.len() as u32;
        cb.kwonlyargcount = params.kwonly.len() as u32;
        cb.flags.varargs = params.vararg.is_some();
        cb.flags.varkeywords = params.kwarg.is_some();
        cb.flags.generator = scope.has_yield;
        cb.flags.coroutine = is_async;
        cb.emit(Instr::Resume, line);
        match body {
            FnBody::Stmts(stmts) => {
                let stmts = super::strip_docstring(stmts, &mut cb);
                cb.block(stmts)?;
                let end = stmts.last().map(|s| s.span.end_line).unwrap_or(line);
                cb.emit_const(Value::None, end);
                cb.emit(Instr::Return, end);
            }
            FnBody::Expr(e) => {
                cb.expr(e)?;
                cb.emit(Instr::Return, e.span.line);
            }
        }
        let code = cb.finish();
        self.emit_make_function(code, flags, line);
        Ok(())
    }

    fn class_def(&mut self, c: &'s ClassDef) -> R {
        let line = c.span.line;
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.emit(Instr::LoadBuildClass, line);
        let scope = self.scope.child(c.span);
        let qualname = match self.scope.kind() {
            ScopeKind::Module => c.name.clone(),
            ScopeKind::Class => format!("{}.{}", self.qualname, c.name),
            ScopeKind::Function => format!("{}.<locals>.{}", self.qualname, c.name),
        };
        let mut cb = CodeBuilder::new(scope, &c.name, &qualname, self.filename.clone(), line);
        cb.flags.namespace = true;
        let m = cb.name("__name__");
        cb.emit(Instr::LoadName(m), line);
        let module_attr = cb.name("__module__");
        cb.emit(Instr::StoreName(module_attr), line);
        cb.emit_const(Value::str(&qualname), line);
        let qn = cb.name("__qualname__");
        cb.emit(Instr::StoreName(qn), line);
        let body = super::strip_docstring(&c.body, &mut cb);
        cb.setup_annotations(body, line);
        if let Some(doc) = cb.doc.clone() {
            cb.emit_const(Value::Str(doc), line);
            let d = cb.name("__doc__");
            cb.emit(Instr::StoreName(d), line);
        }
        cb.block(body)?;
        let end = c.body.last().map(|s| s.span.end_line).unwrap_or(line);
        if let Some(idx) = cb.cellvars.iter().position(|v| &**v == "__class__") {
            cb.emit(Instr::LoadClosure(idx as Idx), end);
            let cc = cb.name("__classcell__");
            cb.emit(Instr::StoreName(cc), end);
        }
        cb.emit_const(Value::None, end);
        cb.emit(Instr::Return, end);
        let code = cb.finish();
        self.emit_make_function(code, 0, line);
        self.emit_const(Value::str(&c.name), line);
        for b in &c.bases {
            self.expr(b)?;
        }
        let argc = 2 + c.bases.len();
        if c.keywords.is_empty() {
            self.emit(Instr::Call(argc as Idx), line);
        } else {
            let mut names = Vec::new();
            for k in &c.keywords {
                let Some(n) = &k.name else {
                    return Err(CompileError::unsupported(
                        "** in class keywords",
                        line,
                        k.span.col,
                    ));
                };
                self.expr(&k.value)?;
                names.push(Value::str(n));
            }
            let names_idx = self.add_const(Value::tuple(names));
            self.emit(
                Instr::CallKw {
                    argc: (argc + c.keywords.len()) as u16,
                    names: names_idx as u16,
                },
                line,
            );
        }
        for _ in &c.decorators {
            self.emit(Instr::Call(1), line);
        }
        self.store_name(&c.name, line);
        Ok(())
    }
}
