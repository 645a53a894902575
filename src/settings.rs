//! The run settings the page offers (switch interval, GIL on/off, cores, preemption
//! granularity, seed, budgets), their defaults (the engine's), the switch-interval dial's log
//! scale, and a compact text form for local storage (`key=value;…`, unknown or bad entries
//! ignored, so stored settings from another version never break the page).

use crate::protocol::RunRequest;
use interleave_engine::{Preempt, RunOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preemption {
    /// CPython 3.10+: the eval breaker (function entry, backward jumps, after calls).
    EvalBreaker,
    /// Between any two instructions (older interpreters; races show).
    AnyInstruction,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub switch_interval_ns: u64,
    pub gil: bool,
    pub cores: u32,
    pub preemption: Preemption,
    pub seed: u64,
    pub max_steps: u64,
    pub max_time_ns: u64,
}

/// The dial's range: 0.1 ms to 100 ms.
pub const MIN_SWITCH_NS: u64 = 100_000;
pub const MAX_SWITCH_NS: u64 = 100_000_000;
/// The dial's positions (0 ..= DIAL_STEPS).
pub const DIAL_STEPS: u32 = 300;

impl Default for Settings {
    fn default() -> Self {
        let engine = RunOptions::default();
        Settings {
            switch_interval_ns: engine.switch_interval_ns,
            gil: engine.gil,
            cores: engine.cores,
            preemption: Preemption::EvalBreaker,
            seed: engine.seed,
            max_steps: engine.max_steps,
            max_time_ns: engine.max_time_ns,
        }
    }
}

/// The dial position for a switch interval (log scale, 100 positions per decade).
pub fn dial_position(switch_ns: u64) -> u32 {
    let ns = switch_ns.clamp(MIN_SWITCH_NS, MAX_SWITCH_NS) as f64;
    ((ns / MIN_SWITCH_NS as f64).log10() * 100.0).round() as u32
}

/// The switch interval at a dial position, rounded to a readable value (2 significant
/// digits).
pub fn dial_value(position: u32) -> u64 {
    let ns = MIN_SWITCH_NS as f64 * 10f64.powf(position.min(DIAL_STEPS) as f64 / 100.0);
    let magnitude = 10f64.powi(ns.log10().floor() as i32 - 1);
    ((ns / magnitude).round() * magnitude) as u64
}

impl Settings {
    /// Fills a run request's options.
    pub fn apply(&self, request: &mut RunRequest) {
        request.switch_interval_ns = self.switch_interval_ns;
        request.seed = self.seed;
        request.max_steps = self.max_steps;
        request.max_time_ns = self.max_time_ns;
        request.gil = self.gil;
        request.cores = self.cores;
        request.preempt = match self.preemption {
            Preemption::EvalBreaker => Preempt::EvalBreaker,
            Preemption::AnyInstruction => Preempt::AnyInstruction,
        };
    }

    pub fn to_text(&self) -> String {
        format!(
            "switch={};gil={};cores={};preempt={};seed={};steps={};time={}",
            self.switch_interval_ns,
            self.gil,
            self.cores,
            match self.preemption {
                Preemption::EvalBreaker => "eval-breaker",
                Preemption::AnyInstruction => "any-instruction",
            },
            self.seed,
            self.max_steps,
            self.max_time_ns
        )
    }

    /// Reads [`Settings::to_text`]; anything missing, unknown or out of range keeps its
    /// default.
    pub fn from_text(text: &str) -> Settings {
        let mut s = Settings::default();
        for entry in text.split(';') {
            let Some((key, value)) = entry.split_once('=') else {
                continue;
            };
            match key.trim() {
                "switch" => {
                    if let Ok(v) = value.parse::<u64>() {
                        s.switch_interval_ns = v.clamp(MIN_SWITCH_NS, MAX_SWITCH_NS);
                    }
                }
                "gil" => s.gil = value != "false",
                "cores" => {
                    if let Ok(v) = value.parse::<u32>() {
                        s.cores = v.clamp(1, 64);
                    }
                }
                "preempt" => {
                    s.preemption = if value == "any-instruction" {
                        Preemption::AnyInstruction
                    } else {
                        Preemption::EvalBreaker
                    }
                }
                "seed" => s.seed = value.parse().unwrap_or(s.seed),
                "steps" => {
                    if let Ok(v) = value.parse::<u64>() {
                        s.max_steps = v.max(1_000);
                    }
                }
                "time" => {
                    if let Ok(v) = value.parse::<u64>() {
                        s.max_time_ns = v.max(1_000_000);
                    }
                }
                _ => {}
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_engines() {
        let s = Settings::default();
        assert_eq!(s.switch_interval_ns, 5_000_000);
        assert!(s.gil);
        let mut request = RunRequest::new("x = 1\n", "main.py");
        s.apply(&mut request);
        assert_eq!(request, RunRequest::new("x = 1\n", "main.py"));
    }

    #[test]
    fn text_round_trips_and_bad_text_keeps_defaults() {
        let s = Settings {
            switch_interval_ns: 200_000,
            gil: false,
            cores: 2,
            preemption: Preemption::AnyInstruction,
            seed: 42,
            max_steps: 5_000_000,
            max_time_ns: 10_000_000_000,
        };
        assert_eq!(Settings::from_text(&s.to_text()), s);
        assert_eq!(
            Settings::from_text("garbage;;switch=abc;cores=-1"),
            Settings::default()
        );
        assert_eq!(
            Settings::from_text("switch=1").switch_interval_ns,
            MIN_SWITCH_NS
        );
    }

    #[test]
    fn dial_is_logarithmic_from_a_tenth_to_a_hundred_milliseconds() {
        assert_eq!(dial_position(MIN_SWITCH_NS), 0);
        assert_eq!(dial_position(MAX_SWITCH_NS), DIAL_STEPS);
        assert_eq!(dial_value(0), 100_000);
        assert_eq!(dial_value(DIAL_STEPS), 100_000_000);
        assert_eq!(dial_value(dial_position(5_000_000)), 5_000_000);
        assert_eq!(dial_value(dial_position(1_000_000)), 1_000_000);
    }
}
