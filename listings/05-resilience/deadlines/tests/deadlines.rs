//! What the deadline chapter's listing promises, on tokio's paused clock.

use deadlines::budget::{BudgetError, format_grpc_timeout, parse_grpc_timeout};
use deadlines::sim::{self, Mode, Scenario, Status, hang_up_after, one_request};
use deadlines::skew::budget_seen;
use proptest::prelude::*;
use std::time::Duration;

// The units of gRPC's grpc-timeout header parse to the durations they name.
#[test]
fn parses_every_unit() {
    assert_eq!(parse_grpc_timeout("250m"), Ok(Duration::from_millis(250)));
    assert_eq!(parse_grpc_timeout("2S"), Ok(Duration::from_secs(2)));
    assert_eq!(parse_grpc_timeout("1M"), Ok(Duration::from_secs(60)));
    assert_eq!(parse_grpc_timeout("1H"), Ok(Duration::from_secs(3600)));
    assert_eq!(parse_grpc_timeout("7u"), Ok(Duration::from_micros(7)));
    assert_eq!(parse_grpc_timeout("9n"), Ok(Duration::from_nanos(9)));
}

// Malformed, negative and oversized budgets are refused with a reason.
#[test]
fn refuses_bad_budgets() {
    assert_eq!(parse_grpc_timeout(""), Err(BudgetError::Empty));
    assert_eq!(parse_grpc_timeout("m"), Err(BudgetError::Digits(0)));
    assert_eq!(parse_grpc_timeout("-5m"), Err(BudgetError::NotANumber));
    assert_eq!(
        parse_grpc_timeout("123456789m"),
        Err(BudgetError::Digits(9))
    );
    assert_eq!(
        parse_grpc_timeout("99999999H").map(|d| d.as_secs()),
        Ok(359_999_996_400)
    );
    assert_eq!(parse_grpc_timeout("5x"), Err(BudgetError::Unit));
    assert_eq!(parse_grpc_timeout("5 m"), Err(BudgetError::NotANumber));
}

proptest! {
    // Whatever arrives in the header, parsing returns; it never panics.
    #[test]
    fn parsing_never_panics(value in "\\PC{0,12}") {
        let _ = parse_grpc_timeout(&value);
    }

    // A budget we send is one the next hop reads back, never larger.
    #[test]
    fn formatted_budgets_parse_back(ms in 0u64..10_000_000_000) {
        let budget = Duration::from_millis(ms);
        let read = parse_grpc_timeout(&format_grpc_timeout(budget)).unwrap();
        prop_assert!(read <= budget);
        prop_assert!(budget - read < Duration::from_secs(1));
    }
}

// A malformed header gets a clear invalid-argument answer at once.
#[tokio::test(start_paused = true)]
async fn malformed_header_is_an_invalid_argument() {
    let (result, took) = one_request(Mode::Deadline, Some("soon")).await;
    assert!(
        matches!(result, Err(Status::InvalidArgument(_))),
        "{result:?}"
    );
    assert_eq!(took, Duration::ZERO);
}

// A hop refuses to start work its budget cannot cover.
#[tokio::test(start_paused = true)]
async fn too_small_a_budget_is_refused_before_any_work() {
    let (result, took) = one_request(Mode::Deadline, Some("12m")).await;
    assert_eq!(result, Err(Status::DeadlineExceeded));
    assert_eq!(took, Duration::ZERO);
    let (result, _) = one_request(Mode::Deadline, Some("300m")).await;
    assert_eq!(result, Ok(()));
}

// When the caller hangs up, every hop below stops working at once.
#[tokio::test(start_paused = true)]
async fn hanging_up_stops_the_work_below() {
    let work = hang_up_after(Duration::from_millis(50)).await;
    assert_eq!(
        work,
        Duration::from_millis(50),
        "gateway 5 + orders 20 + inventory 25"
    );
}

// On the same fault, the deadline answers more in time and wastes no work.
#[tokio::test(start_paused = true)]
async fn deadline_beats_per_hop_on_the_same_fault() {
    let per_hop = sim::run(Mode::PerHop, Scenario::default()).await;
    let deadline = sim::run(Mode::Deadline, Scenario::default()).await;
    assert!(per_hop.wasted_ms > 1000, "{per_hop:?}");
    assert_eq!(deadline.wasted_ms, 0, "{deadline:?}");
    assert!(deadline.answered_in_time > per_hop.answered_in_time);
    assert!(deadline.last_failure_ms < 1600 && per_hop.last_failure_ms > 1600);
}

// An absolute deadline moves with the skew; a relative budget does not.
#[test]
fn skew_moves_absolute_deadlines_only() {
    assert_eq!(budget_seen(300, 2, 0), (298, 300));
    assert_eq!(budget_seen(300, 2, 400), (-102, 300));
    assert_eq!(budget_seen(300, 2, -250), (548, 300));
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

// Per-hop timeouts that fit inside the user's 300 ms (the page's edit:
// 290 and 250) fail users sooner but stop none of the abandoned work.
#[tokio::test(start_paused = true)]
async fn tighter_per_hop_timeouts_still_waste_work() {
    let tight = Scenario {
        per_hop: (ms(290), ms(250)),
        ..Scenario::default()
    };
    let r = sim::run(Mode::PerHop, tight).await;
    assert_eq!(
        (r.answered_in_time, r.wasted_ms, r.p99_ms),
        (227, 5370, 275)
    );
}

// Cancellation alone, when every service stops as its caller hangs up,
// removes the waste too: the deadline's win here is half cancellation.
#[tokio::test(start_paused = true)]
async fn hang_ups_heard_stop_the_waste_without_a_budget() {
    let heard = Scenario {
        hears_hang_up: true,
        ..Scenario::default()
    };
    let r = sim::run(Mode::PerHop, heard).await;
    assert_eq!(
        (r.answered_in_time, r.wasted_ms, r.user_gave_up),
        (260, 0, 40)
    );
}
