//! Every transition of the breaker, on tokio's paused clock.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use circuit_breaker::{CallError, CircuitBreaker, Config, ConfigError, Rejected, State};
use tokio::time::{Instant, advance, sleep};

const COOL_DOWN: Duration = Duration::from_millis(1000);

fn config(failure_threshold: u32, half_open_max_probes: u32) -> Config {
    Config {
        failure_threshold,
        cool_down: COOL_DOWN,
        half_open_max_probes,
    }
}

fn breaker(failure_threshold: u32, half_open_max_probes: u32) -> CircuitBreaker {
    CircuitBreaker::new(config(failure_threshold, half_open_max_probes)).expect("valid config")
}

/// A dependency that answers at once and counts how often it was called.
#[derive(Default)]
struct Dependency {
    calls: AtomicU32,
}

impl Dependency {
    async fn ok(&self) -> Result<&'static str, &'static str> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok("paid")
    }

    async fn fail(&self) -> Result<&'static str, &'static str> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Err("down")
    }

    async fn slow_ok(&self, latency: Duration) -> Result<&'static str, &'static str> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        sleep(latency).await;
        Ok("paid")
    }

    fn calls(&self) -> u32 {
        self.calls.load(Ordering::SeqCst)
    }
}

async fn fail_times(breaker: &CircuitBreaker, dependency: &Dependency, times: u32) {
    for _ in 0..times {
        let result = breaker.call(|| dependency.fail()).await;
        assert_eq!(result, Err(CallError::Failed("down")));
    }
}

fn is_open(state: State) -> bool {
    matches!(state, State::Open { .. })
}

// Pins: a zero failure threshold is refused with its own error.
#[test]
fn zero_failure_threshold_is_rejected() {
    let result = CircuitBreaker::new(config(0, 1));
    assert_eq!(result.err(), Some(ConfigError::ZeroFailureThreshold));
}

// Pins: zero probes is refused, since HalfOpen could then never close.
#[test]
fn zero_probes_is_rejected() {
    let result = CircuitBreaker::new(config(3, 0));
    assert_eq!(result.err(), Some(ConfigError::ZeroProbes));
}

// Pins: a zero cool-down is refused.
#[test]
fn zero_cool_down_is_rejected() {
    let mut bad = config(3, 1);
    bad.cool_down = Duration::ZERO;
    let result = CircuitBreaker::new(bad);
    assert_eq!(result.err(), Some(ConfigError::ZeroCoolDown));
}

// Pins: the error message names the field to fix.
#[test]
fn config_error_message_names_the_field() {
    let message = ConfigError::ZeroFailureThreshold.to_string();
    assert!(message.contains("failure_threshold"), "{message}");
}

// Pins: a new breaker is Closed with no failures counted.
#[tokio::test(start_paused = true)]
async fn starts_closed() {
    let breaker = breaker(3, 1);
    let expected = State::Closed {
        consecutive_failures: 0,
    };
    assert_eq!(breaker.state(), expected);
}

// Pins: Closed passes successes through and stays Closed.
#[tokio::test(start_paused = true)]
async fn closed_passes_calls_through() {
    let breaker = breaker(3, 1);
    let dependency = Dependency::default();
    let result = breaker.call(|| dependency.ok()).await;
    assert_eq!(result, Ok("paid"));
    assert_eq!(dependency.calls(), 1);
    assert_eq!(breaker.state().name(), "Closed");
}

// Pins: failures below the threshold are counted but do not trip.
#[tokio::test(start_paused = true)]
async fn closed_counts_failures_below_threshold() {
    let breaker = breaker(3, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 2).await;
    let expected = State::Closed {
        consecutive_failures: 2,
    };
    assert_eq!(breaker.state(), expected);
}

// Pins: a success resets the count, so the threshold means "in a row".
#[tokio::test(start_paused = true)]
async fn success_resets_the_failure_count() {
    let breaker = breaker(3, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 2).await;
    breaker.call(|| dependency.ok()).await.expect("closed");
    fail_times(&breaker, &dependency, 2).await;
    assert_eq!(breaker.state().name(), "Closed");
}

// Pins: Closed -> Open on the threshold-th failure in a row, open until now + cool-down.
#[tokio::test(start_paused = true)]
async fn trips_open_at_the_threshold() {
    let breaker = breaker(3, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 3).await;
    let until = Instant::now() + COOL_DOWN;
    assert_eq!(breaker.state(), State::Open { until });
}

// Pins: a threshold of 1 trips on the first failure.
#[tokio::test(start_paused = true)]
async fn threshold_of_one_trips_on_first_failure() {
    let breaker = breaker(1, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 1).await;
    assert!(is_open(breaker.state()));
}

// Pins: Open rejects without running the operation at all.
#[tokio::test(start_paused = true)]
async fn open_rejects_without_calling_the_dependency() {
    let breaker = breaker(2, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 2).await;
    for _ in 0..10 {
        let result = breaker.call(|| dependency.ok()).await;
        assert_eq!(result, Err(CallError::Rejected(Rejected::Open)));
    }
    assert_eq!(dependency.calls(), 2, "only the two failures reached it");
}

// ANCHOR: cool_down_test
// Pins: the cool-down is measured on tokio's clock: 1 ms short still rejects.
#[tokio::test(start_paused = true)]
async fn open_until_the_cool_down_has_passed() {
    let breaker = breaker(1, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 1).await;
    advance(COOL_DOWN - Duration::from_millis(1)).await;
    let result = breaker.call(|| dependency.ok()).await;
    assert_eq!(result, Err(CallError::Rejected(Rejected::Open)));
    assert_eq!(dependency.calls(), 1);
}
// ANCHOR_END: cool_down_test

// Pins: exactly at the end of the cool-down the next call is a probe (Open -> HalfOpen).
#[tokio::test(start_paused = true)]
async fn first_call_after_cool_down_is_a_probe() {
    let breaker = breaker(1, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 1).await;
    advance(COOL_DOWN).await;
    let latency = Duration::from_millis(50);
    let probe = breaker.call(|| dependency.slow_ok(latency));
    tokio::pin!(probe);
    // Poll the probe once so it is admitted and in flight, then look.
    tokio::select! {
        biased;
        _ = &mut probe => panic!("the probe cannot finish before its latency"),
        () = std::future::ready(()) => {}
    }
    let half_open = State::HalfOpen {
        probes_in_flight: 1,
    };
    assert_eq!(breaker.state(), half_open);
    assert_eq!(probe.await, Ok("paid"));
}

// Pins: HalfOpen -> Closed on a successful probe, with the count at zero.
#[tokio::test(start_paused = true)]
async fn successful_probe_closes() {
    let breaker = breaker(2, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 2).await;
    advance(COOL_DOWN).await;
    assert_eq!(breaker.call(|| dependency.ok()).await, Ok("paid"));
    let closed = State::Closed {
        consecutive_failures: 0,
    };
    assert_eq!(breaker.state(), closed);
}

// Pins: HalfOpen -> Open on a failed probe, and the new cool-down starts at the failure.
#[tokio::test(start_paused = true)]
async fn failed_probe_reopens_with_a_fresh_cool_down() {
    let breaker = breaker(2, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 2).await;
    advance(COOL_DOWN + Duration::from_millis(250)).await;
    fail_times(&breaker, &dependency, 1).await;
    let until = Instant::now() + COOL_DOWN;
    assert_eq!(breaker.state(), State::Open { until });
    advance(COOL_DOWN - Duration::from_millis(1)).await;
    let result = breaker.call(|| dependency.ok()).await;
    assert_eq!(result, Err(CallError::Rejected(Rejected::Open)));
}

// Pins: with one probe allowed, concurrent callers in HalfOpen are rejected while it is in flight.
#[tokio::test(start_paused = true)]
async fn half_open_admits_only_the_allowed_probes() {
    let breaker = Arc::new(breaker(1, 2));
    let dependency = Arc::new(Dependency::default());
    fail_times(&breaker, &dependency, 1).await;
    advance(COOL_DOWN).await;

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let breaker = Arc::clone(&breaker);
        let dependency = Arc::clone(&dependency);
        let latency = Duration::from_millis(100);
        tasks.spawn(async move { breaker.call(|| dependency.slow_ok(latency)).await });
    }
    let mut admitted = 0;
    let mut probe_limited = 0;
    while let Some(joined) = tasks.join_next().await {
        match joined.expect("task") {
            Ok("paid") => admitted += 1,
            Err(CallError::Rejected(Rejected::ProbeLimit)) => probe_limited += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((admitted, probe_limited), (2, 4));
    // 1 failure before the trip, then the 2 probes: nobody else got through.
    assert_eq!(dependency.calls(), 3);
    assert_eq!(breaker.state().name(), "Closed");
}

// Pins: after a successful probe the breaker is fully Closed, not one-at-a-time.
#[tokio::test(start_paused = true)]
async fn closed_again_lets_everyone_through() {
    let breaker = breaker(1, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 1).await;
    advance(COOL_DOWN).await;
    breaker.call(|| dependency.ok()).await.expect("probe");
    for _ in 0..3 {
        breaker.call(|| dependency.ok()).await.expect("closed");
    }
    assert_eq!(dependency.calls(), 5);
}

// Pins: a probe dropped mid-flight (caller timeout) gives its slot back, the
// breaker stays HalfOpen, and the next caller becomes the probe.
#[tokio::test(start_paused = true)]
async fn cancelled_probe_frees_its_slot() {
    let breaker = breaker(1, 1);
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 1).await;
    advance(COOL_DOWN).await;
    let slow = breaker.call(|| dependency.slow_ok(Duration::from_secs(60)));
    let gave_up = tokio::time::timeout(Duration::from_millis(10), slow).await;
    assert!(gave_up.is_err(), "the caller's own timeout fires first");
    let half_open = State::HalfOpen {
        probes_in_flight: 0,
    };
    assert_eq!(breaker.state(), half_open);
    // The next caller is the new probe: it reaches the dependency.
    assert_eq!(breaker.call(|| dependency.ok()).await, Ok("paid"));
    assert_eq!(
        dependency.calls(),
        3,
        "the failure, the dropped probe, the new probe"
    );
    assert_eq!(breaker.state().name(), "Closed");
}

// Pins: results from calls admitted before a trip do not move the new state.
#[tokio::test(start_paused = true)]
async fn stale_results_are_ignored() {
    let breaker = Arc::new(breaker(2, 1));
    let dependency = Arc::new(Dependency::default());
    let spawn_call = |latency_ms: u64| {
        let breaker = Arc::clone(&breaker);
        let dependency = Arc::clone(&dependency);
        let latency = Duration::from_millis(latency_ms);
        tokio::spawn(async move { breaker.call(|| dependency.slow_ok(latency)).await })
    };
    // Admitted while Closed at 0 ms; they answer at 1500 ms, long after the trip.
    let stale: Vec<_> = (0..3).map(|_| spawn_call(1500)).collect();
    tokio::task::yield_now().await;
    fail_times(&breaker, &dependency, 2).await;
    advance(COOL_DOWN).await;
    // At 1000 ms a probe goes out; it answers at 2000 ms.
    let probe = spawn_call(1000);
    tokio::task::yield_now().await;
    let half_open = State::HalfOpen {
        probes_in_flight: 1,
    };
    assert_eq!(breaker.state(), half_open);
    for call in stale {
        assert_eq!(call.await.expect("task"), Ok("paid"));
    }
    // Three late successes from the old Closed state are not the probe's answer.
    assert_eq!(breaker.state(), half_open);
    assert_eq!(probe.await.expect("task"), Ok("paid"));
    assert_eq!(breaker.state().name(), "Closed");
}

// Pins: the observer sees every transition of a full cycle, in order, with virtual times.
#[tokio::test(start_paused = true)]
async fn observer_sees_the_full_cycle() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let start = Instant::now();
    let breaker = breaker(1, 1).on_transition(move |t| {
        let at_ms = (t.at - start).as_millis();
        log.lock()
            .unwrap()
            .push((at_ms, t.from.name(), t.to.name()));
    });
    let dependency = Dependency::default();
    fail_times(&breaker, &dependency, 1).await;
    advance(COOL_DOWN).await;
    fail_times(&breaker, &dependency, 1).await;
    advance(COOL_DOWN).await;
    breaker.call(|| dependency.ok()).await.expect("probe");
    let expected = vec![
        (0, "Closed", "Open"),
        (1000, "Open", "HalfOpen"),
        (1000, "HalfOpen", "Open"),
        (2000, "Open", "HalfOpen"),
        (2000, "HalfOpen", "Closed"),
    ];
    assert_eq!(*seen.lock().unwrap(), expected);
}

// Pins: only errors the caller classifies as failures open the breaker. Ten
// declined cards (402) leave it Closed. A 402 is recorded as a success, not
// ignored: between 503s it resets the count of failures in a row, so 503,
// 503, 402, 503, 503 leaves it Closed; a third 503 in a row opens it.
#[tokio::test(start_paused = true)]
async fn only_counting_errors_open_the_breaker() {
    let counts = |status: &u16| *status >= 500;
    let breaker = breaker(3, 1);
    for _ in 0..10 {
        let result: Result<(), _> = breaker
            .call_classified(counts, || async { Err(402u16) })
            .await;
        assert_eq!(result, Err(CallError::Failed(402)));
    }
    assert!(
        matches!(breaker.state(), State::Closed { .. }),
        "4xx must not open it"
    );
    for status in [503u16, 503, 402, 503, 503] {
        let _: Result<(), _> = breaker
            .call_classified(counts, || async move { Err(status) })
            .await;
    }
    assert_eq!(
        breaker.state(),
        State::Closed {
            consecutive_failures: 2
        },
        "the 402 answer reset the count of failures in a row"
    );
    let _: Result<(), _> = breaker
        .call_classified(counts, || async { Err(503u16) })
        .await;
    assert!(
        matches!(breaker.state(), State::Open { .. }),
        "three 5xx in a row open it"
    );
}
