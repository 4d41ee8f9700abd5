//! Pins what the chapter says loom does not model: it treats `SeqCst` loads
//! and stores as `Acquire`/`Release` (loom's README, "Unsupported features").

use loom::sync::Arc;
use loom::sync::atomic::AtomicBool;
use loom::sync::atomic::Ordering::SeqCst;
use loom::thread;
use lost_update::explore;

// Store buffering: each thread raises its own flag, then reads the other's.
// Under the C11 model `SeqCst` puts all four operations in one total order,
// so at least one thread must see the other's flag: (false, false) is
// impossible. Loom reports it anyway, because it models `SeqCst` as weaker.
#[test]
fn loom_lets_seqcst_store_buffering_see_both_flags_down() {
    let outcomes = explore(|| {
        let x = Arc::new(AtomicBool::new(false));
        let y = Arc::new(AtomicBool::new(false));
        let other = {
            let (x, y) = (Arc::clone(&x), Arc::clone(&y));
            thread::spawn(move || {
                y.store(true, SeqCst);
                x.load(SeqCst)
            })
        };
        x.store(true, SeqCst);
        let seen_y = y.load(SeqCst);
        let seen_x = other.join().expect("the other thread panicked");
        (seen_x, seen_y)
    });
    assert!(
        outcomes.finals.contains(&(false, false)),
        "loom now models SeqCst's total order; update the chapter: {:?}",
        outcomes.finals
    );
}
