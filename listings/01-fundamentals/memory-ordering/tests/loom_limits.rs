//! Pins what the chapter says loom does not model (loom's README,
//! "Unsupported features"): it treats `SeqCst` loads and stores as
//! `Acquire`/`Release`, and it does not explore load buffering.

use loom::sync::atomic::Ordering::{Acquire, Release, SeqCst};
use memory_ordering::explore;
use memory_ordering::litmus::{load_buffering, store_buffering};
use std::collections::BTreeSet;

// Under the C++20 model `SeqCst` puts all four operations of store buffering in
// one total order, so at least one thread must see the other's flag:
// (false, false) is impossible. Loom reports it anyway, because it models
// `SeqCst` as weaker: a false alarm.
#[test]
fn loom_lets_seqcst_store_buffering_see_both_flags_down() {
    let outcomes = explore(|| store_buffering(SeqCst, SeqCst));
    assert!(
        outcomes.finals.contains(&(false, false)),
        "loom now models SeqCst's total order; update the chapter: {:?}",
        outcomes.finals
    );
}

// Pins that with Release/Acquire, which C++20 does allow to see both flags
// down, loom finds the same four outcomes as with SeqCst: it cannot tell them
// apart.
#[test]
fn store_buffering_looks_the_same_under_release_acquire_and_seqcst() {
    let weak = explore(|| store_buffering(Release, Acquire));
    let strong = explore(|| store_buffering(SeqCst, SeqCst));
    let all: BTreeSet<(bool, bool)> = [(false, false), (false, true), (true, false), (true, true)]
        .into_iter()
        .collect();
    assert_eq!(weak.finals, all);
    assert_eq!(strong.finals, all);
}

// C++20 allows load buffering to end with both threads reading true (each load
// sees the other thread's later store). Loom never tries that execution, so
// a bug that needs it passes under loom: a missed bug.
#[test]
fn loom_never_explores_load_buffering() {
    let outcomes = explore(load_buffering);
    let expected: BTreeSet<(bool, bool)> = [(false, false), (false, true), (true, false)]
        .into_iter()
        .collect();
    assert_eq!(
        outcomes.finals, expected,
        "loom now explores load buffering; update the chapter"
    );
}

// Pins what loom does model: with a `fence(SeqCst)` between each thread's
// store and load, store buffering can no longer read both flags down (the
// quiz's fenced variant relies on this).
#[test]
fn loom_models_seqcst_fences_in_store_buffering() {
    use loom::sync::Arc;
    use loom::sync::atomic::Ordering::Relaxed;
    use loom::sync::atomic::{AtomicBool, fence};
    use loom::thread;

    let outcomes = explore(|| {
        let x = Arc::new(AtomicBool::new(false));
        let y = Arc::new(AtomicBool::new(false));
        let other = {
            let (x, y) = (Arc::clone(&x), Arc::clone(&y));
            thread::spawn(move || {
                y.store(true, Relaxed);
                fence(SeqCst);
                x.load(Relaxed)
            })
        };
        x.store(true, Relaxed);
        fence(SeqCst);
        let seen_y = y.load(Relaxed);
        let seen_x = other.join().expect("the other thread panicked");
        (seen_x, seen_y)
    });
    assert!(
        !outcomes.finals.contains(&(false, false)),
        "{:?}",
        outcomes.finals
    );
    assert_eq!(outcomes.finals.len(), 3, "{:?}", outcomes.finals);
}
