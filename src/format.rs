//! Words and numbers the page shows: elapsed virtual time, counts, and how a run ended.

use interleave_engine::trace::Outcome;

/// `"elapsed 3.002 s (virtual)"`. The unit follows `scale_ns` (the run's total), so the text
/// keeps one unit while the cursor sweeps: seconds from 1 s, else milliseconds, else
/// microseconds.
pub fn elapsed_text(t_ns: u64, scale_ns: u64) -> String {
    let t = t_ns as f64;
    let (value, unit) = if scale_ns >= 1_000_000_000 {
        (t / 1e9, "s")
    } else if scale_ns >= 1_000_000 {
        (t / 1e6, "ms")
    } else {
        (t / 1e3, "µs")
    };
    format!("elapsed {value:.3} {unit} (virtual)")
}

/// An instant or a duration in the unit that suits it, up to three decimals, trailing zeros
/// dropped: `1_500` → `"1.5 µs"`, `5_000_000` → `"5 ms"`, `1_234_567_890` → `"1.235 s"`.
pub fn time_text(t_ns: u64) -> String {
    let (unit_ns, unit) = match t_ns {
        0 => return "0 s".to_string(),
        t if t >= 1_000_000_000 => (1e9, "s"),
        t if t >= 1_000_000 => (1e6, "ms"),
        t if t >= 1_000 => (1e3, "µs"),
        _ => (1.0, "ns"),
    };
    let text = format!("{:.3}", t_ns as f64 / unit_ns);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} {unit}")
}

/// `1234567` → `"1,234,567"`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How serious an outcome is, for the banner's styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Ok,
    Warning,
    Error,
}

/// A one-line summary of how the run ended, its severity, and a longer report if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeSummary {
    /// Machine-readable kind, for `data-outcome`.
    pub kind: &'static str,
    pub severity: Severity,
    pub title: String,
    pub detail: Option<String>,
}

pub fn outcome_summary(outcome: &Outcome, filename: &str) -> OutcomeSummary {
    let (kind, severity, title, detail) = match outcome {
        Outcome::Finished => (
            "finished",
            Severity::Ok,
            "Finished (exit code 0)".to_string(),
            None,
        ),
        Outcome::UncaughtException(name) => (
            "uncaught-exception",
            Severity::Warning,
            format!("Uncaught {name}: the program exited with code 1"),
            None,
        ),
        Outcome::CompileError { line, col, message } => (
            "compile-error",
            Severity::Error,
            format!("Compile error at line {line}:{col}"),
            Some(format!("{filename}:{line}:{col}: {message}")),
        ),
        Outcome::Deadlock { report } => (
            "deadlock",
            Severity::Warning,
            "Deadlock: no thread can ever run again".into(),
            Some(report.clone()),
        ),
        Outcome::BudgetExceeded { report } => {
            let title = if report.contains("step budget") {
                "Stopped: the step budget ran out — raise “Max steps” in Settings to run further"
            } else if report.contains("time budget") {
                "Stopped: the virtual-time budget ran out — raise “Max virtual time” in Settings to run further"
            } else {
                "Stopped: the run's budget ran out — raise the budgets in Settings"
            };
            (
                "budget-exceeded",
                Severity::Warning,
                title.to_string(),
                Some(report.clone()),
            )
        }
        Outcome::Exit(code) => (
            "exit",
            Severity::Warning,
            format!("Exited with code {code}"),
            None,
        ),
        // A trace so far shown when the run is no longer going: it was stopped.
        Outcome::Running => (
            "stopped",
            Severity::Warning,
            "Stopped before the end — the timeline shows the run up to the stop".to_string(),
            None,
        ),
    };
    OutcomeSummary {
        kind,
        severity,
        title,
        detail: detail.filter(|d| !d.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_pick_their_unit() {
        assert_eq!(time_text(0), "0 s");
        assert_eq!(time_text(999), "999 ns");
        assert_eq!(time_text(1_500), "1.5 µs");
        assert_eq!(time_text(5_000_000), "5 ms");
        assert_eq!(time_text(1_234_567_890), "1.235 s");
    }

    #[test]
    fn elapsed_keeps_the_unit_of_the_total() {
        assert_eq!(
            elapsed_text(3_002_000_000, 3_002_000_000),
            "elapsed 3.002 s (virtual)"
        );
        assert_eq!(elapsed_text(0, 10_000_000_000), "elapsed 0.000 s (virtual)");
        assert_eq!(
            elapsed_text(1_500_000, 2_000_000),
            "elapsed 1.500 ms (virtual)"
        );
        assert_eq!(elapsed_text(12_345, 50_000), "elapsed 12.345 µs (virtual)");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn compile_errors_name_line_and_column() {
        let s = outcome_summary(
            &Outcome::CompileError {
                line: 3,
                col: 7,
                message: "invalid syntax".into(),
            },
            "main.py",
        );
        assert_eq!(s.kind, "compile-error");
        assert_eq!(s.severity, Severity::Error);
        assert_eq!(s.title, "Compile error at line 3:7");
        assert_eq!(s.detail.as_deref(), Some("main.py:3:7: invalid syntax"));
    }

    #[test]
    fn other_outcomes() {
        assert_eq!(
            outcome_summary(&Outcome::Finished, "m.py").severity,
            Severity::Ok
        );
        let d = outcome_summary(
            &Outcome::Deadlock {
                report: "MainThread waits".into(),
            },
            "m.py",
        );
        assert_eq!(
            (d.kind, d.detail.as_deref()),
            ("deadlock", Some("MainThread waits"))
        );
        let e = outcome_summary(&Outcome::Exit(3), "m.py");
        assert_eq!(e.title, "Exited with code 3");
        assert_eq!(
            outcome_summary(
                &Outcome::Deadlock {
                    report: String::new()
                },
                "m"
            )
            .detail,
            None
        );
    }
}
