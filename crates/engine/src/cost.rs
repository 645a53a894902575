//! The virtual-time cost model, calibrated to CPython 3.11 on an ordinary x86-64 machine:
//! a `counter += 1` loop iteration (about 7 bytecodes) costs about 31 ns.

use crate::bytecode::Instr;

/// A plain bytecode instruction.
pub const INSTR_NS: u64 = 4;
/// Extra cost of entering a Python function (frame set-up).
pub const PY_CALL_NS: u64 = 45;
/// Extra cost of calling a built-in function.
pub const NATIVE_CALL_NS: u64 = 20;
/// One `write` system call of a line to a terminal.
pub const WRITE_NS: u64 = 4_000;
/// How late a timed sleep or wait wakes up: Linux's default 50 µs timer slack plus wake-up.
pub const SLEEP_OVERSHOOT_NS: u64 = 60_000;
/// `time.sleep(0)`: a system call that returns at once, long enough for a GIL waiter to win.
pub const SLEEP_ZERO_NS: u64 = 8_000;
/// Time for a thread waiting on the GIL's condition variable to wake up and take it.
pub const GIL_HANDOFF_NS: u64 = 5_000;
/// Time for a blocked thread to be woken by a lock release and run again.
pub const WAKEUP_NS: u64 = 5_000;
/// After `pthread_create` returns, how long until the new thread runs and wants the GIL.
pub const THREAD_CREATE_NS: u64 = 5_000;
/// `pthread_create` itself (stack allocation, clone), paid by the starting thread while it
/// holds the GIL.
pub const PTHREAD_CREATE_NS: u64 = 25_000;

pub fn instr_ns(instr: &Instr) -> u64 {
    match instr {
        Instr::Nop => 0,
        Instr::Binary(_) | Instr::InPlace(_) | Instr::Compare(_) => INSTR_NS + 2,
        Instr::LoadAttr(_) | Instr::StoreAttr(_) | Instr::LoadGlobal(_) => INSTR_NS + 2,
        _ => INSTR_NS,
    }
}

/// `os.fork()` as `multiprocessing.Process.start()` calls it, paid by the parent while it
/// holds its GIL (measured: 0.7–1.4 ms with CPython 3.11 on Linux).
pub const FORK_NS: u64 = 800_000;
/// From the fork until the child runs its target: `Process._bootstrap`'s set-up.
pub const PROCESS_BOOT_NS: u64 = 1_000_000;
/// Pickling a message and handing it to a queue's feeder thread or a pipe.
pub const MESSAGE_SEND_NS: u64 = 10_000;
/// Reading a message from a pipe and unpickling it.
pub const MESSAGE_RECV_NS: u64 = 10_000;
/// From a send until the message can be received in another process (feeder thread, pipe,
/// wake-up): about half of the measured 0.16 ms round trip.
pub const MESSAGE_LATENCY_NS: u64 = 70_000;
/// A process's exit after its target returned: `threading._shutdown`, finalizers, flushing.
pub const PROCESS_EXIT_NS: u64 = 300_000;
