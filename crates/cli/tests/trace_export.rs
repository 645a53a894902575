//! `interleave run --trace-out`: the Chrome Trace Event JSON that Perfetto opens.

use std::process::Command;

#[test]
fn trace_out_writes_chrome_trace_events() {
    let dir = std::env::temp_dir().join(format!("interleave-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let program = dir.join("handoff.py");
    std::fs::write(
        &program,
        "import threading, time\nlock = threading.Lock()\ndef w(n):\n    with lock:\n        time.sleep(0.1)\n        print('done', n)\nts = [threading.Thread(target=w, args=(i,)) for i in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\n",
    )
    .unwrap();
    let out_file = dir.join("run.json");
    let out = Command::new(env!("CARGO_BIN_EXE_interleave"))
        .arg("run")
        .arg(&program)
        .arg("--trace-out")
        .arg(&out_file)
        .output()
        .expect("run the CLI");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done 0\ndone 1\n");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    let events = json["traceEvents"].as_array().expect("traceEvents array");
    let names: Vec<&str> = events
        .iter()
        .filter(|e| e["name"] == "thread_name")
        .filter_map(|e| e["args"]["name"].as_str())
        .collect();
    assert_eq!(names, ["MainThread", "Thread-1 (w)", "Thread-2 (w)", "GIL"]);
    for e in events.iter().filter(|e| e["ph"] == "X") {
        assert!(e["ts"].as_f64().is_some() && e["dur"].as_f64().unwrap() >= 0.0);
    }
    let flows = events
        .iter()
        .filter(|e| e["ph"] == "s" && e["name"] == "hand-off lock")
        .count();
    assert_eq!(flows, 1, "one hand-off of `lock` from Thread-1 to Thread-2");
    std::fs::remove_dir_all(&dir).ok();
}
