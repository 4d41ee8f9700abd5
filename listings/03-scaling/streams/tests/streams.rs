//! The log, the assignment, the group's rebalances, and JetStream.

use async_nats::jetstream::stream::RetentionPolicy;
use streams::group::{GroupRun, Rebalance, orders, run};
use streams::jet::JetRun;
use streams::log::{Log, assign};

// A key always lands in the same partition; offsets count from 0 per partition.
#[test]
fn appends_go_to_the_keys_partition() {
    let mut log = Log::new(4);
    let p = log.partition_of("customer-7");
    assert_eq!(log.append("customer-7", 1), (p, 0));
    assert_eq!(log.append("customer-7", 2), (p, 1));
    assert_eq!(log.read(p, 1, 10)[0].value, 2);
    assert!(
        log.read(p, 99, 10).is_empty(),
        "reading past the end is empty"
    );
}

// Members are dealt partitions in name order; adding a member moves some of them.
#[test]
fn assignment_deals_in_turn() {
    assert_eq!(assign(&["B", "A"], 4), ["A", "B", "A", "B"]);
    assert_eq!(assign(&["A", "B", "C"], 4), ["A", "B", "C", "A"]);
    assert_eq!(assign(&["A"], 2), ["A", "A"]);
}

// Pins the table: how many records each rebalance processes again; never out of order.
#[test]
fn rebalances_reprocess_what_was_not_committed() {
    let log = orders(4);
    let r = |processed, again| GroupRun {
        processed,
        again,
        out_of_order: 0,
    };
    assert_eq!(run(&log, 3, Rebalance::EagerNoCommit), r(220, 20));
    assert_eq!(run(&log, 3, Rebalance::CooperativeNoCommit), r(210, 10));
    assert_eq!(run(&log, 3, Rebalance::CommitOnRevoke), r(200, 0));
    // Joining before anything was read costs nothing.
    assert_eq!(run(&log, 0, Rebalance::EagerNoCommit), r(200, 0));
}

// The order check can fail: a customer's events appended out of order are reported.
#[test]
fn out_of_order_events_are_counted() {
    let mut log = Log::new(2);
    log.append("c", 1);
    log.append("c", 3);
    log.append("c", 2);
    let result = run(&log, 99, Rebalance::EagerNoCommit);
    assert_eq!(result.out_of_order, 1);
}

// JetStream (`cargo xtask services up`): limits retention keeps what groups
// read, so a new group reads it all; interest retention deletes what every
// existing consumer acked, so a group created later reads nothing.
#[tokio::test(flavor = "current_thread")]
async fn retention_decides_what_a_later_group_reads() {
    let run = |retention| async move {
        streams::jet::run(4, retention)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let limits = JetRun {
        billing: 200,
        kept: 200,
        analytics: 200,
        replayed: 50,
        partition: 50,
        partition_in_order: true,
    };
    let interest = JetRun {
        kept: 0,
        analytics: 0,
        replayed: 0,
        partition: 0,
        ..limits
    };
    assert_eq!(run(RetentionPolicy::Limits).await, limits);
    assert_eq!(run(RetentionPolicy::Interest).await, interest);
}
