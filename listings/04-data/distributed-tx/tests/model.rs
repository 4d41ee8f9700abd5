//! The simulated protocols: the correct ones hold over many seeds, each
//! broken variant is caught, and the chapter's scenarios print what the
//! page says.

use distributed_tx::sim::Faults;
use distributed_tx::two_pc::{self, Coordinator, Decision, Participant, Scenario, State};
use distributed_tx::{Variant, run, saga};

fn violations(v: Variant, seeds: u64) -> usize {
    (0..seeds).filter(|&s| run(v, s).verdict.is_err()).count()
}

#[test]
fn correct_protocols_hold_over_2000_seeds() {
    for v in [Variant::TwoPc, Variant::Saga, Variant::Outbox] {
        assert_eq!(violations(v, 2000), 0, "{}", v.name());
    }
}

#[test]
fn each_broken_variant_is_caught() {
    for v in [
        Variant::TwoPcUnloggedDecision,
        Variant::TwoPcTimeoutAbort,
        Variant::TwoPcVoteBeforeLog,
        Variant::SagaRefundTwice,
        Variant::SagaNoTombstone,
        Variant::DualWrite,
        Variant::OutboxNoDedup,
    ] {
        assert!(violations(v, 1000) > 0, "{} never caught", v.name());
    }
}

fn blocked(crash_after: usize) -> Scenario {
    Scenario {
        coordinator: Coordinator::Logged,
        participant: Participant::Waits,
        votes: [true; 3],
        crash_after: Some(crash_after),
        down_for: 30_000,
        faults: Faults::NONE,
        participant_crash: [None; 3],
        second: Some((2, 10)),
    }
}

#[test]
fn prepared_participants_wait_for_the_coordinator() {
    let out = two_pc::run(&blocked(4), 0);
    assert_eq!(out.log, Some(Decision::Commit));
    assert_eq!(out.states, [State::Committed; 3]);
    assert_eq!(out.second_waited, Some(29_993));
    assert!(two_pc::check(&out).is_ok());
    // Crashing before the log write: presumed abort, still atomic.
    let out = two_pc::run(&blocked(3), 0);
    assert_eq!(out.states, [State::Aborted; 3]);
}

#[test]
fn a_no_vote_aborts_everyone() {
    let s = Scenario {
        votes: [true, false, true],
        crash_after: None,
        ..blocked(0)
    };
    let out = two_pc::run(&s, 0);
    assert_eq!(out.states, [State::Aborted; 3]);
}

#[test]
fn the_checker_rejects_a_split_decision() {
    let mut out = two_pc::run(&blocked(4), 0);
    out.states[1] = State::Aborted;
    assert!(two_pc::check(&out).is_err());
}

#[test]
fn choreography_shows_the_charge_before_the_refund() {
    let lines = saga::choreography(100, 0, 30, 1);
    assert_eq!(lines.len(), 4);
    assert!(lines[1].contains("balance  70"), "{}", lines[1]);
    assert!(lines[3].contains("cancelled balance 100"), "{}", lines[3]);
}

#[test]
fn a_crash_mid_send_splits_done_from_waiting() {
    let out = two_pc::run(&blocked(5), 0);
    assert_eq!(out.locks_held_until, [Some(3), Some(30_003), Some(30_003)]);
    assert_eq!(out.states, [State::Committed; 3]);
}

/// Payments crashes after its first `after` actions and is down 100 ms;
/// the coordinator stays up.
fn payments_crash(participant: Participant, after: usize) -> Scenario {
    let mut participant_crash = [None; 3];
    participant_crash[1] = Some((after, 100));
    Scenario {
        participant,
        crash_after: None,
        participant_crash,
        second: Some((1, 10)),
        ..blocked(0)
    }
}

#[test]
fn a_prepared_participant_restarts_in_doubt_with_its_locks() {
    // Log write, vote, then a crash as the Commit arrives at 3 ms.
    let out = two_pc::run(&payments_crash(Participant::Waits, 2), 0);
    assert!(two_pc::check(&out).is_ok(), "{:?}", two_pc::check(&out));
    assert_eq!(out.states, [State::Committed; 3]);
    assert!(
        out.trace
            .iter()
            .any(|l| l.contains("payments restarts, finds its prepare record"))
    );
    // Locks held through the 100 ms it was down, until it asked and heard.
    let held = out.locks_held_until[1].unwrap();
    assert!(held > 100, "payments released its locks at {held} ms");
    assert_eq!(out.second_waited, Some(held - 10));
    assert_eq!(out.released_in_doubt, None);
}

#[test]
fn a_vote_sent_before_the_prepare_record_splits_the_decision() {
    // Vote, then a crash before the log write: it restarts with no record.
    let out = two_pc::run(&payments_crash(Participant::VotesBeforeLogging, 1), 0);
    assert_eq!(
        out.states,
        [State::Committed, State::Aborted, State::Committed]
    );
    let err = two_pc::check(&out).unwrap_err();
    assert!(err.contains("committed while payments aborted"), "{err}");
    // The same crash point is harmless when the record comes first.
    let out = two_pc::run(&payments_crash(Participant::Waits, 1), 0);
    assert!(two_pc::check(&out).is_ok(), "{:?}", two_pc::check(&out));
}
