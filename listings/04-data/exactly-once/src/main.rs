use exactly_once::natural::{self, Op};
use exactly_once::window::{self, DELAYS};
use exactly_once::{FAULTS, MODES, Mode, tally};

fn main() {
    // ANCHOR: main
    let seeds = 0..1_000;
    let n = 20; // payments per schedule
    println!("== {n} payments, 1,000 seeded fault schedules ==");
    println!("mode            exact seeds  double charges  lost charges");
    for mode in MODES {
        let t = tally(mode, seeds.clone(), n, FAULTS);
        let name = format!("{mode:?}");
        println!(
            "{name:<15} {:>11}  {:>14}  {:>12}",
            t.exact, t.doubled, t.lost
        );
    }
    // ANCHOR_END: main
    let t = tally(Mode::OneTransaction, seeds.clone(), n, FAULTS);
    println!(
        "(OneTransaction: {} deliveries and {} crashes for {} payments)",
        t.deliveries,
        t.crashes,
        t.seeds * n
    );

    // ANCHOR: window_run
    let n = 100_000;
    let order = window::deliveries(7, n, DELAYS);
    println!();
    println!("== dedup window by count: {n} payments, one seed ==");
    println!("window (keys)  redeliveries  applied twice");
    for capacity in [10, 30, 100, 300, 400, 500, 700, 1_000] {
        let (redelivered, twice) = window::measure(capacity, &order, n);
        println!("{capacity:>13}  {redelivered:>12}  {twice:>13}");
    }
    // ANCHOR_END: window_run

    println!();
    println!("== naturally idempotent? 1,000 schedules of 20 changes ==");
    for op in [Op::Increment, Op::Set, Op::SetIfNewer] {
        let ok = (0..1_000).filter(|&s| natural::correct(op, s, 20)).count();
        let name = format!("{op:?}");
        println!("{name:<11} right final balance on {ok:>4} seeds");
    }
}
