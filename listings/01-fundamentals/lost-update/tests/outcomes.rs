//! Pins the set of possible final values of every version, as loom finds
//! them by trying every interleaving.

use std::collections::BTreeSet;
use std::process::Command;

use lost_update::account::{self, run_withdrawals};
use lost_update::counter::{self, Increment, run_counter};
use lost_update::explore;
use lost_update::publish::{Observation, PAYLOAD, run_publish};

fn set<T: Ord, const N: usize>(values: [T; N]) -> BTreeSet<T> {
    values.into_iter().collect()
}

// Pins the lost update: with two threads adding 1 once each, loom finds a
// run that ends at 1 as well as the expected 2.
#[test]
fn load_then_store_can_lose_one_of_two_increments() {
    let outcomes = explore(|| run_counter(Increment::LoadThenStore, 2, 1));
    assert_eq!(outcomes.finals, set([1, 2]));
}

// Pins the quiz answer: two increments each can end at 2, 3 or 4, never 1.
#[test]
fn load_then_store_with_two_increments_each_ends_at_two_three_or_four() {
    let outcomes = explore(|| run_counter(Increment::LoadThenStore, 2, 2));
    assert_eq!(outcomes.finals, set([2, 3, 4]));
}

// Pins every fix: no interleaving loses an increment, with one or two each.
#[test]
fn every_fix_counts_every_increment_in_every_interleaving() {
    for version in [
        Increment::FetchAdd,
        Increment::CompareExchangeLoop,
        Increment::Mutex,
    ] {
        for increments in [1, 2] {
            let outcomes = explore(move || run_counter(version, 2, increments));
            assert_eq!(outcomes.finals, set([2 * increments]), "{version:?}");
        }
    }
}

// Pins that the race needs concurrency: one thread alone never loses a write.
#[test]
fn load_then_store_is_correct_on_a_single_thread() {
    let outcomes = explore(|| run_counter(Increment::LoadThenStore, 1, 3));
    assert_eq!(outcomes.finals, set([3]));
}

// Pins the edge cases: no threads, or threads that add nothing, leave 0.
#[test]
fn no_work_leaves_the_counter_at_zero() {
    for version in Increment::ALL {
        assert_eq!(explore(move || run_counter(version, 0, 5)).finals, set([0]));
        assert_eq!(explore(move || run_counter(version, 2, 0)).finals, set([0]));
    }
}

// Pins that the racy version needs more executions than fetch_add: loom
// explores the extra step between the load and the store.
#[test]
fn the_racy_version_has_more_interleavings_than_fetch_add() {
    let racy = explore(|| run_counter(Increment::LoadThenStore, 2, 1));
    let fixed = explore(|| run_counter(Increment::FetchAdd, 2, 1));
    assert!(racy.executions > fixed.executions, "{racy:?} vs {fixed:?}");
}

// Pins the increment functions on their own: three calls add three.
#[test]
fn each_increment_function_adds_one_per_call() {
    let outcomes = explore(|| {
        let atomic = loom::sync::atomic::AtomicUsize::new(0);
        counter::increment_load_then_store(&atomic);
        counter::increment_fetch_add(&atomic);
        counter::increment_compare_exchange(&atomic);
        let locked = loom::sync::Mutex::new(atomic.into_inner());
        counter::increment_mutex(&locked);
        locked.into_inner().expect("unpoisoned")
    });
    assert_eq!(outcomes.finals, set([4]));
    assert_eq!(outcomes.executions, 1, "one thread has one interleaving");
}

// Pins check-then-act: locking the check and the act separately lets both
// withdrawals of 60 from 100 pass, overdrawing to -20.
#[test]
fn check_then_act_under_two_locks_can_overdraw() {
    let outcomes = explore(|| run_withdrawals(account::withdraw_check_then_act, 100, 60));
    assert_eq!(outcomes.finals, set([-20, 40]));
}

// Pins the fix: one lock around check and act never overdraws.
#[test]
fn check_and_act_under_one_lock_never_overdraws() {
    let outcomes = explore(|| run_withdrawals(account::withdraw_under_one_lock, 100, 60));
    assert_eq!(outcomes.finals, set([40]));
}

// Pins the edge cases of withdrawing: too large is refused by both versions,
// and two withdrawals that both fit succeed in both versions.
#[test]
fn withdrawals_that_never_or_always_fit_agree_across_versions() {
    for withdraw in [
        account::withdraw_check_then_act as account::Withdraw,
        account::withdraw_under_one_lock,
    ] {
        assert_eq!(
            explore(move || run_withdrawals(withdraw, 100, 150)).finals,
            set([100])
        );
        assert_eq!(
            explore(move || run_withdrawals(withdraw, 100, 50)).finals,
            set([0])
        );
    }
}

// Pins a single withdrawal's return value: true and debited, or false and
// untouched.
#[test]
fn a_withdrawal_reports_whether_it_happened() {
    let outcomes = explore(|| {
        let balance = loom::sync::Mutex::new(100);
        let first = account::withdraw_under_one_lock(&balance, 70);
        let second = account::withdraw_check_then_act(&balance, 70);
        (first, second, *balance.lock().expect("unpoisoned"))
    });
    assert_eq!(outcomes.finals, set([(true, false, 30)]));
}

// Pins the first look at memory ordering: with Relaxed on the flag, the
// reader can see the flag up and still read the old data.
#[test]
fn a_relaxed_flag_can_be_seen_before_the_data() {
    let outcomes = explore(|| run_publish(false));
    assert!(
        outcomes.finals.contains(&Observation::Ready(0)),
        "{outcomes:?}"
    );
    assert!(outcomes.finals.contains(&Observation::Ready(PAYLOAD)));
}

// Pins the fix: Release on the store and Acquire on the load mean a reader
// that sees the flag also sees the data.
#[test]
fn a_release_acquire_flag_always_carries_the_data() {
    let outcomes = explore(|| run_publish(true));
    assert_eq!(
        outcomes.finals,
        set([Observation::NotReady, Observation::Ready(PAYLOAD)])
    );
}

// Pins that a failing assertion inside a model fails the whole exploration
// instead of being lost among the interleavings.
#[test]
#[should_panic(expected = "lost an update")]
fn a_panic_in_any_interleaving_fails_explore() {
    explore(|| {
        let total = run_counter(Increment::LoadThenStore, 2, 1);
        assert_eq!(total, 2, "lost an update");
        total
    });
}

// Pins how the printed table spells a set.
#[test]
fn finals_text_lists_the_values_in_braces() {
    let outcomes = explore(|| run_counter(Increment::LoadThenStore, 2, 1));
    assert_eq!(outcomes.finals_text(), "{1, 2}");
    let observed = explore(|| run_publish(true));
    assert_eq!(observed.finals_text(), "{not ready, ready with 42}");
}

// Pins the output the quiz is checked against: one value per line, sorted.
#[test]
fn racy_outcomes_prints_two_three_and_four() {
    let output = Command::new(env!("CARGO_BIN_EXE_racy-outcomes"))
        .output()
        .expect("racy-outcomes runs");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), "2\n3\n4\n");
}

// Pins that the main listing prints the same thing every run, so its
// recorded output cannot drift.
#[test]
fn the_main_listing_is_deterministic() {
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_lost-update"))
            .env("LOOM_MAX_PREEMPTIONS", "1") // must not change the counts
            .output()
            .expect("lost-update runs")
            .stdout
    };
    let first = run();
    assert!(String::from_utf8_lossy(&first).contains("load then store (racy)   {1, 2}"));
    assert_eq!(first, run());
}
