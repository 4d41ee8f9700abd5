//! A service's assumptions, and the peak load they put on a fleet.

/// Seconds in a day: the denominator of every "per day" to "per second".
pub const SECONDS_PER_DAY: u64 = 24 * 60 * 60;

// ANCHOR: workload
/// What we assume about a service. Units are in the names.
#[derive(Clone, Debug)]
pub struct Workload {
    pub name: &'static str,
    pub daily_active_users: u64,
    pub reads_per_user_per_day: u64,
    pub writes_per_user_per_day: u64,
    /// The busiest second as a multiple of the day's average (2 to 10 is common).
    pub peak_to_average: u64,
    /// What one read sends back to the client.
    pub bytes_per_read: u64,
    /// What one write adds to storage, per copy.
    pub bytes_per_write: u64,
    pub retention_days: u64,
    /// Copies of every byte stored, so that losing a disk loses nothing.
    pub replicas: u64,
}
// ANCHOR_END: workload

/// The load a workload puts on the fleet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Demand {
    pub requests_per_second_avg: u64,
    pub requests_per_second_peak: u64,
    /// Bytes sent to clients per second at peak: reads times their size.
    pub egress_bytes_per_second_peak: u64,
    /// Bytes on disk once the retention window is full, all copies counted.
    pub stored_bytes: u64,
}

/// Why an estimate could not be made.
#[derive(Debug, PartialEq, Eq)]
pub enum EstimateError {
    /// A product did not fit in 64 bits: the inputs are not plausible.
    Overflow(&'static str),
    /// An input that must be positive was zero.
    Zero(&'static str),
    /// A percentage outside 1..=100.
    Percent(u64),
}

impl std::fmt::Display for EstimateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EstimateError::Overflow(what) => write!(f, "{what} does not fit in 64 bits"),
            EstimateError::Zero(what) => write!(f, "{what} must be greater than zero"),
            EstimateError::Percent(p) => write!(f, "{p}% is not a utilization target in 1..=100"),
        }
    }
}

impl std::error::Error for EstimateError {}

/// `a * b`, or an error that names the figure being computed.
pub(crate) fn mul(a: u64, b: u64, what: &'static str) -> Result<u64, EstimateError> {
    a.checked_mul(b).ok_or(EstimateError::Overflow(what))
}

// ANCHOR: demand
impl Demand {
    pub fn of(w: &Workload) -> Result<Demand, EstimateError> {
        if w.peak_to_average == 0 {
            return Err(EstimateError::Zero("peak_to_average"));
        }
        if w.replicas == 0 {
            return Err(EstimateError::Zero("replicas"));
        }
        let reads_per_day = mul(
            w.daily_active_users,
            w.reads_per_user_per_day,
            "reads per day",
        )?;
        let writes_per_day = mul(
            w.daily_active_users,
            w.writes_per_user_per_day,
            "writes per day",
        )?;
        let requests_per_day = reads_per_day
            .checked_add(writes_per_day)
            .ok_or(EstimateError::Overflow("requests per day"))?;
        // Round up: a service that must take 2.3 requests a second needs room for 3.
        let requests_per_second_avg = requests_per_day.div_ceil(SECONDS_PER_DAY);
        let requests_per_second_peak =
            mul(requests_per_second_avg, w.peak_to_average, "peak requests")?;
        let reads_per_second_peak = mul(
            reads_per_day.div_ceil(SECONDS_PER_DAY),
            w.peak_to_average,
            "peak reads",
        )?;
        let egress_bytes_per_second_peak =
            mul(reads_per_second_peak, w.bytes_per_read, "peak egress")?;
        let bytes_per_day = mul(writes_per_day, w.bytes_per_write, "bytes written per day")?;
        let one_copy = mul(bytes_per_day, w.retention_days, "bytes retained")?;
        let stored_bytes = mul(one_copy, w.replicas, "bytes stored with replicas")?;
        Ok(Demand {
            requests_per_second_avg,
            requests_per_second_peak,
            egress_bytes_per_second_peak,
            stored_bytes,
        })
    }
}
// ANCHOR_END: demand

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::chat;

    // 4 billion requests a day is 46,296.3 a second, rounded up, then tripled for the peak.
    #[test]
    fn rates_round_up_before_the_peak_factor() {
        let d = Demand::of(&chat()).unwrap();
        assert_eq!(d.requests_per_second_avg, 46_297);
        assert_eq!(d.requests_per_second_peak, 138_891);
    }

    // Egress counts reads only, at peak, times the bytes each read returns.
    #[test]
    fn egress_is_peak_reads_times_size() {
        let d = Demand::of(&chat()).unwrap();
        // 2 billion reads a day: 23,148.1 a second, so 23,149, times 3, times 200 bytes.
        assert_eq!(d.egress_bytes_per_second_peak, 23_149 * 3 * 200);
    }

    // Storage is writes a day times size times days times copies, exactly.
    #[test]
    fn storage_counts_every_copy() {
        let d = Demand::of(&chat()).unwrap();
        assert_eq!(d.stored_bytes, 2_000_000_000 * 200 * 30 * 3);
    }

    // A read-only service stores nothing but still has requests and egress.
    #[test]
    fn no_writes_means_no_storage() {
        let mut w = chat();
        w.writes_per_user_per_day = 0;
        let d = Demand::of(&w).unwrap();
        assert_eq!(d.stored_bytes, 0);
        assert_eq!(d.requests_per_second_avg, 23_149);
    }

    // An absurd size is reported as an overflow naming the figure, not wrapped around.
    #[test]
    fn overflow_is_an_error_that_names_the_figure() {
        let mut w = chat();
        w.bytes_per_write = u64::MAX / 1_000;
        assert_eq!(
            Demand::of(&w),
            Err(EstimateError::Overflow("bytes written per day"))
        );
        let mut w = chat();
        w.reads_per_user_per_day = u64::MAX / 50_000_000;
        w.writes_per_user_per_day = u64::MAX / 50_000_000;
        assert_eq!(
            Demand::of(&w).unwrap_err().to_string(),
            "requests per day does not fit in 64 bits"
        );
    }

    // A zero peak factor or zero replicas would make a silent zero: they are refused.
    #[test]
    fn zero_factors_are_errors() {
        let mut w = chat();
        w.peak_to_average = 0;
        assert_eq!(Demand::of(&w), Err(EstimateError::Zero("peak_to_average")));
        let mut w = chat();
        w.replicas = 0;
        assert_eq!(Demand::of(&w), Err(EstimateError::Zero("replicas")));
    }
}
