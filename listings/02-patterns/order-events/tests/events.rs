use order_events::log::{Envelope, Event, Log};
use order_events::read::{NaiveRevenue, OpenOrders, Revenue};
use order_events::write::{Rejected, Status, cancel, place, refund, state};

fn sample() -> Log {
    let mut log = Log::default();
    place(&mut log, 1, "ana", 3000).expect("new");
    place(&mut log, 2, "bob", 1500).expect("new");
    refund(&mut log, 1, 1000).expect("open");
    place(&mut log, 3, "ana", 2000).expect("new");
    cancel(&mut log, 2).expect("open");
    place(&mut log, 4, "cem", 700).expect("new");
    log
}

/// The command side decides from the state it folds out of the log.
#[test]
fn commands_are_checked_against_the_folded_state() {
    let mut log = sample();
    assert_eq!(
        place(&mut log, 1, "ana", 1),
        Err(Rejected::AlreadyExists(1))
    );
    assert_eq!(refund(&mut log, 9, 1), Err(Rejected::NoSuchOrder(9)));
    assert_eq!(refund(&mut log, 1, 1), Err(Rejected::NotOpen(1)));
    assert_eq!(
        refund(&mut log, 3, 2001),
        Err(Rejected::RefundTooLarge {
            order: 3,
            paid: 2000
        })
    );
    assert_eq!(cancel(&mut log, 2), Err(Rejected::NotOpen(2)));
    let orders = state(&log);
    assert_eq!(orders[&3], Status::Open { cents: 2000 });
    assert_eq!(orders[&2], Status::Cancelled);
    assert_eq!(log.after(0).len(), 6, "rejected commands append nothing");
}

/// Deliveries that hand some stretch of the log over again, as an
/// at-least-once consumer gets after a crash: the projection with a
/// checkpoint ends where a clean rebuild ends; the naive one does not.
#[test]
fn a_checkpoint_makes_redelivery_harmless() {
    let log = sample();
    let all = log.after(0);
    let mut clean = Revenue::default();
    all.iter().for_each(|e| clean.apply(e));
    for crash_after in 1..=all.len() {
        for resume_from in 0..crash_after {
            let delivered: Vec<&Envelope> = all[..crash_after]
                .iter()
                .chain(&all[resume_from..])
                .collect();
            let mut checked = Revenue::default();
            let mut naive = NaiveRevenue::default();
            for entry in &delivered {
                checked.apply(entry);
                naive.apply(entry);
            }
            assert_eq!(checked.inner.by_customer, clean.inner.by_customer);
            assert_eq!(checked.checkpoint, all.len() as u64);
            // Replaying a stretch that moves money counts it twice.
            let moves_money = all[resume_from..crash_after]
                .iter()
                .any(|e| !matches!(e.event, Event::Cancelled { .. }));
            if moves_money {
                assert_ne!(naive.by_customer, clean.inner.by_customer);
            }
        }
    }
}

/// A read model added later is built from the whole history, and replaying
/// the log into a fresh one gives the same view as applying it as it grew.
#[test]
fn a_new_read_model_is_built_from_history() {
    let mut log = sample();
    let mut live = OpenOrders::default();
    log.after(0).iter().for_each(|e| live.apply(e));
    place(&mut log, 5, "dan", 100).expect("new");
    log.after(live.checkpoint)
        .iter()
        .for_each(|e| live.apply(e));
    let mut rebuilt = OpenOrders::default();
    log.after(0).iter().for_each(|e| rebuilt.apply(e));
    assert_eq!(live.open, rebuilt.open);
    assert_eq!(rebuilt.count(), 3, "orders 3, 4 and 5");
}

/// A refund whose order the model never saw placed is set aside, not a
/// panic that would recur on every redelivery.
#[test]
fn a_refund_for_an_unknown_order_is_set_aside() {
    let mut view = Revenue::default();
    view.apply(&Envelope {
        seq: 1,
        event: Event::Refunded {
            order: 9,
            cents: 100,
        },
    });
    assert_eq!(view.inner.unknown, [1]);
    assert!(view.inner.by_customer.is_empty());
    assert_eq!(view.checkpoint, 1);
}

/// With no gap check, an event that arrives after a later one (a
/// transaction that committed late) falls at or below the checkpoint and
/// is skipped for good.
#[test]
fn an_event_behind_the_checkpoint_is_lost_without_a_gap_check() {
    let log = sample();
    let entries = log.after(0);
    let mut late = Revenue::default();
    for i in [0, 1, 3, 2] {
        late.apply(&entries[i]);
    }
    assert_eq!(late.checkpoint, 4);
    assert_eq!(
        late.inner.by_customer["ana"], 5000,
        "the refund (3) is lost"
    );
}
