//! The chapter's run: commands into the log, then two read models fed with
//! an at-least-once delivery that hands one stretch of the log over twice.

use order_events::log::Log;
use order_events::read::{NaiveRevenue, OpenOrders, Revenue};
use order_events::write::{cancel, place, refund};

fn main() {
    // ANCHOR: commands
    let mut log = Log::default();
    println!("place 1:  {:?}", place(&mut log, 1, "ana", 3000));
    println!("place 2:  {:?}", place(&mut log, 2, "bob", 1500));
    println!("place 1:  {:?}", place(&mut log, 1, "ana", 9999));
    println!("refund 1: {:?}", refund(&mut log, 1, 5000));
    println!("refund 1: {:?}", refund(&mut log, 1, 1000));
    println!("cancel 1: {:?}", cancel(&mut log, 1));
    println!("place 3:  {:?}", place(&mut log, 3, "ana", 2000));
    // ANCHOR_END: commands

    // ANCHOR: delivery
    // The consumer applied events 1 to 4, but its committed queue offset
    // was 2, so after a restart it is handed everything after 2 again:
    // the first four entries (a slice), then (`chain`) the rest from 3.
    let delivered: Vec<_> = log.after(0)[..4]
        .iter()
        .chain(log.after(2))
        .cloned()
        .collect();
    let seqs: Vec<u64> = delivered.iter().map(|e| e.seq).collect();
    println!("delivered: {seqs:?}");

    let mut naive = NaiveRevenue::default();
    let mut checked = Revenue::default();
    for entry in &delivered {
        naive.apply(entry);
        checked.apply(entry);
    }
    println!("naive revenue:    {:?}", naive.by_customer);
    println!("revenue with seq: {:?}", checked.inner.by_customer);
    // ANCHOR_END: delivery

    // ANCHOR: rebuild
    let mut rebuilt = Revenue::default();
    let mut open = OpenOrders::default();
    for entry in log.after(0) {
        rebuilt.apply(entry);
        open.apply(entry);
    }
    println!("rebuilt from the log: {:?}", rebuilt.inner.by_customer);
    println!("open orders, a view added today: {}", open.count());
    // ANCHOR_END: rebuild
}
