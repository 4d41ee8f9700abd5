//! The storage's fencing check, and the protocol under faults.

use failure_detection::fencing::{self, Schedule, Storage, Variant};

// Fails if the storage accepts a stale token.
#[test]
fn storage_refuses_a_stale_token() {
    let mut storage = Storage::new(true);
    assert!(storage.write(10, 1, 34));
    assert!(
        !storage.write(20, 0, 33),
        "token 33 after 34 must be refused"
    );
    assert!(storage.write(30, 1, 34), "the current holder writes again");
    assert_eq!(storage.rejected, 1);
    assert_eq!(storage.accepted.len(), 2);
}

#[test]
fn the_paused_primary_is_fenced_off() {
    let outcome = fencing::run(Variant::Fencing, 1, &Schedule::paused_primary());
    assert!(outcome.stale_accepted.is_empty());
    assert_eq!(outcome.storage.rejected, 1);
    let unfenced = fencing::run(Variant::ClientClock, 1, &Schedule::paused_primary());
    assert_eq!(unfenced.stale_accepted.len(), 1);
}

#[test]
fn sweep_holds_with_fencing_and_breaks_without() {
    let broken = |variant| {
        (0..300)
            .filter(|&seed| {
                !fencing::run(variant, seed, &Schedule::generate(seed))
                    .stale_accepted
                    .is_empty()
            })
            .count()
    };
    assert_eq!(broken(Variant::Fencing), 0);
    assert!(broken(Variant::NoFencing) > 0);
    assert!(broken(Variant::ClientClock) > 0);
}

/// Seeds of the sweep whose client-clock run breaks, after `keep` strips
/// some kinds of fault from each schedule.
fn client_clock_breaks(keep: fn(&mut Schedule)) -> usize {
    (0..300)
        .filter(|&seed| {
            let mut schedule = Schedule::generate(seed);
            keep(&mut schedule);
            !fencing::run(Variant::ClientClock, seed, &schedule)
                .stale_accepted
                .is_empty()
        })
        .count()
}

// A holder spends about 600 ms of its 1 s lease, so a clock up to 10% slow
// alone never lets it write late; slow packets and pauses do. Fails if the
// holders use their whole lease.
#[test]
fn client_clock_breaks_on_slow_packets_and_pauses_not_on_drift_alone() {
    let drift_only = client_clock_breaks(|s| {
        s.pauses.clear();
        s.slow_write_percent = 0;
    });
    assert_eq!(drift_only, 0);
    let slow_packets_only = client_clock_breaks(|s| {
        s.pauses.clear();
        s.clock_permille.iter_mut().for_each(|c| *c = 1000);
    });
    assert!(slow_packets_only > 0);
    let pauses_only = client_clock_breaks(|s| {
        s.slow_write_percent = 0;
        s.clock_permille.iter_mut().for_each(|c| *c = 1000);
    });
    assert!(pauses_only > 0);
}
