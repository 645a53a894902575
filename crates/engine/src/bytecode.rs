//! The compiled form of a program: code objects holding a flat list of instructions, in the
//! spirit of CPython's bytecode, with a line table so every instruction knows its source line.

use crate::value::Value;
use std::rc::Rc;

/// Jump targets and table indexes.
pub type Idx = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instr {
    /// Function entry: an eval-breaker point, where a thread may have to drop the GIL.
    Resume,
    Nop,
    LoadConst(Idx),
    LoadFast(Idx),
    StoreFast(Idx),
    DeleteFast(Idx),
    /// Cells: indexes into the frame's cells (cell variables first, then free variables).
    LoadDeref(Idx),
    StoreDeref(Idx),
    /// Pushes the cell object itself, to build a closure.
    LoadClosure(Idx),
    LoadGlobal(Idx),
    StoreGlobal(Idx),
    DeleteGlobal(Idx),
    /// Module and class bodies: the local namespace, then globals, then builtins.
    LoadName(Idx),
    StoreName(Idx),
    DeleteName(Idx),
    LoadAttr(Idx),
    StoreAttr(Idx),
    DeleteAttr(Idx),
    /// `container[key]`
    Subscript,
    StoreSubscript,
    DeleteSubscript,
    /// Builds a slice from 2 or 3 stack values.
    BuildSlice(u8),
    Binary(crate::ast::BinOp),
    InPlace(crate::ast::BinOp),
    Unary(crate::ast::UnaryOp),
    Compare(crate::ast::CmpOp),
    Pop,
    /// Pushes a copy of the n-th item from the top (1 = top).
    Copy(u8),
    /// Swaps the top with the n-th item from the top (2 = the one below it).
    Swap(u8),
    Jump(Idx),
    /// A jump to an earlier instruction: an eval-breaker point.
    JumpBackward(Idx),
    PopJumpIfFalse(Idx),
    PopJumpIfTrue(Idx),
    JumpIfFalseOrPop(Idx),
    JumpIfTrueOrPop(Idx),
    GetIter,
    /// Pushes the iterator's next item, or pops the iterator and jumps when it is exhausted.
    ForIter(Idx),
    BuildList(Idx),
    BuildTuple(Idx),
    BuildSet(Idx),
    /// Builds a dict from 2n stack items (key, value, key, value …).
    BuildMap(Idx),
    /// Appends the top to the list `n` items below it (comprehensions).
    ListAppend(Idx),
    SetAdd(Idx),
    MapAdd(Idx),
    ListExtend(Idx),
    SetUpdate(Idx),
    DictUpdate(Idx),
    ListToTuple,
    UnpackSequence(Idx),
    /// Unpacking with a starred target: (count before the star, count after it).
    UnpackEx(u16, u16),
    /// Calls with `argc` positional arguments.
    Call(Idx),
    /// Calls with `argc` arguments, the last ones keywords named by the tuple constant `names`.
    CallKw {
        argc: u16,
        names: u16,
    },
    /// Calls with a tuple of positional arguments and, if the flag is set, a dict of keywords.
    CallEx(bool),
    /// Builds a function from a code constant; flags say which extras are on the stack
    /// (1 defaults tuple, 2 keyword-defaults dict, 4 closure tuple).
    MakeFunction {
        code: u16,
        flags: u8,
    },
    Return,
    /// Formats the top value: conversion (0 none, b's', b'r', b'a') and whether a spec is on
    /// the stack above it.
    FormatValue {
        conversion: u8,
        has_spec: bool,
    },
    BuildString(Idx),
    /// Pushes an exception handler (try/except/finally/with) that jumps to the target.
    SetupFinally(Idx),
    PopBlock,
    /// Leaves an `except` block, restoring the exception that was being handled before.
    PopExcept,
    /// Re-raises the exception on top of the stack.
    Reraise,
    /// `raise` (0 = re-raise the current exception, 1 = `raise X`, 2 = `raise X from Y`).
    Raise(u8),
    /// Pops an exception type, peeks the exception below it, pushes whether it matches.
    CheckExcMatch,
    /// Pops a context manager, pushes its bound `__exit__`, then calls `__enter__`.
    BeforeWith,
    /// With `__exit__` below the exception on the stack, calls `__exit__(type, exc, tb)`.
    WithExceptStart,
    ImportName(Idx),
    ImportFrom(Idx),
    LoadBuildClass,
    LoadAssertionError,
    /// `yield from` / `await` delegation: with `[.., delegate, value]` on the stack, sends
    /// `value` into the delegate. If it yields `y`, leaves `[.., delegate, y]` (the next
    /// instruction yields `y` outward); if it returns `r`, leaves `[.., r]` and jumps to the
    /// target.
    Send(Idx),
    /// Replaces the top with its awaitable iterator (a coroutine, or `__await__()`).
    GetAwaitable,
    /// `async with`: pops the context manager, pushes its bound `__aexit__`, then the
    /// awaitable returned by `__aenter__()`.
    BeforeAsyncWith,
    /// `async for`: replaces the top with `__aiter__()` of it.
    GetAIter,
    /// `async for`: pushes the awaitable `__anext__()` of the async iterator on top.
    GetANext,
    /// Ends an `async for` on an exception: with `[.., aiter, exc]`, a `StopAsyncIteration`
    /// ends the loop (both popped, handler state restored); any other exception is re-raised.
    EndAsyncFor,
    /// `yield` in an async generator: suspends it, and the `__anext__()` awaiting it
    /// completes with the top of the stack (an `await` inside only passes futures through).
    AsyncGenYield,
    /// Suspends a generator, handing the top of the stack to whoever resumed it.
    YieldValue,
}

/// Where an instruction's source expression is, for CPython 3.11's traceback carets. Columns
/// are 1-based characters, `end_col` exclusive; 0 means unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    pub anchor: Anchor,
}

/// Extra markers CPython draws under binary operators (`~^~`) and subscripts (`~^^^`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Anchor {
    #[default]
    None,
    /// Columns where the left operand ends and the right operand starts.
    BinOp { left_end: u32, right_start: u32 },
    /// Columns where the subscripted value ends and the index expression ends.
    Subscript { value_end: u32, index_end: u32 },
}

/// Flags of a code object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    pub varargs: bool,
    pub varkeywords: bool,
    pub generator: bool,
    pub coroutine: bool,
    /// A module or class body: names live in a namespace dict, not in fast locals.
    pub namespace: bool,
}

#[derive(Debug)]
pub struct Code {
    /// The function's name (`<module>`, `<lambda>`, `<listcomp>` …).
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub first_line: u32,
    pub instrs: Vec<Instr>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    /// Source position of each instruction (for traceback carets).
    pub positions: Vec<Pos>,
    pub consts: Vec<Value>,
    /// Names for globals, attributes and namespace lookups.
    pub names: Vec<Rc<str>>,
    /// Fast locals; parameters come first.
    pub varnames: Vec<Rc<str>>,
    /// Locals captured by inner functions.
    pub cellvars: Vec<Rc<str>>,
    /// Variables captured from enclosing functions.
    pub freevars: Vec<Rc<str>>,
    /// For each cell variable that is also a parameter, its index in `varnames`.
    pub cell_params: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    /// The docstring, if the body starts with one.
    pub doc: Option<Rc<str>>,
}

impl Code {
    pub fn pos_at(&self, pc: usize) -> Pos {
        self.positions.get(pc).copied().unwrap_or_default()
    }

    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.first_line)
    }
}
