//! The outage scenario: what the naive caller and the breaker each measure.

use std::time::Duration;

use circuit_breaker::scenario::{self, CallResult, Scenario};
use circuit_breaker::{Config, ConfigError, Rejected};

const OUTAGE: Scenario = Scenario {
    requests: 40,
    interval: Duration::from_millis(100),
    timeout: Duration::from_millis(450),
    latency: Duration::from_millis(20),
    outage_from: Duration::from_millis(1000),
    outage_to: Duration::from_millis(3000),
};

const BREAKER: Config = Config {
    failure_threshold: 5,
    cool_down: Duration::from_millis(1000),
    half_open_max_probes: 1,
};

// Pins: without a breaker, every call sent during the outage reaches payments and times out.
#[tokio::test(start_paused = true)]
async fn naive_caller_hits_the_outage_with_every_call() {
    let report = scenario::run(&OUTAGE, None).await.expect("run");
    assert_eq!(report.reached_total, 40);
    assert_eq!(report.reached_while_down, 20);
    let timed_out = report
        .calls
        .iter()
        .filter(|call| call.result == CallResult::TimedOut)
        .count();
    assert_eq!(timed_out, 20);
    assert_eq!(report.failed_fast(), 0);
    assert!(report.transitions.is_empty());
    // 20 timeouts of 450 ms plus 20 answers of 20 ms.
    assert_eq!(report.waited_ms(), 20 * 450 + 20 * 20);
}

// Pins: the breaker lets fewer calls into the outage and callers wait less, in the same run.
#[tokio::test(start_paused = true)]
async fn breaker_spares_payments_and_callers() {
    let naive = scenario::run(&OUTAGE, None).await.expect("run");
    let guarded = scenario::run(&OUTAGE, Some(BREAKER)).await.expect("run");
    assert!(guarded.reached_while_down < naive.reached_while_down);
    assert!(guarded.waited_ms() < naive.waited_ms());
    assert!(guarded.failed_fast() > 0);
}

// Pins: the breaker trips at 1850 ms: the fifth call into the outage (sent at 1400) times out then.
#[tokio::test(start_paused = true)]
async fn breaker_trips_when_the_fifth_timeout_lands() {
    let report = scenario::run(&OUTAGE, Some(BREAKER)).await.expect("run");
    let first = report.transitions[0];
    assert_eq!(
        (first.at_ms, first.from, first.to),
        (1850, "Closed", "Open")
    );
}

// Pins: a probe sent after the outage closes the breaker and the calls after it succeed.
#[tokio::test(start_paused = true)]
async fn breaker_recovers_after_the_outage() {
    let short = Scenario {
        outage_to: Duration::from_millis(2500),
        ..OUTAGE
    };
    let report = scenario::run(&short, Some(BREAKER)).await.expect("run");
    // Open at 1850, cool-down over at 2850: the call at 2900 is the probe.
    let times: Vec<u64> = report.transitions.iter().map(|t| t.at_ms).collect();
    assert_eq!(times, vec![1850, 2900, 2920]);
    let last = report.transitions.last().expect("transitions");
    assert_eq!((last.from, last.to), ("HalfOpen", "Closed"));
    assert_eq!(report.calls.last().expect("calls").result, CallResult::Ok);
}

// Pins: while a probe is in flight, other callers get ProbeLimit, not a call.
#[tokio::test(start_paused = true)]
async fn calls_during_a_probe_are_probe_limited() {
    let report = scenario::run(&OUTAGE, Some(BREAKER)).await.expect("run");
    let probe_limited = report
        .calls
        .iter()
        .filter(|call| call.result == CallResult::Rejected(Rejected::ProbeLimit))
        .count();
    assert!(probe_limited > 0);
}

// Pins: a threshold higher than the number of failures never trips: same as no breaker.
#[tokio::test(start_paused = true)]
async fn unreachable_threshold_behaves_like_no_breaker() {
    let lax = Config {
        failure_threshold: 1000,
        ..BREAKER
    };
    let naive = scenario::run(&OUTAGE, None).await.expect("run");
    let guarded = scenario::run(&OUTAGE, Some(lax)).await.expect("run");
    assert_eq!(guarded.calls, naive.calls);
    assert!(guarded.transitions.is_empty());
}

// Pins: a bad breaker config makes the run fail before any call is sent.
#[tokio::test(start_paused = true)]
async fn run_rejects_a_bad_config() {
    let bad = Config {
        failure_threshold: 0,
        ..BREAKER
    };
    let result = scenario::run(&OUTAGE, Some(bad)).await;
    assert_eq!(result.err(), Some(ConfigError::ZeroFailureThreshold));
}

// Pins: the timeline merges calls that ended alike into one line and keeps time order.
#[tokio::test(start_paused = true)]
async fn timeline_groups_runs_of_alike_calls() {
    let report = scenario::run(&OUTAGE, None).await.expect("run");
    let lines = scenario::timeline(&report, None);
    let expected = vec![
        "0 ms: calls #0-#9: ok after 20 ms",
        "1000 ms: calls #10-#29: timed out after 450 ms",
        "3000 ms: calls #30-#39: ok after 20 ms",
    ];
    assert_eq!(lines, expected);
}

// Pins: a run is deterministic: the same scenario twice gives the same report.
#[tokio::test(start_paused = true)]
async fn runs_are_repeatable() {
    let first = scenario::run(&OUTAGE, Some(BREAKER)).await.expect("run");
    let second = scenario::run(&OUTAGE, Some(BREAKER)).await.expect("run");
    assert_eq!(first, second);
}
