use exactly_once::natural::{self, Op};
use exactly_once::window::{self, DELAYS, Window};
use exactly_once::{FAULTS, Faults, Mode, Payment, check, run, tally};

const NO_FAULTS: Faults = Faults {
    duplicate: 0.0,
    crash: 0.0,
    reorder: 1,
};

fn pay(id: u64) -> Payment {
    Payment {
        id,
        account: 1,
        cents: 100,
    }
}

#[test]
fn the_checker_counts_doubles_losses_and_phantoms() {
    let sent = [pay(1), pay(2), pay(3)];
    assert!(check(&sent, &[3, 1, 2]).exact());
    let v = check(&sent, &[1, 1, 1, 3, 9]);
    assert_eq!((v.doubled, v.lost, v.phantom), (2, 1, 1));
}

#[test]
fn one_transaction_is_exact_on_every_seed() {
    for seed in 0..1_000 {
        let r = run(Mode::OneTransaction, seed, 20, FAULTS);
        assert!(r.verdict.exact(), "seed {seed}: {:?}", r.verdict);
    }
    // ... and the schedules really were hostile.
    let t = tally(Mode::OneTransaction, 0..1_000, 20, FAULTS);
    assert!(t.crashes > 1_000 && t.deliveries > t.seeds * 20 + 2_000);
}

#[test]
fn the_checker_catches_every_broken_variant() {
    let t = |mode| tally(mode, 0..1_000, 20, FAULTS);
    let none = t(Mode::NoDedup);
    assert!(none.doubled > 0 && none.lost == 0);
    let after = t(Mode::RecordAfter);
    assert!(after.doubled > 0 && after.lost == 0);
    let before = t(Mode::RecordBefore);
    assert!(before.lost > 0 && before.doubled == 0);
    let content = t(Mode::KeyOnContent);
    assert!(content.lost > 0 && content.exact < content.seeds);
}

#[test]
fn without_faults_every_mode_but_content_keys_is_exact() {
    for mode in [
        Mode::NoDedup,
        Mode::RecordAfter,
        Mode::RecordBefore,
        Mode::OneTransaction,
    ] {
        for seed in 0..100 {
            assert!(run(mode, seed, 20, NO_FAULTS).verdict.exact(), "{mode:?}");
        }
    }
}

#[test]
fn separate_commits_fail_only_when_crashing_between_them() {
    // Duplicates and reordering alone are harmless to both orders.
    let dup_only = Faults {
        crash: 0.0,
        ..FAULTS
    };
    for mode in [Mode::RecordAfter, Mode::RecordBefore] {
        let t = tally(mode, 0..300, 20, dup_only);
        assert_eq!(t.exact, t.seeds, "{mode:?}");
    }
}

#[test]
fn a_window_forgets_oldest_first() {
    let mut w = Window::new(2);
    assert!(w.first_time(1) && w.first_time(2));
    assert!(!w.first_time(1));
    assert!(w.first_time(3)); // evicts 1
    assert!(w.first_time(1));
    assert!(!w.first_time(3));
}

#[test]
fn a_bigger_window_never_lets_more_through() {
    let n = 20_000;
    let order = window::deliveries(3, n, DELAYS);
    let mut last = usize::MAX;
    for cap in [1, 10, 100, 300, 1_000, 3_000] {
        let (_, twice) = window::measure(cap, &order, n);
        assert!(twice <= last);
        last = twice;
    }
    assert_eq!(last, 0);
    assert_eq!(window::measure(n, &order, n).1, 0);
}

#[test]
fn only_a_versioned_set_survives_duplicates_and_reordering() {
    let ok = |op| (0..1_000).filter(|&s| natural::correct(op, s, 20)).count();
    assert_eq!(ok(Op::SetIfNewer), 1_000);
    assert!(ok(Op::Set) < 1_000);
    assert!(ok(Op::Increment) < 1_000);
}
