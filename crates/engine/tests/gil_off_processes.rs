//! `--gil off` with several processes: the free-threaded loop must switch to a thread's
//! process (its modules, `__main__` globals, exit status) before running it, or a child's
//! code runs in its parent's interpreter state and a child's exit ends the parent.

use interleave_engine::trace::Outcome;
use interleave_engine::{run, RunOptions};

fn run_free(src: &str) -> interleave_engine::Trace {
    run(
        src,
        &RunOptions {
            filename: "t.py".into(),
            gil: false,
            ..Default::default()
        },
    )
}

#[test]
fn gil_off_asyncio_with_process_pool_then_thread_pool() {
    let src = include_str!("../../../scenarios/asyncio/executors-inside-asyncio.py");
    let t = run_free(src);
    assert_eq!(t.outcome, Outcome::Finished, "stderr: {}", t.stderr());
    assert_eq!(
        t.stdout(),
        "tick 0\ntick 1\ntick 2\ntick 3\n[19999900000, 4999950000]\n[0, 10, 20]\n70\n\
         elapsed under 2 s: True\n"
    );
}

#[test]
fn gil_off_child_process_has_its_own_globals_and_exit() {
    let src = r#"
import multiprocessing

counter = 0

def work(n):
    global counter
    counter += n
    print("child sees", counter)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=work, args=(i + 1,)) for i in range(2)]
    for p in ps:
        p.start()
        p.join()
    print("parent sees", counter, [p.exitcode for p in ps])
"#;
    let t = run_free(src);
    assert_eq!(t.outcome, Outcome::Finished, "stderr: {}", t.stderr());
    assert_eq!(
        t.stdout(),
        "child sees 1\nchild sees 2\nparent sees 0 [0, 0]\n"
    );
    assert!(t.processes[1..].iter().all(|p| p.exitcode == Some(0)));
    assert_eq!(
        t.processes[0].exitcode, None,
        "the parent did not end early"
    );
}
