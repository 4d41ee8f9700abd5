//! Pins what loom finds for every way of taking forks: which ones can
//! deadlock, and which ones finish in every interleaving.

use std::process::Command;

use dining_philosophers::explore::{Verdict, explore};
use dining_philosophers::table::{Dinner, Meal, Strategy, Table, dine, forks_of, philosopher};

fn finished(verdict: Verdict<Dinner>) -> Vec<Dinner> {
    match verdict {
        Verdict::Finished(outcomes) => outcomes.finals.into_iter().collect(),
        Verdict::Deadlock { execution } => panic!("deadlocked in execution {execution}"),
    }
}

// Pins the naive table: with two and with three philosophers, some
// interleaving leaves every thread blocked.
#[test]
fn left_then_right_can_deadlock() {
    for philosophers in [2, 3] {
        let verdict = explore(move || dine(philosophers, Strategy::LeftThenRight));
        assert!(
            matches!(verdict, Verdict::Deadlock { .. }),
            "{philosophers}: {verdict:?}"
        );
    }
}

// Pins that mirroring the naive rule does not help: the circle just turns
// the other way.
#[test]
fn right_then_left_can_deadlock_too() {
    let verdict = explore(|| dine(3, Strategy::RightThenLeft));
    assert!(matches!(verdict, Verdict::Deadlock { .. }), "{verdict:?}");
}

// Pins the fix: with one global fork order, every interleaving finishes and
// every philosopher eats.
#[test]
fn lower_first_never_deadlocks_and_everyone_eats() {
    for philosophers in [2, 3] {
        let dinners = finished(explore(move || dine(philosophers, Strategy::LowerFirst)));
        assert_eq!(dinners, [Dinner(vec![Meal::Ate; philosophers])]);
    }
}

// Pins try_lock with back-off: no interleaving deadlocks, and in some a
// philosopher runs out of attempts.
#[test]
fn try_lock_never_deadlocks_but_can_give_up() {
    let dinners = finished(explore(|| {
        dine(2, Strategy::TryLockBackoff { attempts: 1 })
    }));
    assert!(dinners.contains(&Dinner(vec![Meal::Ate, Meal::Ate])));
    assert!(dinners.iter().any(|d| d.0.contains(&Meal::GaveUp)));
}

// Pins that the deadlock is a scheduling accident: running the naive
// philosophers one after another on one thread always works.
#[test]
fn left_then_right_is_fine_without_concurrency() {
    let dinners = finished(explore(|| {
        let table = Table::new(3);
        let meals = (0..3)
            .map(|seat| philosopher(&table, seat, Strategy::LeftThenRight))
            .collect();
        assert_eq!(table.meals_served(), 3);
        Dinner(meals)
    }));
    assert_eq!(dinners, [Dinner(vec![Meal::Ate; 3])]);
}

// Pins the fork numbering: philosopher i sits between forks i and i + 1,
// and the last one wraps around to fork 0.
#[test]
fn forks_wrap_around_the_table() {
    assert_eq!(forks_of(0, 3), (0, 1));
    assert_eq!(forks_of(2, 3), (2, 0));
}

// Pins that every failed try is counted, and that a philosopher whose right
// fork stays taken gives up after its budget of attempts.
#[test]
fn a_busy_right_fork_is_counted_and_ends_in_giving_up() {
    let dinners = finished(explore(|| {
        let table = Table::new(2);
        let _neighbour_holds = table.fork(1).lock().expect("unpoisoned");
        let meal = philosopher(&table, 0, Strategy::TryLockBackoff { attempts: 3 });
        assert_eq!(table.busy_forks(), 3, "one busy fork per attempt");
        assert_eq!(table.meals_served(), 0);
        Dinner(vec![meal])
    }));
    assert_eq!(dinners, [Dinner(vec![Meal::GaveUp])]);
}

// Pins the edge case of a zero budget: the philosopher gives up at once
// without touching a fork.
#[test]
fn zero_attempts_gives_up_without_trying() {
    let dinners = finished(explore(|| {
        let table = Table::new(2);
        let meal = philosopher(&table, 0, Strategy::TryLockBackoff { attempts: 0 });
        assert_eq!(table.busy_forks(), 0);
        Dinner(vec![meal])
    }));
    assert_eq!(dinners, [Dinner(vec![Meal::GaveUp])]);
}

// Pins bad input: a table needs at least two forks.
#[test]
#[should_panic(expected = "at least two forks")]
fn one_philosopher_is_refused() {
    explore(|| dine(1, Strategy::LowerFirst));
}

// Pins that explore passes on panics other than loom's deadlock report
// instead of calling them deadlocks.
#[test]
#[should_panic(expected = "not a deadlock")]
fn other_panics_are_not_deadlocks() {
    explore(|| -> Dinner { panic!("not a deadlock") });
}

// Pins how a dinner is printed.
#[test]
fn a_dinner_prints_each_meal_in_seat_order() {
    assert_eq!(
        Dinner(vec![Meal::Ate, Meal::GaveUp]).to_string(),
        "ate / gave up"
    );
}

// Pins the output the quiz is checked against: the two strategies that can
// deadlock, one per line.
#[test]
fn can_deadlock_prints_the_two_circular_strategies() {
    let output = Command::new(env!("CARGO_BIN_EXE_can-deadlock"))
        .output()
        .expect("can-deadlock runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "left then right\nright then left\n"
    );
}

// Pins that the main listing prints the same thing every run and ignores
// loom's environment variables, so its recorded output cannot drift.
#[test]
fn the_main_listing_is_deterministic() {
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_dining-philosophers"))
            .env("LOOM_MAX_PREEMPTIONS", "1") // must not change the counts
            .output()
            .expect("dining-philosophers runs")
            .stdout
    };
    let first = run();
    assert!(String::from_utf8_lossy(&first).contains("DEADLOCK"));
    assert_eq!(first, run());
}
