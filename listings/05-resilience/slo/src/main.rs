//! `cargo run -p slo` computes the month's SLIs and what its incidents cost
//! the error budget; `cargo run -p slo -- alerts` runs four alerts over the
//! same month and prints when each paged.

use slo::alert::{self, Series};
use slo::log::{self, EVENTS, FAST_MS, Month, SEED};
use slo::sli::total;
use slo::{Alert, Counts, Rule, Slo};

// ANCHOR: slos
/// 99.9% of valid requests answered without a 5xx, and 99% in under
/// 300 ms, each over 30 days.
pub const AVAILABILITY: Slo = Slo {
    target_ppm: 999_000,
    days: 30,
};
pub const LATENCY: Slo = Slo {
    target_ppm: 990_000,
    days: 30,
};
// ANCHOR_END: slos

// ANCHOR: alerts
pub const ALERTS: [Alert; 4] = [
    Alert {
        rules: &[Rule::ErrorRate {
            window_min: 5,
            max_error_ppm: 10_000,
        }],
    },
    Alert {
        rules: &[Rule::BurnRate {
            windows_min: &[60],
            threshold_tenths: 144,
        }],
    },
    Alert {
        rules: &[Rule::BurnRate {
            windows_min: &[360],
            threshold_tenths: 60,
        }],
    },
    // The SRE workbook's two paging rules for a 99.9% SLO: each needs its
    // long and its short window above the threshold; either one pages.
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
    },
];
// ANCHOR_END: alerts

fn main() {
    let month = Month::generate(SEED, &EVENTS);
    match std::env::args().nth(1).as_deref() {
        None => budget(&month),
        Some("alerts") => alerts(&month),
        Some(other) => {
            eprintln!("unknown argument {other:?}; try no argument or `alerts`");
            std::process::exit(2);
        }
    }
}

/// 1234567 as "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn sli_line(name: &str, c: Counts) -> String {
    format!(
        "{name}: {} good of {} valid = {:.3}%",
        thousands(c.good),
        thousands(c.valid),
        c.percent()
    )
}

fn budget(month: &Month) {
    let availability = total(&month.availability);
    let latency = total(&month.latency);
    println!(
        "a month of checkout requests (seed {SEED}): {} requests, {} of them health checks",
        thousands(month.requests),
        thousands(month.health_checks)
    );
    println!("{}", sli_line("availability (no 5xx)", availability));
    println!(
        "{}",
        sli_line(&format!("latency (under {FAST_MS} ms)"), latency)
    );
    let with_probes = Counts {
        good: availability.good + month.health_checks_good,
        valid: availability.valid + month.health_checks,
    };
    println!(
        "{}",
        sli_line("availability, health checks counted", with_probes)
    );
    println!();

    for (name, slo, counts, minutes) in [
        (
            "availability",
            AVAILABILITY,
            availability,
            &month.availability,
        ),
        ("latency", LATENCY, latency, &month.latency),
    ] {
        let budget = slo.budget_events(counts.valid);
        let per_minute = counts.valid as f64 / log::MINUTES as f64;
        println!(
            "{name} SLO {:.1}% over {} days: budget {} bad of {} valid, {:.1} min of total failure at {:.0} requests/min",
            slo.target_ppm as f64 / 10_000.0,
            slo.days,
            thousands(budget),
            thousands(counts.valid),
            budget as f64 / per_minute,
            per_minute,
        );
        let mut in_events = 0;
        for event in EVENTS.iter().filter(|e| e.name != "deploy blip") {
            let spent = total(&minutes[event.start..event.end()]).bad();
            in_events += spent;
            spend_line(&event_label(event), spent, budget);
        }
        let blips: Vec<_> = EVENTS.iter().filter(|e| e.name == "deploy blip").collect();
        let spent: u64 = blips
            .iter()
            .map(|e| total(&minutes[e.start..e.end()]).bad())
            .sum();
        in_events += spent;
        spend_line(&format!("{} deploy blips", blips.len()), spent, budget);
        spend_line("every other minute", counts.bad() - in_events, budget);
        let incident = EVENTS.iter().find(|e| e.name == "incident").unwrap();
        let by_then = total(&minutes[..incident.end()]).bad();
        println!(
            "  left when the incident ended ({}): {} bad requests ({:.1}% of the budget)",
            log::clock(incident.end()),
            budget as i64 - by_then as i64,
            100.0 * (budget as f64 - by_then as f64) / budget as f64
        );
        let left = budget as i64 - counts.bad() as i64;
        println!(
            "  left at the end of day 30: {left} bad requests ({:.1}% of the budget); SLO {}",
            100.0 * left as f64 / budget as f64,
            if slo.met(counts) { "met" } else { "missed" }
        );
    }
}

fn event_label(event: &log::Event) -> String {
    format!(
        "{} ({}, {} min at {:.1}%)",
        event.name,
        log::clock(event.start),
        event.minutes,
        event.error_rate * 100.0
    )
}

fn spend_line(label: &str, spent: u64, budget: u64) {
    println!(
        "  {label:<42} {spent:>5} bad = {:>4.1}% of the budget",
        100.0 * spent as f64 / budget as f64
    );
}

fn alerts(month: &Month) {
    let series = Series::new(&month.availability);
    let incident = EVENTS.iter().find(|e| e.name == "incident").unwrap();
    let slow = EVENTS.iter().find(|e| e.name == "slow burn").unwrap();
    println!("SLO 99.9%; every alert checked at the end of every minute of the month");
    println!("  {}", event_label(incident));
    println!("  {}", event_label(slow));
    // When a burn-rate rule's long window first crosses its threshold if
    // the error rate jumps from 0 to the event's: threshold x budget /
    // error rate of the long window.
    let budget = AVAILABILITY.budget_ppm() as f64 / 1e6;
    for (event, threshold, long_min) in [(incident, 14.4, 60.0), (slow, 6.0, 360.0)] {
        println!(
            "  {} x {}% / {:.1}% x {} min = {:.1} min to cross burn rate {} on the {}",
            threshold,
            budget * 100.0,
            event.error_rate * 100.0,
            long_min,
            threshold * budget / event.error_rate * long_min,
            threshold,
            event.name
        );
    }
    println!();
    println!(
        "{:<50} {:>8} {:>9} {:>9} | {:>5} {:>8} {:>9} {:>5}",
        "", "incident", "paging", "slow burn", "pages", "incident", "slow burn", "blips"
    );
    println!(
        "{:<50} {:>8} {:>9} {:>9} | {:>5} {:>8} {:>9} {:>5}",
        "alert", "paged at", "after end", "paged at", "", "", "", ""
    );
    for alert in &ALERTS {
        let firing = alert.firing(&series, AVAILABILITY);
        let pages = alert::pages(&firing);
        let caused_by = |name: &str| {
            pages
                .iter()
                .filter(|&&m| alert::cause(&EVENTS, m).is_some_and(|e| e.name == name))
                .count()
        };
        let on_incident = alert::verdict(&firing, incident);
        let on_slow = alert::verdict(&firing, slow);
        let at = |v: Option<usize>| match v {
            Some(m) => format!("+{m} min"),
            None => "never".to_string(),
        };
        println!(
            "{:<50} {:>8} {:>9} {:>9} | {:>5} {:>8} {:>9} {:>5}",
            alert.to_string(),
            at(on_incident.paged_after_min),
            format!("{} min", on_incident.firing_after_end_min),
            at(on_slow.paged_after_min),
            pages.len(),
            caused_by("incident"),
            caused_by("slow burn"),
            caused_by("deploy blip"),
        );
    }
}
