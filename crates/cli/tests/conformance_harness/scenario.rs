//! A gallery scenario's recommended settings (`settings` in its `NAME.json`, the app's text
//! form `switch=…;preempt=…`) as `interleave run` flags, so the harness runs a scenario as the
//! gallery does.

use std::path::Path;

/// The flags for the scenario beside `program`, if it has metadata with settings.
pub fn settings_flags(program: &Path) -> Result<Vec<String>, String> {
    let meta = program.with_extension("json");
    let Ok(text) = std::fs::read_to_string(&meta) else {
        return Ok(Vec::new());
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", meta.display()))?;
    let Some(settings) = value.get("settings").and_then(|s| s.as_str()) else {
        return Ok(Vec::new());
    };
    let mut flags = Vec::new();
    for entry in settings.split(';').filter(|e| !e.trim().is_empty()) {
        let (key, v) = entry
            .split_once('=')
            .ok_or_else(|| format!("{}: setting {entry:?} is not key=value", meta.display()))?;
        let seconds = |ns: &str| {
            ns.parse::<f64>()
                .map(|n| (n / 1e9).to_string())
                .map_err(|_| format!("{}: {key}={ns} is not a number", meta.display()))
        };
        let (flag, value) = match key.trim() {
            "switch" => ("--switch-interval", seconds(v)?),
            "gil" => ("--gil", if v == "false" { "off" } else { "on" }.to_string()),
            "cores" => ("--cores", v.to_string()),
            "preempt" => ("--preempt", v.to_string()),
            "seed" => ("--seed", v.to_string()),
            "steps" => ("--max-steps", v.to_string()),
            "time" => ("--max-time", seconds(v)?),
            other => return Err(format!("{}: unknown setting {other:?}", meta.display())),
        };
        flags.push(flag.to_string());
        flags.push(value);
    }
    Ok(flags)
}
