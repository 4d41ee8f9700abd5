//! Pins the SLI arithmetic, the burn-rate formula, the windows and the
//! alerts' behaviour on the month.

use slo::alert::{self, Series, burns_faster_than};
use slo::log::{EVENTS, Event, Month, Request};
use slo::{Alert, Counts, Rule, Slo, burn_rate};

const SLO_999: Slo = Slo {
    target_ppm: 999_000,
    days: 30,
};

fn counts(good: u64, valid: u64) -> Counts {
    Counts { good, valid }
}

/// Minutes with `bad` failures out of `valid` requests each.
fn series(minutes: &[(u64, u64)]) -> Series {
    let m: Vec<Counts> = minutes
        .iter()
        .map(|&(bad, valid)| counts(valid - bad, valid))
        .collect();
    Series::new(&m)
}

// ANCHOR: formula_check
/// Cases any burn-rate formula must get right for a 99.9% SLO.
fn known_cases_hold(formula: impl Fn(Counts, Slo) -> f64) -> bool {
    let cases = [
        // The allowed rate, 1 in 1,000, spends the budget at exactly 1x.
        (counts(999, 1_000), 1.0),
        // 1.44% errors: the workbook's fast-burn threshold.
        (counts(9_856, 10_000), 14.4),
        // Everything fails: 1,000 times the allowed rate.
        (counts(0, 500), 1_000.0),
        (counts(500, 500), 0.0),
    ];
    cases
        .iter()
        .all(|&(c, want)| (formula(c, SLO_999) - want).abs() < 1e-9)
}

// The listing's formula meets every known case.
#[test]
fn burn_rate_meets_the_known_cases() {
    assert!(known_cases_hold(burn_rate));
}

// Plausible wrong formulas are caught by the same cases, so the check
// above can fail.
#[test]
fn wrong_burn_rate_formulas_fail_the_known_cases() {
    let budget = |s: Slo| s.budget_ppm() as f64 / 1e6;
    let target = |s: Slo| s.target_ppm as f64 / 1e6;
    // Divided by the target instead of the budget.
    assert!(!known_cases_hold(|c, s| c.bad() as f64
        / c.valid as f64
        / target(s)));
    // Errors over good requests instead of valid ones.
    assert!(!known_cases_hold(|c, s| c.bad() as f64
        / c.good as f64
        / budget(s)));
    // The error rate alone, not compared with the budget.
    assert!(!known_cases_hold(|c, _| c.bad() as f64 / c.valid as f64));
    // The budget over the error rate, upside down.
    assert!(!known_cases_hold(
        |c, s| budget(s) / (c.bad() as f64 / c.valid as f64)
    ));
}
// ANCHOR_END: formula_check

// The integer comparison agrees with the float formula and is strict:
// exactly 14.4x does not fire, one more failure does.
#[test]
fn threshold_is_strictly_above_and_exact() {
    assert!(!burns_faster_than(counts(98_560, 100_000), SLO_999, 144));
    assert!(burns_faster_than(counts(98_559, 100_000), SLO_999, 144));
    assert!(!burns_faster_than(Counts::default(), SLO_999, 10));
}

// A window of n minutes holds exactly the last n, and fewer at the start.
#[test]
fn window_holds_exactly_the_last_n_minutes() {
    let s = series(&[(1, 10), (2, 10), (4, 10), (8, 10)]);
    assert_eq!(s.window(3, 2).bad(), 12);
    assert_eq!(s.window(3, 4).bad(), 15);
    assert_eq!(s.window(1, 5).bad(), 3);
    assert_eq!(s.window(0, 1).valid, 10);
}

// The SLI counts health checks apart and treats 4xx as good.
#[test]
fn health_checks_are_not_valid_and_4xx_is_good() {
    let mut month = Month::generate(1, &[]);
    let before = month.availability[0];
    let request = |status, health_check| Request {
        minute: 0,
        health_check,
        status,
        latency_ms: 10,
    };
    month.record(&request(503, true));
    month.record(&request(404, false));
    month.record(&request(503, false));
    let after = month.availability[0];
    assert_eq!(after.valid - before.valid, 2);
    assert_eq!(after.good - before.good, 1);
}

// The budget is the allowed share of valid events, and the SLO is met
// at exactly the target.
#[test]
fn budget_and_target_are_exact() {
    assert_eq!(SLO_999.budget_events(4_318_387), 4_318);
    assert!(SLO_999.met(counts(999, 1_000)));
    assert!(!SLO_999.met(counts(998, 1_000)));
}

// Pages are the minutes an alert starts firing, not every minute it fires.
#[test]
fn pages_are_rising_edges() {
    assert_eq!(
        alert::pages(&[true, true, false, true, false, false, true]),
        vec![0, 3, 6]
    );
}

const INCIDENT: Event = Event {
    name: "incident",
    start: 200,
    minutes: 30,
    error_rate: 0.2,
    latency_mean_ms: 40.0,
};

fn workbook() -> Alert {
    Alert {
        rules: &[
            Rule::BurnRate {
                windows_min: &[60, 5],
                threshold_tenths: 144,
            },
            Rule::BurnRate {
                windows_min: &[360, 30],
                threshold_tenths: 60,
            },
        ],
    }
}

// On a clean day with one 20% incident, the workbook alert pages once, in
// the 5th minute (14.4 x 0.1% / 20% x 60 min = 4.3 min), and stops within
// its 30-minute short window after the end.
#[test]
fn workbook_alert_pages_on_time_and_resets() {
    let minutes: Vec<(u64, u64)> = (0..1_000)
        .map(|m| {
            if (INCIDENT.start..INCIDENT.end()).contains(&m) {
                (20, 100)
            } else {
                (0, 100)
            }
        })
        .collect();
    let firing = workbook().firing(&series(&minutes), SLO_999);
    assert_eq!(alert::pages(&firing).len(), 1);
    let v = alert::verdict(&firing, &INCIDENT);
    assert_eq!(v.paged_after_min, Some(5));
    assert!(v.firing_after_end_min < 30);
}

// A two-minute blip that costs little budget pages the static threshold,
// but not the workbook alert: its long windows stay low.
#[test]
fn a_blip_pages_the_static_threshold_only() {
    let mut minutes = vec![(0u64, 100u64); 500];
    minutes[400] = (6, 100);
    minutes[401] = (6, 100);
    let s = series(&minutes);
    let fixed = Alert {
        rules: &[Rule::ErrorRate {
            window_min: 5,
            max_error_ppm: 10_000,
        }],
    };
    assert_eq!(alert::pages(&fixed.firing(&s, SLO_999)).len(), 1);
    assert!(alert::pages(&workbook().firing(&s, SLO_999)).is_empty());
}

// The month the chapter prints: the same seed gives the same log.
#[test]
fn the_month_is_deterministic() {
    let a = Month::generate(2026, &EVENTS);
    let b = Month::generate(2026, &EVENTS);
    assert_eq!(a.availability, b.availability);
    assert_eq!(a.requests, b.requests);
}

/// Runs `alert` over the chapter's month and returns, as the `alerts` table
/// prints them: incident paged at, minutes paging after its end, slow burn
/// paged at, and pages in total, for the incident, the slow burn and blips.
fn row(alert: Alert) -> (Option<usize>, usize, Option<usize>, [usize; 4]) {
    let month = Month::generate(2026, &EVENTS);
    let firing = alert.firing(&Series::new(&month.availability), SLO_999);
    let pages = alert::pages(&firing);
    let by = |name: &str| {
        pages
            .iter()
            .filter(|&&m| alert::cause(&EVENTS, m).is_some_and(|e| e.name == name))
            .count()
    };
    let event = |name: &str| *EVENTS.iter().find(|e| e.name == name).unwrap();
    let incident = alert::verdict(&firing, &event("incident"));
    let slow = alert::verdict(&firing, &event("slow burn"));
    (
        incident.paged_after_min,
        incident.firing_after_end_min,
        slow.paged_after_min,
        [
            pages.len(),
            by("incident"),
            by("slow burn"),
            by("deploy blip"),
        ],
    )
}

// The page's editable excerpt: the slow rule's short window cut from 30
// minutes to 5. The alert stops 4 minutes after the incident instead of
// 29, and the slow burn pages 15 times instead of twice.
#[test]
fn a_five_minute_slow_window_stops_sooner_and_flaps() {
    let edited = Alert {
        rules: &[
            Rule::BurnRate {
                windows_min: &[60, 5],
                threshold_tenths: 144,
            },
            Rule::BurnRate {
                windows_min: &[360, 5],
                threshold_tenths: 60,
            },
        ],
    };
    assert_eq!(row(workbook()), (Some(5), 29, Some(186), [3, 1, 2, 0]));
    assert_eq!(row(edited), (Some(5), 4, Some(186), [16, 1, 15, 0]));
}
