// --- solution ---
//! Reference solution: a multiwindow burn-rate rule, the paging condition
//! of the SRE workbook's "Alerting on SLOs" chapter.
// --- stub ---
// //! Your turn: the rule that pages when an SLO's error budget burns too fast.
// //!
// //! A burn-rate rule looks at two windows that end at the same minute, a
// //! long one (1 h) and a short one (5 min), and fires only when the burn
// //! rate over *both* is above its threshold. The burn rate of a window is
// //! its error rate divided by the error rate the SLO allows.
// //!
// //! Layout: [`Minute`] is one minute's counts; [`BurnRateRule`] holds the
// //! windows, the threshold and the SLO's budget, and its methods are yours
// //! to write. The tests are in `tests/burn-rate-alert.rs`.
// //!
// //! Run `cargo test -p burn-rate-alert` until every test passes.
// --- end ---

/// One minute of a service's requests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Minute {
    /// Requests that count for the SLI (health checks left out).
    pub valid: u64,
    /// Those of them that failed it.
    pub bad: u64,
}

/// Pages when the burn rate over the last `long_min` minutes and over the
/// last `short_min` minutes are both above `threshold_tenths / 10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BurnRateRule {
    pub long_min: usize,
    pub short_min: usize,
    /// 144 for a burn rate of 14.4.
    pub threshold_tenths: u64,
    /// The share of valid requests the SLO allows to fail, in parts per
    /// million: 1,000 for 99.9%.
    pub budget_ppm: u64,
}

impl BurnRateRule {
    /// The workbook's fast-burn page for a 99.9% SLO: 14.4 over 1 h and 5 min.
    pub const FAST_PAGE: BurnRateRule = BurnRateRule {
        long_min: 60,
        short_min: 5,
        threshold_tenths: 144,
        budget_ppm: 1_000,
    };

    /// The sum of the `len` minutes that end with `minutes[now]`, that one
    /// included; fewer when the log starts less than `len` minutes back.
    pub fn window(minutes: &[Minute], now: usize, len: usize) -> Minute {
        // --- solution ---
        let start = (now + 1).saturating_sub(len);
        let mut sum = Minute::default();
        for m in &minutes[start..=now] {
            sum.valid += m.valid;
            sum.bad += m.bad;
        }
        sum
        // --- stub ---
        // let _ = (minutes, now, len);
        // todo!("add up the minutes of the window")
        // --- end ---
    }

    /// Is the burn rate of `window` strictly above the threshold? A window
    /// with no valid requests burns nothing.
    pub fn burns_too_fast(&self, window: Minute) -> bool {
        // --- solution ---
        // bad / valid / (budget_ppm / 10^6) > threshold_tenths / 10, with
        // both sides multiplied out so nothing is divided or rounded.
        window.valid > 0
            && window.bad * 10_000_000 > self.threshold_tenths * self.budget_ppm * window.valid
        // --- stub ---
        // let _ = window;
        // todo!("compare the window's burn rate with the threshold")
        // --- end ---
    }

    /// Does the rule fire at the end of minute `now`?
    pub fn fires(&self, minutes: &[Minute], now: usize) -> bool {
        // --- solution ---
        self.burns_too_fast(Self::window(minutes, now, self.long_min))
            && self.burns_too_fast(Self::window(minutes, now, self.short_min))
        // --- stub ---
        // let _ = (minutes, now);
        // todo!("check the long and the short window")
        // --- end ---
    }

    /// The first minute at whose end the rule fires, if any.
    pub fn first_page(&self, minutes: &[Minute]) -> Option<usize> {
        // --- solution ---
        (0..minutes.len()).find(|&now| self.fires(minutes, now))
        // --- stub ---
        // let _ = minutes;
        // todo!("find the first minute the rule fires")
        // --- end ---
    }
}
