//! Back-of-the-envelope estimates as code.
//!
//! Layout: [`Assumptions`] holds what the interviewer told you (or what you
//! stated aloud); [`Estimate::from`] turns them into the figures a design
//! needs; `main.rs` prints them for one example service.
//!
//! Every figure is computed with checked integer arithmetic: an estimate that
//! overflows is a wrong estimate, and it should say so instead of wrapping.

/// Seconds in a day: the denominator of every "per day" to "per second".
pub const SECONDS_PER_DAY: u64 = 24 * 60 * 60;

// ANCHOR: assumptions
/// What we assume about the service. Units are in the names.
#[derive(Clone, Debug)]
pub struct Assumptions {
    pub daily_active_users: u64,
    pub writes_per_user_per_day: u64,
    pub reads_per_write: u64,
    /// Peak traffic as a multiple of the daily average (2 to 10 is common).
    pub peak_to_average: u64,
    pub bytes_per_write: u64,
    pub retention_days: u64,
}
// ANCHOR_END: assumptions

/// The figures a design is sized from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub writes_per_second_avg: u64,
    pub reads_per_second_avg: u64,
    pub reads_per_second_peak: u64,
    pub storage_bytes_total: u64,
    pub read_bandwidth_bytes_per_second_peak: u64,
}

/// Why an estimate could not be made.
#[derive(Debug, PartialEq, Eq)]
pub enum EstimateError {
    /// A product did not fit in 64 bits: the inputs are not plausible.
    Overflow(&'static str),
    /// An input that must be positive was zero.
    Zero(&'static str),
}

impl std::fmt::Display for EstimateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EstimateError::Overflow(what) => write!(f, "{what} does not fit in 64 bits"),
            EstimateError::Zero(what) => write!(f, "{what} must be greater than zero"),
        }
    }
}

impl std::error::Error for EstimateError {}

fn mul(a: u64, b: u64, what: &'static str) -> Result<u64, EstimateError> {
    a.checked_mul(b).ok_or(EstimateError::Overflow(what))
}

// ANCHOR: estimate
impl Estimate {
    pub fn from(a: &Assumptions) -> Result<Estimate, EstimateError> {
        if a.daily_active_users == 0 {
            return Err(EstimateError::Zero("daily_active_users"));
        }
        if a.peak_to_average == 0 {
            return Err(EstimateError::Zero("peak_to_average"));
        }
        let writes_per_day = mul(
            a.daily_active_users,
            a.writes_per_user_per_day,
            "writes per day",
        )?;
        let reads_per_day = mul(writes_per_day, a.reads_per_write, "reads per day")?;
        // Round up: a service sized for 2.3 requests a second needs room for 3.
        let writes_per_second_avg = writes_per_day.div_ceil(SECONDS_PER_DAY);
        let reads_per_second_avg = reads_per_day.div_ceil(SECONDS_PER_DAY);
        let reads_per_second_peak = mul(reads_per_second_avg, a.peak_to_average, "peak reads")?;
        let bytes_per_day = mul(writes_per_day, a.bytes_per_write, "bytes per day")?;
        let storage_bytes_total = mul(bytes_per_day, a.retention_days, "storage")?;
        let read_bandwidth_bytes_per_second_peak = mul(
            reads_per_second_peak,
            a.bytes_per_write,
            "peak read bandwidth",
        )?;
        Ok(Estimate {
            writes_per_second_avg,
            reads_per_second_avg,
            reads_per_second_peak,
            storage_bytes_total,
            read_bandwidth_bytes_per_second_peak,
        })
    }
}
// ANCHOR_END: estimate

/// Names a retention period in whole years where it is one, else in days.
pub fn retention_label(days: u64) -> String {
    match days {
        365 => "1 year".to_string(),
        d if d > 0 && d % 365 == 0 => format!("{} years", d / 365),
        1 => "1 day".to_string(),
        d => format!("{d} days"),
    }
}

/// Formats a byte count with a binary unit, rounded to one decimal.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo_service() -> Assumptions {
        Assumptions {
            daily_active_users: 10_000_000,
            writes_per_user_per_day: 2,
            reads_per_write: 50,
            peak_to_average: 3,
            bytes_per_write: 500_000,
            retention_days: 365 * 5,
        }
    }

    // 20 million writes a day is 231.48 a second, rounded up to 232.
    #[test]
    fn per_second_rates_round_up() {
        let e = Estimate::from(&photo_service()).unwrap();
        assert_eq!(e.writes_per_second_avg, 232);
        assert_eq!(e.reads_per_second_avg, 11_575);
        assert_eq!(e.reads_per_second_peak, 34_725);
    }

    // Storage is writes a day times size times retention, exactly.
    #[test]
    fn storage_is_exact() {
        let e = Estimate::from(&photo_service()).unwrap();
        assert_eq!(e.storage_bytes_total, 20_000_000 * 500_000 * 1825);
    }

    // Absurd inputs are reported as an overflow naming the figure, not wrapped around.
    #[test]
    fn overflow_is_an_error() {
        let mut a = photo_service();
        a.bytes_per_write = u64::MAX / 2;
        assert_eq!(
            Estimate::from(&a),
            Err(EstimateError::Overflow("bytes per day"))
        );
    }

    // Zero users or a zero peak factor are rejected with the field's name.
    #[test]
    fn zero_inputs_are_errors() {
        let mut a = photo_service();
        a.daily_active_users = 0;
        assert_eq!(
            Estimate::from(&a),
            Err(EstimateError::Zero("daily_active_users"))
        );
        let mut a = photo_service();
        a.peak_to_average = 0;
        assert_eq!(
            Estimate::from(&a).unwrap_err().to_string(),
            "peak_to_average must be greater than zero"
        );
    }

    // Retention reads in years when it is a whole number of them.
    #[test]
    fn retention_labels() {
        assert_eq!(retention_label(365 * 5), "5 years");
        assert_eq!(retention_label(365), "1 year");
        assert_eq!(retention_label(90), "90 days");
        assert_eq!(retention_label(1), "1 day");
        assert_eq!(retention_label(0), "0 days");
    }

    // Units switch at 1024 and keep one decimal.
    #[test]
    fn human_bytes_units() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1024), "1.0 KiB");
        assert_eq!(human_bytes(1536 * 1024 * 1024), "1.5 GiB");
    }
}
