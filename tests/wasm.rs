//! Browser tests (`wasm-pack test --headless --chrome`): the engine running inside wasm, the
//! page's side of the worker protocol (request and trace encodings, through a real
//! `ArrayBuffer`), and the canvas drawing of a hand-built trace.
#![cfg(target_arch = "wasm32")]

use interleave_app::examples::DEFAULT_PROGRAM;
use interleave_app::protocol::{decode_trace, serve_request, Request, RunRequest, WorkerMessage};
use interleave_app::timeline::{palette, Picture, StateKind, TimelineModel, Viewport};
use interleave_app::web::{bytes_to_buffer, canvas};
use interleave_engine::trace::*;
use interleave_engine::{run, RunOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Two threads printing; CPython 3.11 prints exactly `TWO_THREADS_STDOUT`.
const TWO_THREADS: &str = "\
import threading

def work():
    print('hello from', threading.current_thread().name)

print('main starts')
t = threading.Thread(target=work)
t.start()
t.join()
print('done', threading.current_thread().name)
";
const TWO_THREADS_STDOUT: &str = "main starts\nhello from Thread-1 (work)\ndone MainThread\n";

fn names(trace: &Trace) -> Vec<&str> {
    trace.threads.iter().map(|t| t.name.as_str()).collect()
}

/// The trace's promises: per thread, slices are ordered, contiguous and cover its life;
/// GIL holds are ordered and never overlap, and a holder is running while it holds.
fn assert_well_formed(trace: &Trace) {
    for (id, info) in trace.threads.iter().enumerate() {
        let slices: Vec<&Slice> = trace
            .slices
            .iter()
            .filter(|s| s.thread as usize == id)
            .collect();
        assert!(!slices.is_empty(), "thread {id} has no slices");
        assert_eq!(
            slices[0].start_ns, info.start_ns,
            "thread {id} starts with a slice"
        );
        for pair in slices.windows(2) {
            assert_eq!(
                pair[0].end_ns, pair[1].start_ns,
                "thread {id}: gap or overlap"
            );
        }
        let end = info.end_ns.unwrap_or(trace.end_ns);
        assert_eq!(
            slices.last().unwrap().end_ns,
            end,
            "thread {id} ends with a slice"
        );
    }
    for pair in trace.gil.windows(2) {
        assert!(
            pair[0].end_ns <= pair[1].start_ns,
            "GIL holds overlap: {pair:?}"
        );
    }
    for hold in &trace.gil {
        assert!(hold.start_ns < hold.end_ns && hold.end_ns <= trace.end_ns);
    }
    assert!(
        trace.outputs.windows(2).all(|w| w[0].t_ns <= w[1].t_ns),
        "outputs out of order"
    );
}

#[wasm_bindgen_test]
fn engine_runs_two_printing_threads_in_wasm() {
    let trace = run(TWO_THREADS, &RunOptions::default());
    assert_eq!(trace.outcome, Outcome::Finished);
    assert_eq!(trace.stdout(), TWO_THREADS_STDOUT);
    assert_eq!(trace.stderr(), "");
    assert_eq!(names(&trace), ["MainThread", "Thread-1 (work)"]);
    assert_eq!(trace.threads[0].parent, None);
    assert_eq!(trace.threads[1].parent, Some(0));
    assert!(
        trace.threads.iter().all(|t| t.end_ns.is_some()),
        "every thread finished"
    );
    let printers: Vec<ThreadId> = trace.outputs.iter().map(|o| o.thread).collect();
    assert_eq!(printers, [0, 1, 0]);
    assert!(trace.end_ns > 0 && trace.steps > 0);
    assert!(!trace.gil.is_empty());
    assert_well_formed(&trace);
    // Main waits in join() while the thread runs.
    assert!(trace
        .slices
        .iter()
        .any(|s| s.thread == 0 && matches!(s.state, ThreadState::Blocked(_))));

    let model = TimelineModel::new(&trace);
    let lanes: Vec<&str> = model.lanes.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(lanes, ["GIL", "MainThread", "Thread-1 (work)"]);
    let picture = Picture::new(&model, 800.0, Viewport::fit(model.end_ns));
    assert!(picture.lanes.iter().all(|lane| !lane.rects.is_empty()));
}

#[wasm_bindgen_test]
fn engine_runs_the_default_program() {
    let trace = run(DEFAULT_PROGRAM, &RunOptions::default());
    assert_eq!(trace.outcome, Outcome::Finished);
    assert_eq!(
        names(&trace),
        [
            "MainThread",
            "Thread-1 (process_data)",
            "Thread-2 (process_data)"
        ]
    );
    // Per thread the lines come in order; how the two threads interleave is the engine's call.
    let stdout = trace.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    let mut t1 = vec!["Starting Thread-1".to_string()];
    t1.extend((1..=10).map(|i| format!("Thread-1 {i}:")));
    let mut t2 = vec!["Starting Thread-2".to_string()];
    t2.extend((1..=5).map(|i| format!("Thread-2 {i}:")));
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("Thread-1") || l.ends_with("Thread-1"))
            .copied()
            .collect::<Vec<_>>(),
        t1
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("Thread-2") || l.ends_with("Thread-2"))
            .copied()
            .collect::<Vec<_>>(),
        t2
    );
    assert_eq!(lines.len(), 17);
    // Thread-1 sleeps ten times one second: the run lasts a little over 10 virtual seconds.
    assert!(
        (10_000_000_000..10_100_000_000).contains(&trace.end_ns),
        "end_ns {}",
        trace.end_ns
    );
    assert!(trace
        .slices
        .iter()
        .any(|s| s.state == ThreadState::Sleeping));
    assert_well_formed(&trace);
}

#[wasm_bindgen_test]
fn engine_runs_asyncio_and_processes_in_wasm() {
    let src = "import asyncio, multiprocessing as mp\n\
               async def job(n):\n    await asyncio.sleep(n / 10)\n    return n * n\n\
               async def main():\n    print(await asyncio.gather(job(3), job(1), job(2)))\n\
               def child(q):\n    q.put(mp.current_process().name)\n\
               if __name__ == '__main__':\n    asyncio.run(main())\n\
               \x20   q = mp.Queue()\n    p = mp.Process(target=child, args=(q,))\n\
               \x20   p.start()\n    print(q.get())\n    p.join()\n";
    let trace = run(src, &RunOptions::default());
    assert_eq!(trace.outcome, Outcome::Finished, "{}", trace.stderr());
    assert_eq!(trace.stdout(), "[9, 1, 4]\nProcess-1\n");
    assert_eq!(trace.tasks[0].name, "Task-1");
    assert_eq!(trace.processes.len(), 2);
    assert_eq!(trace.transfers.len(), 1);
}

#[wasm_bindgen_test]
fn compile_errors_carry_a_position() {
    let trace = run("print('ok')\ndef f(:\n    pass\n", &RunOptions::default());
    match &trace.outcome {
        Outcome::CompileError { line, message, .. } => {
            assert_eq!(*line, 2);
            assert!(!message.is_empty());
        }
        other => panic!("expected a compile error, got {other:?}"),
    }
    assert_eq!(
        trace.stdout(),
        "",
        "nothing runs when the program does not compile"
    );
}

/// What the worker posts for `request`, each message through an ArrayBuffer as the page
/// receives it.
fn through_the_worker(request: &Request) -> Vec<WorkerMessage> {
    // As the page sends it: through an ArrayBuffer.
    let sent = js_sys::Uint8Array::new(&bytes_to_buffer(&request.to_bytes())).to_vec();
    serve_request(&sent)
        .into_iter()
        .map(|m| {
            let received = js_sys::Uint8Array::new(&bytes_to_buffer(&m.to_bytes())).to_vec();
            WorkerMessage::from_bytes(&received).expect("the page decodes the worker's message")
        })
        .collect()
}

#[wasm_bindgen_test]
fn worker_path_matches_a_direct_run() {
    let request = RunRequest::new(TWO_THREADS, "main.py");
    let messages = through_the_worker(&Request::Run(request.clone()));
    let Some(WorkerMessage::Trace(bytes)) = messages.last() else {
        panic!("the worker answers with a trace: {messages:?}");
    };
    let trace = decode_trace(bytes).expect("the page decodes the worker's trace");
    assert!(matches!(messages[0], WorkerMessage::Progress(_)));
    assert_eq!(
        trace,
        run(TWO_THREADS, &request.options()),
        "same program and options, same trace"
    );
}

#[wasm_bindgen_test]
fn worker_inspects_a_thread_sleeping_in_a_function() {
    let src = "import threading, time\n\
               def work(n):\n    total = n * 2\n    time.sleep(1)\n    return total\n\
               t = threading.Thread(target=work, args=(21,))\nt.start()\nt.join()\n";
    let request = RunRequest::new(src, "main.py");
    let messages = through_the_worker(&Request::Inspect {
        run: request.clone(),
        at_ns: 500_000_000,
    });
    let [WorkerMessage::Snapshot(snapshot)] = messages.as_slice() else {
        panic!("the worker answers with one snapshot: {messages:?}");
    };
    assert_eq!(
        snapshot,
        &interleave_engine::inspect(src, &request.options(), 500_000_000)
    );
    let worker = &snapshot.threads[1];
    assert!(worker.alive);
    let frame = worker.frames.last().unwrap();
    assert_eq!((frame.function.as_str(), frame.line), ("work", 4));
    let locals: Vec<(&str, &str)> = frame
        .locals
        .iter()
        .map(|v| (v.name.as_str(), v.repr.as_str()))
        .collect();
    assert_eq!(locals, [("n", "21"), ("total", "42")]);
}

/// A trace using every variant, built by hand (needs no engine).
fn hand_built_trace() -> Trace {
    let slice = |thread, state, start_ns, end_ns| Slice {
        thread,
        state,
        start_ns,
        end_ns,
        line: 3,
        end_line: 4,
    };
    Trace {
        filename: "main.py".into(),
        processes: Vec::new(),
        threads: vec![
            ThreadInfo {
                name: "MainThread".into(),
                process: 0,
                daemon: false,
                parent: None,
                start_ns: 0,
                end_ns: Some(1_000_000),
            },
            ThreadInfo {
                name: "Thread-1 (work)".into(),
                process: 0,
                daemon: true,
                parent: Some(0),
                start_ns: 100_000,
                end_ns: None,
            },
        ],
        slices: vec![
            slice(0, ThreadState::Running, 0, 100_000),
            slice(
                0,
                ThreadState::Blocked(BlockedOn::Start(1)),
                100_000,
                200_000,
            ),
            slice(1, ThreadState::Running, 100_000, 200_000),
            slice(0, ThreadState::WaitingForGil, 200_000, 300_000),
            slice(1, ThreadState::Sleeping, 200_000, 1_000_000),
            slice(
                0,
                ThreadState::Blocked(BlockedOn::Join(1)),
                300_000,
                1_000_000,
            ),
        ],
        gil: vec![
            GilHold {
                process: 0,
                holder: 0,
                start_ns: 0,
                end_ns: 100_000,
            },
            GilHold {
                process: 0,
                holder: 1,
                start_ns: 100_000,
                end_ns: 200_000,
            },
            GilHold {
                process: 0,
                holder: 0,
                start_ns: 200_000,
                end_ns: 300_000,
            },
        ],
        gil_drop_requests: vec![GilDropRequest {
            t_ns: 150_000,
            requester: 0,
            holder: 1,
        }],
        outputs: vec![
            Output {
                t_ns: 50_000,
                thread: 0,
                stream: Stream::Stdout,
                text: "héllo ✓\n".into(),
            },
            Output {
                t_ns: 150_000,
                thread: 1,
                stream: Stream::Stderr,
                text: "Traceback…\n".into(),
            },
        ],
        end_ns: 1_000_000,
        steps: 1234,
        outcome: Outcome::Deadlock {
            report: "MainThread waits for Thread-1 (work)".into(),
        },
        ..Trace::default()
    }
}

#[wasm_bindgen_test]
fn trace_round_trips_through_an_array_buffer() {
    let trace = hand_built_trace();
    let buffer = bytes_to_buffer(&trace.to_bytes());
    assert_eq!(buffer.byte_length() as usize, trace.to_bytes().len());
    let decoded = decode_trace(&js_sys::Uint8Array::new(&buffer).to_vec()).unwrap();
    assert_eq!(decoded, trace);
    let compile_error = Trace {
        outcome: Outcome::CompileError {
            line: 7,
            col: 12,
            message: "invalid syntax".into(),
        },
        ..Trace::default()
    };
    assert_eq!(
        decode_trace(&compile_error.to_bytes()).unwrap(),
        compile_error
    );
    assert!(decode_trace(&[1, 2, 3]).is_err());
}

fn pixel(ctx: &web_sys::CanvasRenderingContext2d, x: f64, y: f64, dpr: f64) -> String {
    let data = ctx
        .get_image_data((x * dpr).round(), (y * dpr).round(), 1.0, 1.0)
        .unwrap()
        .data();
    format!("#{:02X}{:02X}{:02X}", data[0], data[1], data[2])
}

#[wasm_bindgen_test]
fn canvas_draws_states_in_their_colours() {
    use interleave_app::timeline::geometry::{bar, canvas_height};
    let document = web_sys::window().unwrap().document().unwrap();
    let element: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    let model = TimelineModel::new(&hand_built_trace());
    let width = 1_000.0;
    let height = canvas_height(model.lanes.len());
    let ctx = canvas::prepare(&element, width, height).expect("a 2D context");
    let picture = Picture::new(&model, width, Viewport::fit(model.end_ns));
    let trace = hand_built_trace();
    let overlay = |cursor_ns| canvas::Overlay {
        trace: &trace,
        cursor_ns,
        theme: palette::LIGHT,
    };
    canvas::draw(&ctx, &model, &picture, &overlay(None));
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    let middle = |lane: usize| {
        bar(model.lanes[lane].kind, lane).0 + bar(model.lanes[lane].kind, lane).1 / 2.0
    };
    let x_at = |t_ns| picture.scale.x(t_ns);
    // Thread 1 (lane 2) sleeps from 0.2 ms to the end; main (lane 1) is blocked from 0.3 ms.
    assert_eq!(
        pixel(&ctx, x_at(600_000), middle(2), dpr),
        palette::state_colour(StateKind::Sleeping)
    );
    assert_eq!(
        pixel(&ctx, x_at(600_000), middle(1), dpr),
        palette::state_colour(StateKind::Blocked)
    );
    assert_eq!(
        pixel(&ctx, x_at(250_000), middle(1), dpr),
        palette::state_colour(StateKind::WaitingForGil)
    );
    assert_eq!(
        pixel(&ctx, x_at(50_000), middle(1), dpr),
        palette::state_colour(StateKind::Running)
    );
    // The GIL lane: held by thread 1 (sampled above the holder's name written on the bar).
    assert_eq!(
        pixel(
            &ctx,
            x_at(150_000),
            bar(model.lanes[0].kind, 0).0 + 1.0,
            dpr
        ),
        palette::thread_colour(1)
    );
    // With the cursor at 0.5 ms, what comes after is veiled (lighter), what comes before is not.
    canvas::prepare(&element, width, height).unwrap();
    canvas::draw(&ctx, &model, &picture, &overlay(Some(500_000)));
    assert_eq!(
        pixel(&ctx, x_at(400_000), middle(2), dpr),
        palette::state_colour(StateKind::Sleeping)
    );
    assert_ne!(
        pixel(&ctx, x_at(600_000), middle(2), dpr),
        palette::state_colour(StateKind::Sleeping)
    );
}
