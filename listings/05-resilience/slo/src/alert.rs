//! Burn rates and the alerts built on them, evaluated once a minute.

use std::fmt;

use crate::log::{Event, MINUTES_PER_DAY};
use crate::sli::{Counts, Slo};

// ANCHOR: burn_rate
/// How fast a window spends the error budget: its error rate divided by
/// the rate the SLO allows. At 1 the budget lasts exactly the SLO's
/// window; at 14.4 a 30-day budget is gone in 50 hours.
pub fn burn_rate(window: Counts, slo: Slo) -> f64 {
    if window.valid == 0 {
        return 0.0;
    }
    let error_rate = window.bad() as f64 / window.valid as f64;
    error_rate / (slo.budget_ppm() as f64 / 1_000_000.0)
}

/// `burn_rate(window, slo) > threshold_tenths / 10`, in integers:
/// bad / valid / (budget_ppm / 10^6) > threshold_tenths / 10.
pub fn burns_faster_than(window: Counts, slo: Slo, threshold_tenths: u64) -> bool {
    window.valid > 0
        && window.bad() * 10_000_000 > threshold_tenths * slo.budget_ppm() * window.valid
}
// ANCHOR_END: burn_rate

/// The counts of a month, summed so that any window costs O(1).
pub struct Series {
    /// `prefix[i]` is the sum of the first `i` minutes.
    prefix: Vec<Counts>,
}

impl Series {
    pub fn new(minutes: &[Counts]) -> Series {
        let mut prefix = Vec::with_capacity(minutes.len() + 1);
        let mut sum = Counts::default();
        prefix.push(sum);
        for &m in minutes {
            sum += m;
            prefix.push(sum);
        }
        Series { prefix }
    }

    pub fn minutes(&self) -> usize {
        self.prefix.len() - 1
    }

    // ANCHOR: window
    /// The last `len` minutes up to and including minute `now`, or fewer at
    /// the start of the log.
    pub fn window(&self, now: usize, len: usize) -> Counts {
        let end = now + 1;
        let start = end.saturating_sub(len);
        let (to, from) = (self.prefix[end], self.prefix[start]);
        Counts {
            good: to.good - from.good,
            valid: to.valid - from.valid,
        }
    }
    // ANCHOR_END: window
}

// ANCHOR: rule
/// One alerting condition, checked at the end of every minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// More than `max_error_ppm` of the last `window_min` minutes' requests
    /// failed: the static threshold most dashboards start with.
    ErrorRate {
        window_min: usize,
        max_error_ppm: u64,
    },
    /// The burn rate is above `threshold_tenths / 10` over *every* window
    /// in `windows_min`: one window, or a long and a short one.
    BurnRate {
        windows_min: &'static [usize],
        threshold_tenths: u64,
    },
}

impl Rule {
    pub fn holds(&self, series: &Series, slo: Slo, now: usize) -> bool {
        match *self {
            Rule::ErrorRate {
                window_min,
                max_error_ppm,
            } => {
                let w = series.window(now, window_min);
                w.bad() * 1_000_000 > max_error_ppm * w.valid
            }
            Rule::BurnRate {
                windows_min,
                threshold_tenths,
            } => windows_min
                .iter()
                .all(|&len| burns_faster_than(series.window(now, len), slo, threshold_tenths)),
        }
    }
}

/// An alert pages while any of its rules holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alert {
    pub rules: &'static [Rule],
}
// ANCHOR_END: rule

/// "5 min", or "6 h" for whole hours.
fn span(minutes: usize) -> String {
    match minutes % 60 {
        0 => format!("{} h", minutes / 60),
        _ => format!("{minutes} min"),
    }
}

impl fmt::Display for Rule {
    /// `error rate > 1% (5 min)` or `burn > 14.4 (1 h, 5 min)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, windows) = match *self {
            Rule::ErrorRate {
                window_min,
                max_error_ppm,
            } => (
                format!("error rate > {}%", max_error_ppm as f64 / 10_000.0),
                vec![window_min],
            ),
            Rule::BurnRate {
                windows_min,
                threshold_tenths,
            } => (
                format!("burn > {}", threshold_tenths as f64 / 10.0),
                windows_min.to_vec(),
            ),
        };
        let spans: Vec<String> = windows.into_iter().map(span).collect();
        write!(f, "{what} ({})", spans.join(", "))
    }
}

impl fmt::Display for Alert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rules: Vec<String> = self.rules.iter().map(Rule::to_string).collect();
        write!(f, "{}", rules.join(" or "))
    }
}

impl Alert {
    /// For every minute of the series: is the alert firing at its end?
    pub fn firing(&self, series: &Series, slo: Slo) -> Vec<bool> {
        (0..series.minutes())
            .map(|now| self.rules.iter().any(|r| r.holds(series, slo, now)))
            .collect()
    }
}

/// The minutes at which a page goes out: firing now, not the minute before.
pub fn pages(firing: &[bool]) -> Vec<usize> {
    (0..firing.len())
        .filter(|&m| firing[m] && (m == 0 || !firing[m - 1]))
        .collect()
}

/// How an alert did on one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Minutes from the event's start to the first check that fired, or
    /// `None` if none fired during the event.
    pub paged_after_min: Option<usize>,
    /// Minutes of the day after the event ended during which it fired.
    pub firing_after_end_min: usize,
}

pub fn verdict(firing: &[bool], event: &Event) -> Verdict {
    let during = event.start..event.end().min(firing.len());
    let paged_after_min = during
        .into_iter()
        .find(|&m| firing[m])
        .map(|m| m + 1 - event.start);
    let after = event.end()..(event.end() + MINUTES_PER_DAY).min(firing.len());
    let firing_after_end_min = after.filter(|&m| firing[m]).count();
    Verdict {
        paged_after_min,
        firing_after_end_min,
    }
}

/// The event a page at `minute` is about: the one it fell in, or the one
/// that ended within the hour before it.
pub fn cause(events: &[Event], minute: usize) -> Option<&Event> {
    events
        .iter()
        .find(|e| e.start <= minute && minute < e.end() + 60)
}
