//! The time axis: tick positions at 1, 2 or 5 × 10^k virtual nanoseconds, labelled in
//! milliseconds.

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
            label: format_ms(t, step),
        });
        match t.checked_add(step) {
            Some(next) => t = next,
            None => break,
        }
    }
    ticks
}

/// `t_ns` in milliseconds with as many decimals as `step_ns` needs, thousands separated:
/// `format_ms(12_000_000_000, 2_000_000_000)` is `"12,000 ms"`, `format_ms(1_500_000,
/// 500_000)` is `"1.5 ms"`.
pub fn format_ms(t_ns: u64, step_ns: u64) -> String {
    let decimals = if step_ns >= 1_000_000 {
        0
    } else {
        6 - step_ns.max(1).ilog10() as usize
    };
    let whole = group_thousands(t_ns / 1_000_000);
    if decimals == 0 {
        format!("{whole} ms")
    } else {
        let frac = format!("{:06}", t_ns % 1_000_000);
        format!("{whole}.{} ms", &frac[..decimals])
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
    fn labels_are_milliseconds_with_just_enough_decimals() {
        assert_eq!(format_ms(0, 1_000_000_000), "0 ms");
        assert_eq!(format_ms(12_000_000_000, 2_000_000_000), "12,000 ms");
        assert_eq!(format_ms(1_234_567_000_000, 1_000_000), "1,234,567 ms");
        assert_eq!(format_ms(1_500_000, 500_000), "1.5 ms");
        assert_eq!(format_ms(40_000, 20_000), "0.04 ms");
        assert_eq!(format_ms(3, 1), "0.000003 ms");
        assert_eq!(format_ms(100_000_000, 100_000_000), "100 ms");
    }

    #[test]
    fn ten_seconds_over_800_pixels() {
        let scale = Scale::new(0, 10_000_000_000, 0.0, 800.0);
        let ticks = axis_ticks(&scale, 80.0);
        // 80 px is 1 s of virtual time: a 1,000 ms step.
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"0 ms"));
        assert_eq!(labels.last(), Some(&"10,000 ms"));
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
