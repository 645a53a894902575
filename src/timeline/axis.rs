//! The time axis: tick positions at 1, 2 or 5 × 10^k virtual nanoseconds, labelled in
//! s, ms, µs or ns as the zoom level suits.

use super::geometry::Scale;
use crate::format::group_thousands;

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub t_ns: u64,
    pub x: f64,
    pub label: String,
}

/// The smallest step of the form 1, 2 or 5 × 10^k nanoseconds that is at least `raw_ns`
/// (at least 1 ns).
pub fn nice_step_ns(raw_ns: f64) -> u64 {
    let mut decade: u64 = 1;
    loop {
        for m in [1, 2, 5] {
            let step = m * decade;
            if step as f64 >= raw_ns {
                return step;
            }
        }
        match decade.checked_mul(10) {
            Some(next) if next <= u64::MAX / 5 => decade = next,
            _ => return 5 * decade,
        }
    }
}

/// Ticks for `scale`'s window, at least `min_spacing_px` apart.
pub fn axis_ticks(scale: &Scale, min_spacing_px: f64) -> Vec<Tick> {
    if scale.width <= 0.0 {
        return Vec::new();
    }
    let step = nice_step_ns(min_spacing_px / scale.px_per_ns());
    let mut t = scale.start_ns.div_ceil(step) * step;
    let mut ticks = Vec::new();
    while t <= scale.end_ns {
        ticks.push(Tick {
            t_ns: t,
            x: scale.x(t),
            label: format_time(t, step),
        });
        match t.checked_add(step) {
            Some(next) => t = next,
            None => break,
        }
    }
    ticks
}

/// `t_ns` in the unit that suits `step_ns` (s from 100 ms steps, ms from 100 µs, µs from
/// 100 ns, else ns), with as many decimals as the step needs, thousands separated:
/// `format_time(12_000_000_000, 2_000_000_000)` is `"12 s"`, `format_time(1_500_000,
/// 500_000)` is `"1.5 ms"`, `format_time(40_000, 20_000)` is `"40 µs"`.
pub fn format_time(t_ns: u64, step_ns: u64) -> String {
    let (unit_ns, unit): (u64, &str) = if step_ns >= 100_000_000 {
        (1_000_000_000, "s")
    } else if step_ns >= 100_000 {
        (1_000_000, "ms")
    } else if step_ns >= 100 {
        (1_000, "µs")
    } else {
        (1, "ns")
    };
    let unit_digits = unit_ns.ilog10();
    let step_digits = step_ns.max(1).ilog10().min(unit_digits);
    let decimals = (unit_digits - step_digits) as usize;
    let whole = group_thousands(t_ns / unit_ns);
    if decimals == 0 {
        format!("{whole} {unit}")
    } else {
        let frac = format!("{:0width$}", t_ns % unit_ns, width = unit_digits as usize);
        format!("{whole}.{} {unit}", &frac[..decimals])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_five_times_a_power_of_ten() {
        assert_eq!(nice_step_ns(0.0), 1);
        assert_eq!(nice_step_ns(1.0), 1);
        assert_eq!(nice_step_ns(1.1), 2);
        assert_eq!(nice_step_ns(3.0), 5);
        assert_eq!(nice_step_ns(7.0), 10);
        assert_eq!(nice_step_ns(120_000_000.0), 200_000_000);
        assert_eq!(nice_step_ns(2_000_000_000.0), 2_000_000_000);
        assert_eq!(nice_step_ns(f64::MAX), 5_000_000_000_000_000_000);
    }

    #[test]
    fn labels_use_readable_units_with_just_enough_decimals() {
        assert_eq!(format_time(0, 1_000_000_000), "0 s");
        assert_eq!(format_time(12_000_000_000, 2_000_000_000), "12 s");
        assert_eq!(format_time(1_234_567_000_000, 1_000_000), "1,234,567 ms");
        assert_eq!(format_time(1_500_000, 500_000), "1.5 ms");
        assert_eq!(format_time(40_000, 20_000), "40 µs");
        assert_eq!(format_time(3, 1), "3 ns");
        assert_eq!(format_time(100_000_000, 100_000_000), "0.1 s");
        assert_eq!(format_time(1_250_000, 50_000), "1,250 µs");
        assert_eq!(format_time(150, 50), "150 ns");
    }

    #[test]
    fn ten_seconds_over_800_pixels() {
        let scale = Scale::new(0, 10_000_000_000, 0.0, 800.0);
        let ticks = axis_ticks(&scale, 80.0);
        // 80 px is 1 s of virtual time: a 1,000 ms step.
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"0 s"));
        assert_eq!(labels.last(), Some(&"10 s"));
        assert_eq!(ticks.len(), 11);
        assert_eq!(ticks[1].x, 80.0);
    }

    #[test]
    fn ticks_start_at_the_first_multiple_in_the_window() {
        let scale = Scale::new(1_350_000, 2_000_000, 0.0, 650.0);
        let ticks = axis_ticks(&scale, 90.0);
        assert_eq!(ticks[0].t_ns, 1_400_000);
        assert_eq!(ticks[0].label, "1.4 ms");
        assert!(ticks.windows(2).all(|w| w[1].x - w[0].x >= 90.0));
        assert!(axis_ticks(&Scale::new(0, 10, 0.0, 0.0), 80.0).is_empty());
    }
}
