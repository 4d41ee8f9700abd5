//! Pins the chapter's claims about the lossy network, the two clients and
//! the two ledgers.

use std::time::Duration;

use lossy_rpc::client::RetryPolicy;
use lossy_rpc::ledger::{Ledger, Mode};
use lossy_rpc::protocol::{Deposit, Receipt};
use lossy_rpc::scenarios::{
    Cut, DEPOSIT_AMOUNT, Network, across_partition, observe, one_timeout, run_naive, run_with_retry,
};

const LOSSY: Network = Network {
    seed: 7,
    fail_rate: 0.1,
    min_latency: Duration::from_millis(5),
    max_latency: Duration::from_millis(200),
};
const POLICY: RetryPolicy = RetryPolicy {
    timeout: Duration::from_millis(250),
    max_attempts: 5,
};

// Pins: messages survive an encode/decode round trip unchanged.
#[test]
fn messages_round_trip() {
    let deposit = Deposit { id: 7, amount: 10 };
    assert_eq!(Deposit::decode(&deposit.encode()), Ok(deposit));
    let receipt = Receipt { id: 7, balance: 70 };
    assert_eq!(Receipt::decode(&receipt.encode()), Ok(receipt));
}

// Pins: anything but "<verb> <u64> <u64>" is rejected, not half-parsed.
#[test]
fn malformed_datagrams_are_rejected() {
    for bad in [
        &b""[..],
        b"deposit",
        b"deposit 1",
        b"deposit 1 2 3",
        b"deposit -1 2",
        b"deposit 1 ten",
        b"receipt 1 2",
        b"\xff\xfe",
    ] {
        assert!(Deposit::decode(bad).is_err(), "accepted {bad:?}");
    }
    assert!(Receipt::decode(b"deposit 1 2").is_err());
}

// Pins: the naive ledger applies a repeated id again; the idempotent one
// answers with the first receipt and leaves the balance alone.
#[test]
fn apply_every_repeats_and_apply_once_replays() {
    let deposit = Deposit { id: 1, amount: 10 };
    let mut every = Ledger::new(Mode::ApplyEvery);
    every.handle(deposit);
    assert_eq!(every.handle(deposit), Receipt { id: 1, balance: 20 });
    assert_eq!(every.applied(), 2);

    let mut once = Ledger::new(Mode::ApplyOnce);
    let first = once.handle(deposit);
    assert_eq!(once.handle(deposit), first);
    assert_eq!(
        (once.balance(), once.applied(), once.replayed()),
        (10, 1, 1)
    );
    // A new id is still applied.
    assert_eq!(once.handle(Deposit { id: 2, amount: 5 }).balance, 15);
}

// Pins: on a perfect network the simulation delivers every datagram in order.
#[test]
fn a_perfect_network_delivers_everything_in_order() {
    let arrivals = observe(Network::perfect(Duration::from_millis(10)), 20);
    let order: Vec<u32> = arrivals.iter().map(|a| a.seq).collect();
    assert_eq!(order, (1..=20).collect::<Vec<_>>());
    assert!(arrivals.iter().all(|a| a.latency_ms == 10));
}

// Pins: the lossy network loses some datagrams, reorders others, and keeps
// every latency inside the configured range.
#[test]
fn a_lossy_network_loses_and_reorders() {
    let arrivals = observe(LOSSY, 20);
    assert!(arrivals.len() < 20, "nothing was lost");
    assert!(
        arrivals.windows(2).any(|p| p[1].seq < p[0].seq),
        "nothing reordered"
    );
    assert!(arrivals.iter().all(|a| (5..=201).contains(&a.latency_ms)));
}

// Pins: the same seed gives the same run.
#[test]
fn a_seed_replays_exactly() {
    assert_eq!(observe(LOSSY, 20), observe(LOSSY, 20));
    assert_eq!(
        run_with_retry(LOSSY, 20, POLICY, Mode::ApplyEvery),
        run_with_retry(LOSSY, 20, POLICY, Mode::ApplyEvery)
    );
}

// Pins: the naive client finishes on a perfect network but hangs on the
// lossy one, and the ledger applied a deposit whose receipt never came.
#[test]
fn the_naive_client_hangs_on_loss() {
    let perfect = run_naive(
        Network::perfect(Duration::from_millis(10)),
        20,
        Duration::from_secs(60),
    );
    assert_eq!((perfect.completed, perfect.hung_after), (20, None));

    let lossy = run_naive(LOSSY, 20, Duration::from_secs(60));
    assert_eq!(lossy.hung_after, Some(Duration::from_secs(60)));
    assert!(lossy.completed < 20);
    assert_eq!(lossy.applied, lossy.completed + 1);
}

// Pins: retries get every receipt, but without request ids the ledger
// applies some deposits twice.
#[test]
fn retries_cope_but_double_apply() {
    let run = run_with_retry(LOSSY, 20, POLICY, Mode::ApplyEvery);
    assert_eq!((run.completed, run.gave_up.clone()), (20, None));
    assert!(run.attempts > 20);
    assert!(run.applied > 20);
    assert_eq!(run.balance, u64::from(run.applied) * DEPOSIT_AMOUNT);
}

// Pins: with request ids the same retries apply every deposit exactly once.
#[test]
fn request_ids_make_retries_safe() {
    let run = run_with_retry(LOSSY, 20, POLICY, Mode::ApplyOnce);
    assert_eq!(run.completed, 20);
    assert_eq!(run.applied, 20);
    assert_eq!(run.balance, 20 * DEPOSIT_AMOUNT);
    assert!(run.replayed > 0, "no retry reached the ledger twice");
}

// Pins: the client cannot tell a lost request from a lost reply, but the
// ledger applied the deposit only in the second case.
#[test]
fn a_timeout_cannot_tell_which_message_was_lost() {
    let once = RetryPolicy {
        max_attempts: 1,
        ..POLICY
    };
    let request_lost = one_timeout(Cut::Request, once);
    let reply_lost = one_timeout(Cut::Reply, once);
    assert_eq!(request_lost.client_saw, reply_lost.client_saw);
    assert_eq!(
        request_lost.client_saw,
        "no reply after 1 attempt(s), 250 ms"
    );
    assert_eq!((request_lost.applied, reply_lost.applied), (0, 1));
}

// Pins: during a partition the client gives up after its attempts (it does
// not hang), and succeeds once the partition heals.
#[test]
fn a_partition_fails_fast_then_heals() {
    let run = across_partition(POLICY);
    assert_eq!(run.during, "no reply after 5 attempt(s), 1250 ms");
    assert_eq!(run.after_repair, "receipt, balance 10");
}

// Pins: a policy with zero attempts is refused instead of looping or hanging.
#[test]
fn zero_attempts_is_an_error() {
    let none = RetryPolicy {
        max_attempts: 0,
        ..POLICY
    };
    let seen = one_timeout(Cut::Request, none);
    assert_eq!(seen.client_saw, "retry policy allows no attempts");
    assert_eq!(seen.applied, 0);
}

// Pins: with no loss at all, a timeout shorter than the slowest round trip
// (2 x 200 ms) still retries a deposit that was only slow, and the ledger
// applies it twice; a timeout above that round trip never retries.
#[test]
fn a_slow_reply_is_retried_like_a_lost_one() {
    let lossless = Network {
        fail_rate: 0.0,
        ..LOSSY
    };
    let short = run_with_retry(lossless, 20, POLICY, Mode::ApplyEvery);
    assert_eq!(short.completed, 20);
    // One reply took longer than 250 ms: 21 attempts, all of them applied.
    assert_eq!((short.attempts, short.applied), (21, 21));
    assert_eq!(short.balance, 21 * DEPOSIT_AMOUNT);

    let above_round_trip = RetryPolicy {
        timeout: Duration::from_millis(500),
        ..POLICY
    };
    let long = run_with_retry(lossless, 20, above_round_trip, Mode::ApplyEvery);
    assert_eq!((long.attempts, long.applied), (20, 20));
}

// Pins: on the lossy network a longer timeout does not stop the double
// deposit: a lost reply is retried however long the client waited.
#[test]
fn a_longer_timeout_does_not_fix_a_lost_reply() {
    let patient = RetryPolicy {
        timeout: Duration::from_millis(1000),
        ..POLICY
    };
    let run = run_with_retry(LOSSY, 20, patient, Mode::ApplyEvery);
    assert_eq!(run.completed, 20);
    assert_eq!(run.applied, 21);
}
