//! The sidecar files of a conformance case: `NAME.expect` (keys such as `exit`, `order`,
//! `full_stderr`, `timeout`, `skip`) and `NAME.stdout`.

use std::path::Path;
use std::time::Duration;

#[derive(Debug, Default)]
pub(crate) struct Expect {
    /// `order = "any"`: compare sorted lines (CPython's order depends on timing).
    pub(crate) any_order: bool,
    /// Expected exit code (overrides python3's).
    pub(crate) exit: Option<i32>,
    /// Expected last line of stderr (overrides python3's).
    pub(crate) stderr: Option<String>,
    /// Compare the whole of stderr with python3's (tracebacks with their caret lines).
    pub(crate) full_stderr: bool,
    /// Expected stdout (from `stdout = "..."` or `NAME.stdout`); python3 is then not run.
    pub(crate) stdout: Option<String>,
    /// python3's time limit.
    pub(crate) timeout: Option<Duration>,
    /// `skip = "why"`: the case is reported as skipped.
    pub(crate) skip: Option<String>,
}

pub(crate) fn read_expect(program: &Path) -> Result<Expect, String> {
    let mut expect = Expect::default();
    let expect_file = program.with_extension("expect");
    if expect_file.exists() {
        let text = std::fs::read_to_string(&expect_file)
            .map_err(|e| format!("cannot read {}: {e}", expect_file.display()))?;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let where_ = || format!("{}:{}", expect_file.display(), number + 1);
            let (key, value) = line
                .split_once('=')
                .ok_or_else(|| format!("{}: expected `key = value`, got {line:?}", where_()))?;
            let key = key.trim();
            let value = unquote(value.trim()).map_err(|e| format!("{}: {e}", where_()))?;
            match key {
                "order" => match value.as_str() {
                    "any" => expect.any_order = true,
                    "exact" => expect.any_order = false,
                    other => {
                        return Err(format!(
                            "{}: order must be \"any\" or \"exact\", not {other:?}",
                            where_()
                        ))
                    }
                },
                "exit" => {
                    expect.exit = Some(
                        value
                            .parse()
                            .map_err(|_| format!("{}: exit must be a number", where_()))?,
                    )
                }
                "stderr" => expect.stderr = Some(value),
                "full_stderr" => expect.full_stderr = value == "true",
                "stdout" => expect.stdout = Some(value),
                "timeout" => {
                    let secs: f64 = value.parse().map_err(|_| {
                        format!("{}: timeout must be a number of seconds", where_())
                    })?;
                    expect.timeout = Some(Duration::from_secs_f64(secs));
                }
                "skip" => expect.skip = Some(value),
                other => {
                    return Err(format!(
                    "{}: unknown key {other:?} (known: order, exit, stderr, full_stderr, stdout, timeout, skip)",
                    where_()
                ))
                }
            }
        }
    }
    let stdout_file = program.with_extension("stdout");
    if stdout_file.exists() {
        if expect.stdout.is_some() {
            return Err(format!(
                "both {} and a `stdout` key in the .expect file",
                stdout_file.display()
            ));
        }
        expect.stdout = Some(
            std::fs::read_to_string(&stdout_file)
                .map_err(|e| format!("cannot read {}: {e}", stdout_file.display()))?,
        );
    }
    Ok(expect)
}

/// A value may be bare (`any`) or a double-quoted string with `\n`, `\t`, `\"` and `\\` escapes.
pub(crate) fn unquote(value: &str) -> Result<String, String> {
    let Some(inner) = value.strip_prefix('"') else {
        return Ok(value.to_string());
    };
    let inner = inner
        .strip_suffix('"')
        .ok_or_else(|| format!("unterminated string {value:?}"))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            other => {
                return Err(format!(
                    "unknown escape \\{} in {value:?}",
                    other.map(String::from).unwrap_or_default()
                ))
            }
        }
    }
    Ok(out)
}
