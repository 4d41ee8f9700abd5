//! Axes: where a value goes along a side of the plot, and which values get
//! a tick mark and a label.

/// How values map onto an axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Evenly spaced from `min` to `max`.
    Linear { min: f64, max: f64 },
    /// Each power of ten takes the same length; `min` > 0.
    Log10 { min: f64, max: f64 },
}

impl Scale {
    /// Where `value` falls, from 0.0 at `min` to 1.0 at `max` (not clamped).
    pub fn fraction(&self, value: f64) -> f64 {
        match *self {
            Scale::Linear { min, max } => (value - min) / (max - min),
            Scale::Log10 { min, max } => {
                (value.log10() - min.log10()) / (max.log10() - min.log10())
            }
        }
    }

    /// The values to mark: round steps of 1, 2 or 5 times a power of ten
    /// giving at most `most` marks on a linear axis; every power of ten on
    /// a log axis.
    pub fn ticks(&self, most: usize) -> Vec<f64> {
        match *self {
            Scale::Linear { min, max } => {
                let span = max - min;
                let mut step = 10f64.powf((span / most.max(1) as f64).log10().floor());
                for factor in [1.0, 2.0, 5.0, 10.0] {
                    if span / (step * factor) <= most as f64 {
                        step *= factor;
                        break;
                    }
                }
                let first = (min / step).ceil() as i64;
                let last = (max / step + 1e-9).floor() as i64;
                (first..=last).map(|i| i as f64 * step).collect()
            }
            Scale::Log10 { min, max } => {
                let first = min.log10().ceil() as i32;
                let last = (max.log10() + 1e-9).floor() as i32;
                (first..=last).map(|p| 10f64.powi(p)).collect()
            }
        }
    }
}

/// A tick label: an integer without decimals, otherwise as few decimals as
/// it needs (up to 4), else scientific (`1e-5`), so labels stay short and
/// the same on every run.
pub fn label(value: f64) -> String {
    if value.fract().abs() < 1e-9 && value.abs() < 1e15 {
        return format!("{}", value.round() as i64);
    }
    for decimals in 1..=4 {
        let text = format!("{value:.decimals$}");
        if (text.parse::<f64>().unwrap_or(f64::NAN) - value).abs() < 1e-9 * value.abs().max(1.0) {
            return text;
        }
    }
    format!("{value:e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Linear ticks are round and inside the range; log ticks are powers of ten.
    #[test]
    fn ticks() {
        let linear = Scale::Linear {
            min: 0.0,
            max: 20.0,
        };
        assert_eq!(linear.ticks(5), [0.0, 5.0, 10.0, 15.0, 20.0]);
        let odd = Scale::Linear {
            min: 3.0,
            max: 17.0,
        };
        assert_eq!(odd.ticks(8), [4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0]);
        let log = Scale::Log10 {
            min: 0.5,
            max: 2000.0,
        };
        assert_eq!(log.ticks(0), [1.0, 10.0, 100.0, 1000.0]);
        assert_eq!(log.fraction(0.5), 0.0);
        assert!((log.fraction(2000.0) - 1.0).abs() < 1e-12);
    }

    // Labels are short: integers bare, fractions with the decimals they need.
    #[test]
    fn labels() {
        assert_eq!(label(20.0), "20");
        assert_eq!(label(0.5), "0.5");
        assert_eq!(label(0.001), "0.001");
        assert_eq!(label(1e-5), "1e-5");
    }
}
