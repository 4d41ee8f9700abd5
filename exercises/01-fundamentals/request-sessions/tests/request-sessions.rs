//! Tests for the request-sessions exercise.

use request_sessions::{Deposit, Outcome, SessionLedger};

fn deposit(client: u32, seq: u64, amount: u64) -> Deposit {
    Deposit {
        client,
        seq,
        amount,
    }
}

// Pins: new requests are applied in turn and answered with the new balance.
#[test]
fn new_requests_are_applied() {
    let mut ledger = SessionLedger::new();
    assert_eq!(
        ledger.handle(deposit(1, 1, 10)),
        Outcome::Applied { balance: 10 }
    );
    assert_eq!(
        ledger.handle(deposit(1, 2, 5)),
        Outcome::Applied { balance: 15 }
    );
    assert_eq!(ledger.balance(), 15);
}

// Pins: a retry of the latest request is answered with the first answer, even
// after other clients changed the balance, and is not applied again.
#[test]
fn a_retry_gets_the_first_answer() {
    let mut ledger = SessionLedger::new();
    ledger.handle(deposit(1, 1, 10));
    ledger.handle(deposit(2, 1, 100));
    assert_eq!(
        ledger.handle(deposit(1, 1, 10)),
        Outcome::Replayed { balance: 10 }
    );
    assert_eq!(
        ledger.handle(deposit(1, 1, 10)),
        Outcome::Replayed { balance: 10 }
    );
    assert_eq!(ledger.balance(), 110);
}

// Pins: a late copy of an older request is ignored, not applied.
#[test]
fn an_old_request_arriving_late_is_stale() {
    let mut ledger = SessionLedger::new();
    ledger.handle(deposit(1, 1, 10));
    ledger.handle(deposit(1, 2, 10));
    assert_eq!(ledger.handle(deposit(1, 1, 10)), Outcome::Stale);
    assert_eq!(ledger.balance(), 20);
}

// Pins: sequence numbers are per client: client 2's request 1 is new even
// though client 1 is at request 3.
#[test]
fn sessions_are_per_client() {
    let mut ledger = SessionLedger::new();
    for seq in 1..=3 {
        ledger.handle(deposit(1, seq, 1));
    }
    assert_eq!(
        ledger.handle(deposit(2, 1, 1)),
        Outcome::Applied { balance: 4 }
    );
}

// Pins: seq 0 is never valid, for a new client or a known one.
#[test]
fn seq_zero_is_stale() {
    let mut ledger = SessionLedger::new();
    assert_eq!(ledger.handle(deposit(1, 0, 10)), Outcome::Stale);
    ledger.handle(deposit(1, 1, 10));
    assert_eq!(ledger.handle(deposit(1, 0, 10)), Outcome::Stale);
    assert_eq!(ledger.balance(), 10);
}

// Pins: memory grows with clients, not with requests.
#[test]
fn one_entry_per_client() {
    let mut ledger = SessionLedger::new();
    for seq in 1..=1000 {
        ledger.handle(deposit(1, seq, 1));
        ledger.handle(deposit(2, seq, 1));
    }
    assert_eq!(ledger.remembered(), 2);
    assert_eq!(ledger.balance(), 2000);
}

// Pins: a retried stream where every request is sent twice, and some late
// copies arrive after the next request, adds up to each amount once.
#[test]
fn duplicated_and_delayed_stream_counts_once() {
    let mut ledger = SessionLedger::new();
    let arrivals = [1, 1, 2, 1, 3, 3, 2, 4, 4, 4, 3, 5];
    for seq in arrivals {
        ledger.handle(deposit(9, seq, 10));
    }
    assert_eq!(ledger.balance(), 50);
}
