//! Ten minutes of ride requests, counted per minute four ways: by the
//! processing clock, by event time in one batch, and by a streaming job
//! with a watermark under three late-event policies and nine bounds; then
//! hopping windows and rider sessions. Every number is a count from one
//! seeded run; nothing depends on the wall clock.

use std::collections::BTreeMap;
use stream_windows::{
    LatePolicy, MINUTE, Outcome, Request, SECOND, Session, Windows, add_to_sessions, batch_counts,
    batch_sessions, clock, morning_rush, processing_time_counts, run,
};

const SEED: u64 = 7;

fn main() {
    let requests = morning_rush(SEED);
    let minute = Windows::tumbling(MINUTE);
    let truth = batch_counts(&requests, minute);
    describe(&requests);
    by_processing_time(&requests, &truth);
    policies(&requests, &truth);
    bounds(&requests, &truth);
    hopping(&requests);
    sessions(&requests);
}

fn describe(requests: &[Request]) {
    let mut newest = 0;
    let mut behind = 0;
    for r in requests {
        if r.event_ms < newest {
            behind += 1;
        }
        newest = newest.max(r.event_ms);
    }
    let mut delays: Vec<u64> = requests.iter().map(|r| r.arrival_ms - r.event_ms).collect();
    delays.sort_unstable();
    let pick = |q: usize| delays[(delays.len() - 1) * q / 100];
    println!(
        "{} ride requests made 08:00 to 08:10, seed {SEED}; {} ({}) arrive after a newer one",
        requests.len(),
        behind,
        percent(behind, requests.len() as u64),
    );
    println!(
        "delay from phone to processor: median {}, p99 {}, max {}",
        secs(pick(50)),
        secs(pick(99)),
        secs(pick(100)),
    );
}

fn by_processing_time(requests: &[Request], truth: &BTreeMap<u64, u64>) {
    let by_arrival = processing_time_counts(requests, Windows::tumbling(MINUTE));
    println!();
    println!("minute  by event time  by processing time");
    for (&start, &count) in truth {
        let seen = by_arrival.get(&start).copied().unwrap_or(0);
        println!("{}  {count:>13}  {seen:>18}", &clock(start)[..5]);
    }
    let later: u64 = by_arrival.range(START_AFTER_LAST..).map(|(_, c)| c).sum();
    println!("later  {:>13}  {later:>18}", 0);
    let misplaced = requests
        .iter()
        .filter(|r| r.event_ms / MINUTE != r.arrival_ms / MINUTE)
        .count() as u64;
    println!(
        "counted in another minute by processing time: {misplaced} ({})",
        percent(misplaced, requests.len() as u64)
    );
}

const START_AFTER_LAST: u64 = stream_windows::START_MS + 10 * MINUTE;

fn policies(requests: &[Request], truth: &BTreeMap<u64, u64>) {
    println!();
    // ANCHOR: policies
    let bound_ms = 5 * SECOND;
    let minute = Windows::tumbling(MINUTE);
    let jobs = [
        ("drop", LatePolicy::Drop),
        ("side output", LatePolicy::SideOutput),
        (
            "update",
            LatePolicy::Update {
                keep_ms: 10 * MINUTE,
            },
        ),
    ];
    println!(
        "bound {}    results  late  dropped  side output  exact windows  most held",
        secs(bound_ms)
    );
    for (name, policy) in jobs {
        let out = run(requests, minute, Some(bound_ms), policy);
        let late = out.dropped + out.side_output.len() as u64 + late_updates(&out);
        println!(
            "{name:<11}  {:>7}  {late:>4}  {:>7}  {:>11}  {:>7} of {}  {:>9}",
            out.emitted.len(),
            out.dropped,
            out.side_output.len(),
            exact(&out, truth),
            truth.len(),
            out.peak_windows,
        );
    }
    // ANCHOR_END: policies
}

fn late_updates(out: &Outcome) -> u64 {
    out.emitted
        .iter()
        .filter(|e| e.firing == stream_windows::Firing::Late)
        .count() as u64
}

/// Windows whose last emitted count equals the batch count.
fn exact(out: &Outcome, truth: &BTreeMap<u64, u64>) -> usize {
    let last = out.final_counts();
    truth
        .iter()
        .filter(|(start, count)| last.get(start) == Some(count))
        .count()
}

fn bounds(requests: &[Request], truth: &BTreeMap<u64, u64>) {
    println!();
    println!("bound    dropped  share   exact windows  on time  median wait after window end");
    let minute = Windows::tumbling(MINUTE);
    for bound_ms in [0, 1, 2, 5, 10, 30, 60, 300, 600].map(|s| s * SECOND) {
        let out = run(requests, minute, Some(bound_ms), LatePolicy::Drop);
        let mut waits: Vec<u64> = out
            .emitted
            .iter()
            .filter(|e| e.firing == stream_windows::Firing::OnTime)
            .map(|e| e.at_ms - (e.start_ms + MINUTE))
            .collect();
        waits.sort_unstable();
        let median = waits
            .get(waits.len().saturating_sub(1) / 2)
            .map_or("-".to_string(), |&w| {
                format!("{:.1} s", w as f64 / SECOND as f64)
            });
        println!(
            "{:>6}  {:>8}  {:>5}  {:>8} of {}  {:>4} of {}  {median:>10}",
            secs(bound_ms),
            out.dropped,
            percent(out.dropped, requests.len() as u64),
            exact(&out, truth),
            truth.len(),
            waits.len(),
            truth.len(),
        );
    }
}

fn hopping(requests: &[Request]) {
    println!();
    let five = Windows::hopping(5 * MINUTE, MINUTE);
    let out = run(requests, five, None, LatePolicy::Drop);
    println!("5-minute windows every minute, event time:");
    let mut total = 0;
    for e in &out.emitted {
        total += e.count;
        println!(
            "  {}-{}  {:>5}",
            &clock(e.start_ms)[..5],
            &clock(e.start_ms + 5 * MINUTE)[..5],
            e.count
        );
    }
    println!("sum of the counts: {total} for {} requests", requests.len());
}

fn sessions(requests: &[Request]) {
    println!();
    // ANCHOR: bridge
    let gap_ms = 30 * SECOND;
    let at = |m: u64, s: u64| stream_windows::START_MS + m * MINUTE + s * SECOND;
    let mut rider: Vec<Session> = Vec::new();
    for t in [at(0, 0), at(0, 20), at(0, 40), at(1, 30), at(1, 50)] {
        add_to_sessions(&mut rider, t, gap_ms);
    }
    show("before", &rider);
    let absorbed = add_to_sessions(&mut rider, at(1, 5), gap_ms); // arrives late
    show("after 08:01:05", &rider);
    // ANCHOR_END: bridge
    println!("the late request absorbed {absorbed} sessions");

    // Every rider's sessions built in arrival order, against the batch.
    let mut by_rider: BTreeMap<u32, (Vec<Session>, Vec<u64>)> = BTreeMap::new();
    let mut bridges = 0;
    for r in requests {
        let (sessions, times) = by_rider.entry(r.rider).or_default();
        if add_to_sessions(sessions, r.event_ms, gap_ms) >= 2 {
            bridges += 1;
        }
        times.push(r.event_ms);
    }
    let total: usize = by_rider.values().map(|(s, _)| s.len()).sum();
    let same = by_rider
        .values()
        .all(|(sessions, times)| *sessions == batch_sessions(times, gap_ms));
    println!(
        "all riders, 30 s gap: {total} sessions; {bridges} requests joined two sessions; same as batch: {}",
        if same { "yes" } else { "no" }
    );
}

fn show(label: &str, sessions: &[Session]) {
    let list: Vec<String> = sessions
        .iter()
        .map(|s| {
            format!(
                "{}-{} ({} requests)",
                clock(s.start_ms),
                clock(s.end_ms),
                s.events
            )
        })
        .collect();
    println!("{label:>15}: {}", list.join(", "));
}

fn secs(ms: u64) -> String {
    if ms >= MINUTE && ms.is_multiple_of(MINUTE) {
        format!("{} min", ms / MINUTE)
    } else if ms >= 10 * SECOND || ms.is_multiple_of(SECOND) {
        format!("{} s", ms / SECOND)
    } else {
        format!("{:.1} s", ms as f64 / SECOND as f64)
    }
}

fn percent(part: u64, whole: u64) -> String {
    format!("{:.1}%", 100.0 * part as f64 / whole as f64)
}
