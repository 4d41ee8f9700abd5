//! Distributed transactions three ways: two-phase commit, sagas, and the
//! transactional outbox. The first two and a model of the third run in a
//! seeded simulation (simulated time, lost, duplicated and reordered
//! messages, crashes); `pg` runs the outbox on the course's PostgreSQL.

pub mod outbox;
pub mod pg;
pub mod saga;
pub mod sim;
pub mod two_pc;

use outbox::Publish;
use saga::Payment;
use two_pc::{Coordinator, Participant};

/// The variants the fault sweep runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    TwoPc,
    TwoPcUnloggedDecision,
    TwoPcTimeoutAbort,
    TwoPcVoteBeforeLog,
    Saga,
    SagaRefundTwice,
    SagaNoTombstone,
    Outbox,
    DualWrite,
    OutboxNoDedup,
}

impl Variant {
    pub const ALL: [Variant; 10] = [
        Variant::TwoPc,
        Variant::TwoPcUnloggedDecision,
        Variant::TwoPcTimeoutAbort,
        Variant::TwoPcVoteBeforeLog,
        Variant::Saga,
        Variant::SagaRefundTwice,
        Variant::SagaNoTombstone,
        Variant::Outbox,
        Variant::DualWrite,
        Variant::OutboxNoDedup,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Variant::TwoPc => "2pc",
            Variant::TwoPcUnloggedDecision => "2pc-unlogged-decision",
            Variant::TwoPcTimeoutAbort => "2pc-timeout-abort",
            Variant::TwoPcVoteBeforeLog => "2pc-vote-before-log",
            Variant::Saga => "saga",
            Variant::SagaRefundTwice => "saga-refund-twice",
            Variant::SagaNoTombstone => "saga-no-tombstone",
            Variant::Outbox => "outbox",
            Variant::DualWrite => "dual-write",
            Variant::OutboxNoDedup => "outbox-no-dedup",
        }
    }

    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }

    /// The property its checker judges.
    pub fn property(self) -> &'static str {
        match self {
            Variant::TwoPc
            | Variant::TwoPcUnloggedDecision
            | Variant::TwoPcTimeoutAbort
            | Variant::TwoPcVoteBeforeLog => "atomic",
            Variant::Saga | Variant::SagaRefundTwice | Variant::SagaNoTombstone => "all-or-nothing",
            Variant::Outbox | Variant::DualWrite | Variant::OutboxNoDedup => "delivered once",
        }
    }
}

/// One seed of one variant: the checker's verdict and what happened.
pub struct Run {
    pub setup: String,
    pub trace: Vec<String>,
    pub verdict: Result<(), String>,
}

pub fn run(variant: Variant, seed: u64) -> Run {
    match variant {
        Variant::TwoPc
        | Variant::TwoPcUnloggedDecision
        | Variant::TwoPcTimeoutAbort
        | Variant::TwoPcVoteBeforeLog => {
            let coordinator = if variant == Variant::TwoPcUnloggedDecision {
                Coordinator::UnloggedDecision
            } else {
                Coordinator::Logged
            };
            let participant = match variant {
                Variant::TwoPcTimeoutAbort => Participant::AbortsOnTimeout,
                Variant::TwoPcVoteBeforeLog => Participant::VotesBeforeLogging,
                _ => Participant::Waits,
            };
            let s = two_pc::scenario(seed, coordinator, participant);
            let out = two_pc::run(&s, seed);
            Run {
                setup: format!(
                    "votes {:?}, coordinator crash after action {:?}, down {} ms, \
                     participant crashes (after action, down ms) {:?}",
                    s.votes, s.crash_after, s.down_for, s.participant_crash
                ),
                verdict: two_pc::check(&out),
                trace: out.trace,
            }
        }
        Variant::Saga | Variant::SagaRefundTwice | Variant::SagaNoTombstone => {
            let payment = match variant {
                Variant::SagaRefundTwice => Payment::RefundTwice,
                Variant::SagaNoTombstone => Payment::NoTombstone,
                _ => Payment::Idempotent,
            };
            let s = saga::scenario(seed, payment);
            let out = saga::run(&s, seed);
            let orders: Vec<String> = s
                .orders
                .iter()
                .map(|o| format!("{} for {}", o.qty, o.amount))
                .collect();
            Run {
                setup: format!(
                    "orders {}, balance {}, stock {}, orchestrator crash at {:?} ms, down {} ms, \
                     service crash (service, at ms, down ms) {:?}",
                    orders.join(", "),
                    s.balance,
                    s.stock,
                    s.crash_at,
                    s.down_for,
                    s.service_crash
                ),
                verdict: saga::check(&s, &out),
                trace: out.trace,
            }
        }
        Variant::Outbox | Variant::DualWrite | Variant::OutboxNoDedup => {
            let publish = match variant {
                Variant::DualWrite => Publish::DualWrite,
                Variant::OutboxNoDedup => Publish::OutboxNoDedup,
                _ => Publish::Outbox,
            };
            let s = outbox::scenario(seed, publish);
            let out = outbox::run(&s, seed);
            Run {
                setup: format!(
                    "{} orders ({} valid), service crash at {:?} ms, relay crash after step {:?}",
                    s.requests.len(),
                    s.requests.iter().filter(|r| r.1).count(),
                    s.service_crash,
                    s.relay_crash_after
                ),
                verdict: outbox::check(&out),
                trace: out.trace,
            }
        }
    }
}
