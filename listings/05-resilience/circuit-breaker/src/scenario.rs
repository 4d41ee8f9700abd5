//! One outage, two callers: the same stream of charges sent to the same
//! failing `PaymentsService`, once bare and once through a `CircuitBreaker`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::breaker::{CallError, CircuitBreaker, Config, ConfigError, Rejected, Transition};
use crate::payments::{PaymentsService, Receipt};

/// The load and the outage, all in virtual time from the start of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    /// Charges sent in all, one every `interval`, whether or not the
    /// previous ones have answered (users do not wait for each other).
    pub requests: u32,
    pub interval: Duration,
    /// How long a caller waits for payments before giving up.
    pub timeout: Duration,
    /// How long a healthy payments service takes to answer.
    pub latency: Duration,
    pub outage_from: Duration,
    pub outage_to: Duration,
}

/// How one charge ended, as the caller saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallResult {
    Ok,
    TimedOut,
    Rejected(Rejected),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallRecord {
    pub id: u32,
    pub sent_ms: u64,
    pub waited_ms: u64,
    pub result: CallResult,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionRecord {
    pub at_ms: u64,
    pub from: &'static str,
    pub to: &'static str,
}

/// Everything one run measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Sorted by call id, which is also the order they were sent in.
    pub calls: Vec<CallRecord>,
    /// In the order they happened; empty without a breaker.
    pub transitions: Vec<TransitionRecord>,
    pub reached_total: u32,
    pub reached_while_down: u32,
}

impl Report {
    /// Virtual time all callers together spent waiting for an answer.
    pub fn waited_ms(&self) -> u64 {
        self.calls.iter().map(|call| call.waited_ms).sum()
    }

    /// Calls the breaker answered at once, without touching payments.
    pub fn failed_fast(&self) -> usize {
        let rejected = |call: &&CallRecord| matches!(call.result, CallResult::Rejected(_));
        self.calls.iter().filter(rejected).count()
    }
}

// ANCHOR: naive
/// No breaker: every caller waits, each for its own full timeout.
async fn charge_naive(payments: &PaymentsService, timeout: Duration) -> CallResult {
    match tokio::time::timeout(timeout, payments.charge()).await {
        Ok(Receipt) => CallResult::Ok,
        Err(_elapsed) => CallResult::TimedOut,
    }
}
// ANCHOR_END: naive

// ANCHOR: guarded
/// The same call through the breaker: the operation it runs is the charge
/// with its timeout.
async fn charge_guarded(
    breaker: &CircuitBreaker,
    payments: &PaymentsService,
    timeout: Duration,
) -> CallResult {
    let charge = || tokio::time::timeout(timeout, payments.charge());
    match breaker.call(charge).await {
        Ok(Receipt) => CallResult::Ok,
        Err(CallError::Failed(_elapsed)) => CallResult::TimedOut,
        Err(CallError::Rejected(why)) => CallResult::Rejected(why),
    }
}
// ANCHOR_END: guarded

fn ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Sends the scenario's charges, through a breaker built from `breaker` if
/// given, and reports what happened. Runs in virtual time: call it on a
/// runtime with a paused clock and it returns at once.
pub async fn run(scenario: &Scenario, breaker: Option<Config>) -> Result<Report, ConfigError> {
    let start = Instant::now();
    let payments = Arc::new(PaymentsService::new(
        start + scenario.outage_from,
        start + scenario.outage_to,
        scenario.latency,
    ));
    let transitions = Arc::new(Mutex::new(Vec::new()));
    let breaker = match breaker {
        None => None,
        Some(config) => {
            let log = Arc::clone(&transitions);
            let record = move |t: Transition| {
                let entry = TransitionRecord {
                    at_ms: ms(t.at - start),
                    from: t.from.name(),
                    to: t.to.name(),
                };
                log.lock().expect("transition log").push(entry);
            };
            Some(Arc::new(CircuitBreaker::new(config)?.on_transition(record)))
        }
    };

    let mut tasks = JoinSet::new();
    for id in 0..scenario.requests {
        tokio::time::sleep_until(start + scenario.interval * id).await;
        let payments = Arc::clone(&payments);
        let breaker = breaker.clone();
        let timeout = scenario.timeout;
        tasks.spawn(async move {
            let sent = Instant::now();
            let result = match &breaker {
                None => charge_naive(&payments, timeout).await,
                Some(breaker) => charge_guarded(breaker, &payments, timeout).await,
            };
            CallRecord {
                id,
                sent_ms: ms(sent - start),
                waited_ms: ms(sent.elapsed()),
                result,
            }
        });
    }
    let mut calls = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        calls.push(joined.expect("a call task panicked"));
    }
    calls.sort_by_key(|call| call.id);

    let transitions = transitions.lock().expect("transition log").clone();
    Ok(Report {
        calls,
        transitions,
        reached_total: payments.calls_total(),
        reached_while_down: payments.calls_while_down(),
    })
}

fn describe_call(call: &CallRecord) -> String {
    match call.result {
        CallResult::Ok => format!("ok after {} ms", call.waited_ms),
        CallResult::TimedOut => format!("timed out after {} ms", call.waited_ms),
        CallResult::Rejected(Rejected::Open) => "rejected at once, circuit open".to_string(),
        CallResult::Rejected(Rejected::ProbeLimit) => {
            "rejected at once, probe already in flight".to_string()
        }
    }
}

fn describe_transition(t: &TransitionRecord, config: Option<Config>) -> String {
    let why = match (t.from, t.to) {
        ("Closed", "Open") => match config {
            Some(config) => format!("{} failures in a row", config.failure_threshold),
            None => "failures in a row".to_string(),
        },
        ("Open", "HalfOpen") => "cool-down over, this call is a probe".to_string(),
        ("HalfOpen", "Open") => "probe failed, cool down again".to_string(),
        ("HalfOpen", "Closed") => "probe succeeded".to_string(),
        _ => "unexpected".to_string(),
    };
    format!("{} ms: {} -> {} ({why})", t.at_ms, t.from, t.to)
}

/// One line per transition and one per run of calls that ended alike,
/// in time order (a transition first when both share a millisecond).
pub fn timeline(report: &Report, config: Option<Config>) -> Vec<String> {
    enum Event<'a> {
        Transition(&'a TransitionRecord),
        Calls(Vec<&'a CallRecord>),
    }
    let mut events: Vec<(u64, u8, Event)> = Vec::new();
    for t in &report.transitions {
        events.push((t.at_ms, 0, Event::Transition(t)));
    }
    for call in &report.calls {
        events.push((call.sent_ms, 1, Event::Calls(vec![call])));
    }
    // A stable sort keeps calls with the same send time in id order.
    events.sort_by_key(|(at_ms, kind, _)| (*at_ms, *kind));

    let mut merged: Vec<(u64, Event)> = Vec::new();
    for (at_ms, _, event) in events {
        if let (Some((_, Event::Calls(run))), Event::Calls(next)) = (merged.last_mut(), &event)
            && describe_call(run[0]) == describe_call(next[0])
        {
            run.push(next[0]);
            continue;
        }
        merged.push((at_ms, event));
    }

    let line = |(at_ms, event): &(u64, Event)| match event {
        Event::Transition(t) => describe_transition(t, config),
        Event::Calls(run) if run.len() == 1 => {
            format!("{at_ms} ms: call #{}: {}", run[0].id, describe_call(run[0]))
        }
        Event::Calls(run) => {
            let last = run[run.len() - 1].id;
            let label = describe_call(run[0]);
            format!("{at_ms} ms: calls #{}-#{last}: {label}", run[0].id)
        }
    };
    merged.iter().map(line).collect()
}
