//! The specification of `Consumer::step`.

use commit_together::{Consumer, Crash, Db, Payment};
use seeded::SplitMix64;
use std::collections::{BTreeMap, BTreeSet};

fn pay(id: u64, account: u32, cents: i64) -> Payment {
    Payment { id, account, cents }
}

/// What the balances must be: each distinct payment id charged once.
fn expected(log: &[Payment]) -> BTreeMap<u32, i64> {
    let mut seen = BTreeSet::new();
    let mut balances = BTreeMap::new();
    for p in log {
        if seen.insert(p.id) {
            *balances.entry(p.account).or_insert(0) += p.cents;
        }
    }
    balances
}

/// Runs consumers until the log is done; after each crash a new consumer
/// starts, and `after_crash` may arm the next crash. Returns the crashes.
fn drive(db: &mut Db, log: &[Payment], mut after_crash: impl FnMut(&mut Db)) -> usize {
    let mut crashes = 0;
    let mut steps = 0;
    loop {
        let mut consumer = Consumer::new();
        loop {
            steps += 1;
            assert!(steps < 20 * log.len() + 100, "the consumer never finishes");
            match consumer.step(db, log) {
                Ok(true) => {}
                Ok(false) => return crashes,
                Err(Crash) => break,
            }
        }
        crashes += 1;
        after_crash(db);
    }
}

fn assert_exact(db: &Db, log: &[Payment]) {
    let want = expected(log);
    let got: BTreeMap<u32, i64> = db
        .balances()
        .iter()
        .filter(|&(_, &c)| c != 0)
        .map(|(&a, &c)| (a, c))
        .collect();
    assert_eq!(got, want, "balances differ from one charge per payment id");
    assert_eq!(
        db.offset(),
        log.len(),
        "the committed offset is not the end of the log"
    );
}

#[test]
fn a_clean_run_applies_every_payment() {
    let log = [pay(1, 1, 500), pay(2, 2, 300), pay(3, 1, 200)];
    let mut db = Db::new();
    drive(&mut db, &log, |_| {});
    assert_exact(&db, &log);
    assert_eq!(db.balance(1), 700);
    let mut consumer = Consumer::new();
    assert_eq!(consumer.step(&mut db, &log), Ok(false));
}

#[test]
fn a_producer_retry_is_charged_once() {
    let log = [
        pay(1, 1, 500),
        pay(2, 2, 300),
        pay(1, 1, 500),
        pay(1, 1, 500),
    ];
    let mut db = Db::new();
    drive(&mut db, &log, |_| {});
    assert_exact(&db, &log);
    assert_eq!(db.balance(1), 500);
}

#[test]
fn equal_payments_with_different_ids_both_count() {
    let log = [pay(1, 1, 500), pay(2, 1, 500)];
    let mut db = Db::new();
    drive(&mut db, &log, |_| {});
    assert_eq!(db.balance(1), 1_000);
}

#[test]
fn a_crash_at_any_commit_loses_and_doubles_nothing() {
    let log = [
        pay(1, 1, 500),
        pay(2, 2, 300),
        pay(1, 1, 500),
        pay(3, 1, 200),
    ];
    let mut clean = Db::new();
    drive(&mut clean, &log, |_| {});
    for n in 1..=clean.commits() + 1 {
        for lands in [false, true] {
            let mut db = Db::new();
            db.crash_on_commit(n, lands);
            drive(&mut db, &log, |_| {});
            assert_exact(&db, &log);
        }
    }
}

#[test]
fn a_restart_remembers_payments_seen_before_it() {
    let log = [pay(1, 1, 500), pay(2, 2, 300), pay(1, 1, 500)];
    for n in 1..=3 {
        let mut db = Db::new();
        db.crash_on_commit(n, true);
        assert_eq!(drive(&mut db, &log, |_| {}), 1);
        assert_exact(&db, &log);
    }
}

#[test]
fn seeded_logs_and_crash_schedules() {
    for seed in 0..1_000 {
        let mut rng = SplitMix64(seed);
        let mut log = Vec::new();
        for id in 0..30 {
            // Few accounts and amounts: equal content with different ids is common.
            let p = pay(id, rng.below(3) as u32, 100 * (1 + rng.below(3) as i64));
            log.push(p);
            if rng.unit() < 0.2 {
                // A producer retry, written a little later in the log.
                let at = log.len() - rng.below(3).min(log.len() - 1);
                log.insert(at, p);
            }
        }
        let mut db = Db::new();
        let arm = |db: &mut Db, rng: &mut SplitMix64| {
            db.crash_on_commit(1 + rng.below(6), rng.below(2) == 0)
        };
        arm(&mut db, &mut rng);
        let crashes = drive(&mut db, &log, |db| arm(db, &mut rng));
        assert!(crashes > 0, "seed {seed}: no crash");
        let want = expected(&log);
        for (account, cents) in want {
            assert_eq!(db.balance(account), cents, "seed {seed}, account {account}");
        }
        assert_eq!(db.offset(), log.len(), "seed {seed}");
    }
}
