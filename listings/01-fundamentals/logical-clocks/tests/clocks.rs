//! Unit tests: the clock rules, the chapter's history, the wall-clock demo,
//! and invalid histories.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use logical_clocks::history::three_servers;
use logical_clocks::wall::{
    Machine, elapsed_by_wall_clock, newest_by_lamport, newest_by_wall_clock, rename_race, time_it,
};
use logical_clocks::{
    Action, Causality, Event, History, HistoryError, LamportClock, VectorClock, lamport_stamps,
    vector_stamps,
};

fn vc(counts: &[u64]) -> VectorClock {
    VectorClock::from_counts(counts.to_vec())
}

fn ev(process: usize, action: Action) -> Event {
    Event { process, action }
}

// Pins Lamport's receive rule: max(own, message) + 1, from either side.
#[test]
fn lamport_receive_jumps_past_the_larger_clock() {
    let mut clock = LamportClock::default();
    assert_eq!(clock.tick(), 1);
    assert_eq!(clock.receive(7), 8);
    assert_eq!(clock.receive(3), 9);
    assert_eq!(clock.now(), 9);
}

// Pins the four answers of compare, including the concurrent case.
#[test]
fn vector_compare_tells_before_after_equal_and_concurrent() {
    assert_eq!(vc(&[1, 0, 0]).compare(&vc(&[2, 1, 0])), Causality::Before);
    assert_eq!(vc(&[2, 1, 0]).compare(&vc(&[1, 0, 0])), Causality::After);
    assert_eq!(vc(&[2, 1, 0]).compare(&vc(&[2, 1, 0])), Causality::Equal);
    assert_eq!(
        vc(&[2, 0, 0]).compare(&vc(&[0, 1, 0])),
        Causality::Concurrent
    );
    assert!(vc(&[2, 0, 0]).partial_cmp(&vc(&[0, 1, 0])).is_none());
}

// Pins that a missing entry counts as 0, so lengths may differ.
#[test]
fn vector_clocks_of_different_lengths_compare_as_zero_padded() {
    assert_eq!(vc(&[1, 0]), vc(&[1]));
    assert_eq!(vc(&[1]).compare(&vc(&[1, 1])), Causality::Before);
    assert_eq!(vc(&[]).compare(&vc(&[])), Causality::Equal);
}

// Pins merge: entry-wise maximum, growing to the longer clock.
#[test]
fn merge_takes_the_entrywise_maximum() {
    let mut mine = vc(&[3, 0]);
    mine.merge(&vc(&[1, 4, 2]));
    assert_eq!(mine.to_string(), "[3,4,2]");
    let mut ticked = VectorClock::new(0);
    ticked.tick(2);
    assert_eq!(ticked.to_string(), "[0,0,1]");
}

// Pins every stamp of the chapter's history, which the diagram shows.
#[test]
fn three_servers_has_the_stamps_the_chapter_shows() {
    let history = three_servers();
    let labels: Vec<String> = (0..10).map(|i| history.label(i)).collect();
    assert_eq!(
        labels,
        ["A1", "A2", "B1", "B2", "B3", "C1", "C2", "A3", "C3", "A4"]
    );
    assert_eq!(lamport_stamps(&history), [1, 2, 1, 3, 4, 1, 2, 3, 5, 4]);
    let vectors: Vec<String> = vector_stamps(&history)
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        vectors,
        [
            "[1,0,0]", "[2,0,0]", "[0,1,0]", "[2,2,0]", "[2,3,0]", "[0,0,1]", "[0,0,2]", "[3,0,2]",
            "[2,3,3]", "[4,0,2]"
        ]
    );
}

// Pins the converse failure: B1 has the smaller Lamport stamp than A2, yet
// they are concurrent.
#[test]
fn smaller_lamport_stamp_does_not_mean_happened_before() {
    let history = three_servers();
    let hb = history.happens_before();
    let lamport = lamport_stamps(&history);
    assert!(lamport[2] < lamport[1]);
    assert!(!hb[2][1] && !hb[1][2]);
    // And transitivity: A1 -> A2 -> B2 -> B3 -> C3.
    assert!(hb[0][8]);
}

// Pins the NTP demo: the wall clock reports an error, the monotonic 50 ms.
#[test]
fn a_backward_step_breaks_wall_clock_durations_only() {
    let mut machine = Machine::new(1_000_000);
    let (wall_start, mono_start) = (machine.wall_now(), machine.monotonic_now());
    machine.advance(20);
    machine.step_wall_clock_back(200);
    machine.advance(30);
    let error = elapsed_by_wall_clock(wall_start, machine.wall_now()).unwrap_err();
    assert_eq!(error.duration(), Duration::from_millis(150));
    assert_eq!(
        machine.monotonic_now() - mono_start,
        Duration::from_millis(50)
    );
}

// Pins that the wall-clock difference is right when nobody sets the clock.
#[test]
fn wall_clock_durations_work_without_a_step() {
    let start: SystemTime = UNIX_EPOCH + Duration::from_secs(10);
    let end = start + Duration::from_millis(5);
    assert_eq!(
        elapsed_by_wall_clock(start, end).unwrap(),
        Duration::from_millis(5)
    );
}

// Pins that time_it returns the work's value and a duration at least as
// long as the work slept (a generous lower bound, no upper bound).
#[test]
fn time_it_measures_at_least_the_sleep() {
    let (value, elapsed) = time_it(|| {
        std::thread::sleep(Duration::from_millis(5));
        42
    });
    assert_eq!(value, 42);
    assert!(elapsed >= Duration::from_millis(5));
}

// Pins the race: a slow clock makes wall-clock LWW keep the older write,
// while Lamport keeps the newer one; with an exact clock both agree.
#[test]
fn slow_clock_makes_wall_clock_lww_drop_the_newer_write() {
    let writes = rename_race(80);
    assert_eq!(newest_by_wall_clock(&writes).unwrap().value, "Ada");
    assert_eq!(newest_by_lamport(&writes).unwrap().value, "Ada L.");
    let exact = rename_race(0);
    assert_eq!(newest_by_wall_clock(&exact).unwrap().value, "Ada L.");
    assert!(newest_by_lamport(&[]).is_none());
}

// Pins every kind of invalid history the constructor refuses.
#[test]
fn impossible_histories_are_refused() {
    use Action::{Local, Receive, Send};
    assert_eq!(History::new(0, vec![]), Err(HistoryError::NoProcesses));
    assert_eq!(
        History::new(2, vec![ev(2, Local)]),
        Err(HistoryError::UnknownProcess { event: 0 })
    );
    assert_eq!(
        History::new(2, vec![ev(0, Send { to: 5 })]),
        Err(HistoryError::UnknownProcess { event: 0 })
    );
    assert_eq!(
        History::new(2, vec![ev(0, Send { to: 0 })]),
        Err(HistoryError::SendToSelf { event: 0 })
    );
    assert_eq!(
        History::new(2, vec![ev(1, Receive { send: 1 }), ev(0, Send { to: 1 })]),
        Err(HistoryError::NotAnEarlierSend { event: 0 })
    );
    assert_eq!(
        History::new(2, vec![ev(0, Local), ev(1, Receive { send: 0 })]),
        Err(HistoryError::NotAnEarlierSend { event: 1 })
    );
    assert_eq!(
        History::new(3, vec![ev(0, Send { to: 1 }), ev(2, Receive { send: 0 })]),
        Err(HistoryError::WrongReceiver { event: 1 })
    );
    assert_eq!(
        History::new(
            2,
            vec![
                ev(0, Send { to: 1 }),
                ev(1, Receive { send: 0 }),
                ev(1, Receive { send: 0 })
            ]
        ),
        Err(HistoryError::ReceivedTwice { event: 2 })
    );
}

// Pins that the generator never fails, even on one process (no sends).
#[test]
fn from_choices_builds_valid_histories_for_any_input() {
    let choices: Vec<(u8, u8, u8)> = (0..=255u8).map(|i| (i, i / 3, i / 7)).collect();
    for processes in 1..=4 {
        let history = History::from_choices(processes, &choices);
        assert_eq!(history.events().len(), choices.len());
    }
    let lonely = History::from_choices(1, &choices);
    assert!(lonely.events().iter().all(|e| e.action == Action::Local));
}
