//! Running one program (python3 or the engine) with the harness's environment: line-buffered
//! stdout through a `sitecustomize.py`, a timeout that kills the whole process group, and the
//! captured output.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SITECUSTOMIZE: &str = "import sys\nsys.stdout.reconfigure(line_buffering=True)\n";

/// A temporary folder with the `sitecustomize.py` that makes python3's stdout line-buffered,
/// as it is in a terminal. Removed on drop.
pub(crate) struct SiteDir {
    pub(crate) path: PathBuf,
}

impl SiteDir {
    pub(crate) fn new() -> SiteDir {
        let path =
            std::env::temp_dir().join(format!("interleave-conformance-{}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create the sitecustomize folder");
        std::fs::write(path.join("sitecustomize.py"), SITECUSTOMIZE)
            .expect("write sitecustomize.py");
        SiteDir { path }
    }
}

impl Drop for SiteDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

pub(crate) struct Run {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    /// None when killed by a signal or by the timeout.
    pub(crate) code: Option<i32>,
    pub(crate) timed_out: bool,
    pub(crate) seconds: f64,
}

impl Run {
    pub(crate) fn last_stderr_line(&self) -> &str {
        last_line(&self.stderr)
    }

    pub(crate) fn describe_code(&self) -> String {
        match (self.timed_out, self.code) {
            (true, _) => format!("killed after the {:.0} s timeout", self.seconds),
            (false, Some(code)) => format!("exit code {code}"),
            (false, None) => "killed by a signal".to_string(),
        }
    }
}

pub(crate) fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim_end()
}

/// Runs `program args... file` in `dir` with no stdin, a time limit, and python3's stdout
/// line-buffered (a `sitecustomize.py` on `PYTHONPATH`; never `PYTHONUNBUFFERED`, which tears lines).
pub(crate) fn run_program(
    argv: &[String],
    file: &str,
    dir: &Path,
    site_dir: &Path,
    timeout: Duration,
) -> Result<Run, String> {
    let mut command = Command::new(&argv[0]);
    command
        .args(&argv[1..])
        .arg(file)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("PYTHONUNBUFFERED")
        .env_remove("PYTHONSTARTUP")
        .env_remove("PYTHONHOME")
        .env_remove("PYTHONINSPECT")
        .env_remove("PYTHONWARNINGS")
        .env("PYTHONPATH", site_dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8");
    // Its own process group, so a timeout also stops the children it forked (which would
    // otherwise keep the output pipes open).
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let started = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", argv[0]))?;
    let mut stdout_pipe = child.stdout.take().expect("piped stdout");
    let mut stderr_pipe = child.stderr.take().expect("piped stderr");
    let stdout_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout_pipe.read_to_end(&mut bytes);
        bytes
    });
    let stderr_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut bytes);
        bytes
    });
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > timeout {
            timed_out = true;
            let _ = Command::new("kill")
                .args(["-KILL", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            break child.wait().map_err(|e| e.to_string())?;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    Ok(Run {
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        code: if timed_out { None } else { status.code() },
        timed_out,
        seconds: started.elapsed().as_secs_f64(),
    })
}
