//! Pins the queue growth of an unbounded channel, the limit a bounded one
//! keeps, and how channels close and drain.

use std::process::Command;
use std::sync::mpsc::RecvError;

use mpsc_backpressure::closing::{drain_after_close, fan_in, send_after_receiver_dropped};
use mpsc_backpressure::pace::{Queue, Rates, run};

const TWO_FOR_ONE: Rates = Rates {
    produce_per_step: 2,
    consume_per_step: 1,
};

// Pins unbounded growth: the queue gains one message per step, forever.
#[test]
fn an_unbounded_queue_grows_by_the_rate_difference_every_step() {
    let report = run(Queue::Unbounded, TWO_FOR_ONE, 500);
    assert_eq!(report.queued_after_step, (1..=500).collect::<Vec<_>>());
    assert_eq!(report.blocked_sends, 0);
    assert_eq!(report.sent, 1_000);
    assert_eq!(report.max_wait_steps, 250, "half the run behind by the end");
    // The message taken in step s was sent in step s/2 or so.
    let waits: Vec<usize> = (1..=500).map(|step| step / 2).collect();
    assert_eq!(report.waited_in_step, waits);
}

// Pins Little's law and its condition. The bounded queue settles into a
// steady state in which the queue length divided by the throughput (one
// message a step) is the wait; the unbounded queue never settles: its length
// and its wait both keep growing, so there is no average for the law to use.
#[test]
fn littles_law_holds_in_steady_state_only() {
    let bounded = run(Queue::Bounded(8), TWO_FOR_ONE, 1_000);
    let steady = 20..1_000;
    assert!(
        bounded.queued_after_step[steady.clone()]
            .iter()
            .all(|&q| q == 7)
    );
    assert!(bounded.waited_in_step[steady].iter().all(|&w| w == 7));

    let unbounded = run(Queue::Unbounded, TWO_FOR_ONE, 1_000);
    assert_eq!(unbounded.queued_after_step[999], 1_000);
    assert_eq!(unbounded.waited_in_step[999], 500);
}

// Pins backpressure: the bounded queue never holds more than its bound, and
// the producer is held to the consumer's rate.
#[test]
fn a_bounded_queue_never_exceeds_its_bound() {
    for bound in [1, 8, 32] {
        let report = run(Queue::Bounded(bound), TWO_FOR_ONE, 1_000);
        assert_eq!(report.max_queued, bound);
        assert!(report.queued_after_step.iter().all(|&q| q <= bound));
        assert_eq!(report.received, 1_000, "the consumer never starves");
        assert!(report.sent <= 1_000 + bound);
        assert!(report.max_wait_steps < bound, "{bound}: {report:?}");
    }
}

// Pins that a bound costs nothing when the consumer keeps up: no send
// blocks and the queue never holds more than one step's messages.
#[test]
fn a_fast_enough_consumer_never_blocks_the_producer() {
    let even = Rates {
        produce_per_step: 3,
        consume_per_step: 3,
    };
    for queue in [Queue::Unbounded, Queue::Bounded(3)] {
        let report = run(queue, even, 100);
        assert_eq!(report.blocked_sends, 0, "{queue:?}");
        assert_eq!(report.max_queued, 3);
        assert_eq!(report.sent, 300);
        assert_eq!(report.received, 300);
    }
}

// Pins the rendezvous channel: with bound 0 nothing can wait in the channel,
// so with no receiver already waiting in `recv`, every send would block.
#[test]
fn a_rendezvous_channel_never_buffers() {
    let report = run(Queue::Bounded(0), TWO_FOR_ONE, 10);
    assert_eq!(report.sent, 0);
    assert_eq!(report.blocked_sends, 10);
}

// Pins the edge case of no steps: nothing happens.
#[test]
fn zero_steps_is_an_empty_report() {
    let report = run(Queue::Bounded(4), TWO_FOR_ONE, 0);
    assert_eq!(report, Default::default());
}

// Pins draining: after the last sender drops, recv still returns every
// queued message in order, and only then reports the channel closed.
#[test]
fn a_closed_channel_drains_before_it_ends() {
    assert_eq!(
        drain_after_close(3, 3),
        [Ok(1), Ok(2), Ok(3), Err(RecvError)]
    );
    assert_eq!(drain_after_close(0, 0), [Err(RecvError)]);
}

// Pins bad input: queuing more than the bound on one thread would block
// forever, so it is refused.
#[test]
#[should_panic(expected = "must not block")]
fn draining_refuses_a_bound_too_small_to_queue_everything() {
    drain_after_close(5, 4);
}

// Pins that a send to a dropped receiver fails and returns the message.
#[test]
fn sending_to_a_dropped_receiver_hands_the_message_back() {
    assert_eq!(send_after_receiver_dropped(7).map_err(|e| e.0), Err(7));
}

// Pins fan-in: every message from every producer arrives, each producer's
// in order, and the loop ends, with a bound far smaller than the total.
#[test]
fn fan_in_receives_everything_in_per_producer_order() {
    for _ in 0..20 {
        let report = fan_in(4, 250, 2);
        assert_eq!(report.received, 1_000);
        assert!(report.each_producer_in_order);
    }
    assert_eq!(fan_in(0, 10, 1).received, 0, "no producers: closed at once");
}

// Pins that the listing prints the same thing every run.
#[test]
fn the_listing_is_deterministic() {
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_mpsc-backpressure"))
            .output()
            .expect("mpsc-backpressure runs")
            .stdout
    };
    let first = run();
    assert!(String::from_utf8_lossy(&first).contains("sync_channel(8)"));
    for _ in 0..5 {
        assert_eq!(first, run());
    }
}
