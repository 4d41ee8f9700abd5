//! Behaviour of the hand-written decorators around the synchronous `Handler`.

use decorator_middleware::plain::{
    Backend, Handler, Logging, NaiveTimeout, Retry, SimClock, Timing,
};
use decorator_middleware::{Error, Outcome, Request, Response, Script, Trace};

fn fails_then_ok(failures: usize) -> Script {
    let mut steps = vec![Outcome::fail(20); failures];
    steps.push(Outcome::ok(20));
    Script::steps(&steps)
}

fn orders(id: u32) -> Request {
    Request::new(id, "/orders")
}

// Pins: Logging writes one line in and one line out and returns the inner result untouched.
#[test]
fn logging_wraps_both_directions() {
    let (clock, trace) = (SimClock::new(), Trace::new());
    let backend = Backend::new(fails_then_ok(1), &clock);
    let logged = Logging::new("svc", &trace, &backend);
    assert_eq!(logged.call(orders(1)), Err(Error::Unavailable));
    assert_eq!(logged.call(orders(2)), Ok(Response { call: 1 }));
    assert_eq!(
        trace.take(),
        [
            "[svc] -> #1 /orders",
            "[svc] <- 503 unavailable",
            "[svc] -> #2 /orders",
            "[svc] <- 200 ok (backend call 1)",
        ]
    );
}

// Pins: Timing reports the latency the inner handler spent on the clock.
#[test]
fn timing_measures_inner_latency() {
    let (clock, trace) = (SimClock::new(), Trace::new());
    let backend = Backend::new(Script::steps(&[Outcome::ok(35)]), &clock);
    let timed = Timing::new("svc", &clock, &trace, &backend);
    assert!(timed.call(orders(1)).is_ok());
    assert_eq!(trace.take(), ["[svc] took 35ms"]);
    assert_eq!(clock.now_ms(), 35);
}

// Pins: Retry turns transient failures into a success when the budget allows.
#[test]
fn retry_recovers_within_its_budget() {
    let clock = SimClock::new();
    let backend = Backend::new(fails_then_ok(2), &clock);
    let retried = Retry::new(2, &backend);
    assert_eq!(retried.call(orders(1)), Ok(Response { call: 2 }));
    assert_eq!(backend.calls(), 3);
}

// Pins: Retry stops after max_retries extra calls and returns the last error.
#[test]
fn retry_stops_at_its_limit() {
    let clock = SimClock::new();
    let backend = Backend::new(Script::steps(&[Outcome::fail(20)]), &clock);
    let retried = Retry::new(2, &backend);
    assert_eq!(retried.call(orders(1)), Err(Error::Unavailable));
    assert_eq!(backend.calls(), 3);
    assert_eq!(clock.now_ms(), 60);
}

// Pins: Retry with zero retries calls exactly once.
#[test]
fn retry_zero_means_one_call() {
    let clock = SimClock::new();
    let backend = Backend::new(Script::steps(&[Outcome::fail(20)]), &clock);
    assert_eq!(
        Retry::new(0, &backend).call(orders(1)),
        Err(Error::Unavailable)
    );
    assert_eq!(backend.calls(), 1);
}

// Pins: a bad request is not transient, so Retry sends it only once.
#[test]
fn retry_does_not_repeat_bad_requests() {
    let clock = SimClock::new();
    let backend = Backend::new(Script::steps(&[Outcome::ok(20)]), &clock);
    let result = Retry::new(5, &backend).call(Request::new(1, "orders"));
    assert_eq!(result, Err(Error::BadRequest("path must start with /")));
    assert_eq!(backend.calls(), 1);
}

// Pins: order matters: Logging outside Retry sees one request, inside it sees every attempt.
#[test]
fn logging_position_decides_what_it_sees() {
    let (clock, trace) = (SimClock::new(), Trace::new());
    let outside_backend = Backend::new(fails_then_ok(2), &clock);
    let outside = Logging::new("x", &trace, Retry::new(2, &outside_backend));
    assert!(outside.call(orders(1)).is_ok());
    assert_eq!(trace.take().len(), 2);

    let inside_backend = Backend::new(fails_then_ok(2), &clock);
    let inside = Retry::new(2, Logging::new("x", &trace, &inside_backend));
    assert!(inside.call(orders(1)).is_ok());
    assert_eq!(trace.take().len(), 6);
}

// Pins: order matters: Timing outside Retry measures the sum of attempts, inside it measures each.
#[test]
fn timing_position_decides_what_it_measures() {
    let (clock, trace) = (SimClock::new(), Trace::new());
    let backend = Backend::new(fails_then_ok(2), &clock);
    let stack = Timing::new(
        "total",
        &clock,
        &trace,
        Retry::new(2, Timing::new("try", &clock, &trace, &backend)),
    );
    assert!(stack.call(orders(1)).is_ok());
    assert_eq!(
        trace.take(),
        [
            "[try] took 20ms",
            "[try] took 20ms",
            "[try] took 20ms",
            "[total] took 60ms"
        ]
    );
}

// Pins: the naive timeout relabels a late answer but the caller has already waited all of it.
#[test]
fn naive_timeout_cannot_cut_the_wait() {
    let clock = SimClock::new();
    let backend = Backend::new(Script::steps(&[Outcome::ok(2000)]), &clock);
    let result = NaiveTimeout::new(100, &clock, &backend).call(orders(1));
    assert_eq!(result, Err(Error::TimedOut { after_ms: 2000 }));
    assert_eq!(clock.now_ms(), 2000);
}

// Pins: the naive timeout passes answers at or under its limit, and errors, through unchanged.
#[test]
fn naive_timeout_passes_on_time_results() {
    let clock = SimClock::new();
    let backend = Backend::new(Script::steps(&[Outcome::ok(100), Outcome::fail(5)]), &clock);
    let limited = NaiveTimeout::new(100, &clock, &backend);
    assert_eq!(limited.call(orders(1)), Ok(Response { call: 0 }));
    assert_eq!(limited.call(orders(2)), Err(Error::Unavailable));
}

// Pins: Retry outside NaiveTimeout retries a late answer, so the caller waits for both.
#[test]
fn retry_over_naive_timeout_doubles_the_wait() {
    let clock = SimClock::new();
    let backend = Backend::new(Script::steps(&[Outcome::ok(2000), Outcome::ok(20)]), &clock);
    let stack = Retry::new(2, NaiveTimeout::new(100, &clock, &backend));
    assert_eq!(stack.call(orders(1)), Ok(Response { call: 1 }));
    assert_eq!(clock.now_ms(), 2020);
}

// Pins: which errors count as transient.
#[test]
fn error_classification() {
    assert!(Error::Unavailable.is_transient());
    assert!(Error::TimedOut { after_ms: 1 }.is_transient());
    assert!(!Error::BadRequest("x").is_transient());
}

// Pins: a step script repeats its last step once the steps run out.
#[test]
fn steps_repeat_the_last_one() {
    let script = Script::steps(&[Outcome::fail(1), Outcome::ok(2)]);
    assert_eq!(script.outcome(0), Outcome::fail(1));
    assert_eq!(script.outcome(1), Outcome::ok(2));
    assert_eq!(script.outcome(99), Outcome::ok(2));
}

// Pins: an empty script is rejected up front.
#[test]
#[should_panic(expected = "at least one step")]
fn empty_script_is_rejected() {
    let _ = Script::steps(&[]);
}

// Pins: a seeded script replays the same outcomes and hits its percentages over many calls.
#[test]
fn seeded_script_is_replayable_and_calibrated() {
    let script = Script::Seeded {
        seed: 7,
        fail_percent: 20,
        slow_percent: 10,
        latency_ms: 20,
        slow_ms: 2000,
    };
    let first: Vec<Outcome> = (0..10_000).map(|n| script.outcome(n)).collect();
    let again: Vec<Outcome> = (0..10_000).map(|n| script.outcome(n)).collect();
    assert_eq!(first, again);
    let fails = first.iter().filter(|o| !o.ok).count();
    let slow = first.iter().filter(|o| o.latency_ms == 2000).count();
    assert!((1800..2200).contains(&fails), "fails: {fails}");
    assert!((800..1200).contains(&slow), "slow: {slow}");
}
