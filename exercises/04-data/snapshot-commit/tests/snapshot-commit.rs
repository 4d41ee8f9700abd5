//! The specification of `Store::commit`.

use seeded::SplitMix64;
use snapshot_commit::{Conflict, Store, Txn};

// Two transactions read 0 and write 1 to the same key. The first to
// commit wins; the second is refused, naming the key and the winner.
#[test]
fn the_second_writer_of_a_key_is_refused() {
    let mut s = Store::new(&[(1, 0)]);
    let (mut a, mut b) = (s.begin(), s.begin());
    s.write(&mut a, 1, 1);
    s.write(&mut b, 1, 1);
    let a_id = a.id;
    assert_eq!(s.commit(a), Ok(()));
    assert_eq!(s.commit(b), Err(Conflict { key: 1, with: a_id }));
    assert_eq!(s.latest()[&1], 1);
}

// The winner is whoever commits first, not whoever began first: here the
// younger transaction commits first and the older one is refused.
#[test]
fn the_first_to_commit_wins_not_the_first_to_begin() {
    let mut s = Store::new(&[(1, 0)]);
    let (mut older, mut younger) = (s.begin(), s.begin());
    s.write(&mut older, 1, 10);
    s.write(&mut younger, 1, 20);
    let younger_id = younger.id;
    assert_eq!(s.commit(younger), Ok(()));
    assert_eq!(
        s.commit(older),
        Err(Conflict {
            key: 1,
            with: younger_id
        })
    );
    assert_eq!(s.latest()[&1], 20);
}

// A transaction that began after the other committed saw its write, so it
// may overwrite it: only concurrent writers conflict.
#[test]
fn a_writer_that_began_after_the_commit_is_not_refused() {
    let mut s = Store::new(&[(1, 0)]);
    let mut a = s.begin();
    s.write(&mut a, 1, 1);
    s.commit(a).unwrap();
    let mut b = s.begin();
    let seen = s.read(&b, 1).unwrap();
    s.write(&mut b, 1, seen + 1);
    assert_eq!(s.commit(b), Ok(()));
    assert_eq!(s.latest()[&1], 2);
    let versions = &s.versions[&1];
    assert_eq!(versions.len(), 3);
    assert_eq!(versions[1].end, Some(versions[2].begin));
    assert_eq!(versions[2].end, None);
}

// Snapshot isolation checks writes, not reads: the doctors on call both
// read both rows and write different ones, and both commit (write skew).
#[test]
fn disjoint_writes_both_commit_even_after_overlapping_reads() {
    let mut s = Store::new(&[(0, 1), (1, 1)]);
    let (mut alice, mut bob) = (s.begin(), s.begin());
    for t in [&alice, &bob] {
        assert_eq!(s.read(t, 0).unwrap() + s.read(t, 1).unwrap(), 2);
    }
    s.write(&mut alice, 0, 0);
    s.write(&mut bob, 1, 0);
    assert_eq!(s.commit(alice), Ok(()));
    assert_eq!(s.commit(bob), Ok(()));
    assert_eq!(s.latest().values().sum::<i64>(), 0);
}

// A transaction that writes nothing always commits, and a commit by
// someone else in between does not refuse an unrelated key.
#[test]
fn read_only_and_unrelated_transactions_commit() {
    let mut s = Store::new(&[(1, 0), (2, 0)]);
    let (reader, mut other) = (s.begin(), s.begin());
    let mut w = s.begin();
    s.write(&mut w, 1, 5);
    s.commit(w).unwrap();
    assert_eq!(s.read(&reader, 1), Some(0));
    assert_eq!(s.commit(reader), Ok(()));
    s.write(&mut other, 2, 9);
    assert_eq!(s.commit(other), Ok(()));
    // A brand-new key: no version yet, nothing to conflict with.
    let mut fresh = s.begin();
    s.write(&mut fresh, 3, 1);
    assert_eq!(s.commit(fresh), Ok(()));
    assert_eq!(s.latest()[&3], 1);
}

// A refused commit changes nothing: no version of any key it wrote, not
// even the keys checked before the conflicting one, and it is not
// committed, so no later snapshot sees it.
#[test]
fn a_refused_commit_changes_nothing() {
    let mut s = Store::new(&[(1, 0), (2, 0)]);
    let (mut a, mut b) = (s.begin(), s.begin());
    s.write(&mut a, 2, 1);
    s.write(&mut b, 1, 100); // key 1 is free
    s.write(&mut b, 2, 100); // key 2 conflicts with a
    let b_id = b.id;
    s.commit(a).unwrap();
    assert!(s.commit(b).is_err());
    assert_eq!(s.versions[&1].len(), 1);
    assert_eq!(s.versions[&1][0].end, None);
    assert_eq!(s.versions[&2].len(), 2);
    assert_eq!(s.versions[&2][1].end, None);
    assert!(!s.committed.contains(&b_id));
    let later = s.begin();
    assert_eq!((s.read(&later, 1), s.read(&later, 2)), (Some(0), Some(1)));
}

/// One client of the seeded test: the counter it increments, its open
/// transaction with the value it read, and how many commits to that
/// counter happened while the transaction was open.
struct Client {
    key: u32,
    open: Option<(Txn, i64)>,
    overtaken: usize,
    done: bool,
}

// 1,000 seeded interleavings of 8 increments on 2 counters, each read then
// written in separate steps: every counter holds exactly the increments
// that committed (none lost), some are refused, and a transaction is
// refused only if another committed a write to its key while it was open.
#[test]
fn seeded_interleavings_lose_no_increment() {
    let mut refused = 0;
    for seed in 0..1_000 {
        let mut rng = SplitMix64(seed);
        let mut s = Store::new(&[(0, 0), (1, 0)]);
        let mut clients: Vec<Client> = (0..8)
            .map(|_| Client {
                key: rng.below(2) as u32,
                open: None,
                overtaken: 0,
                done: false,
            })
            .collect();
        let mut committed = [0i64; 2];
        loop {
            let live: Vec<usize> = (0..8).filter(|&i| !clients[i].done).collect();
            if live.is_empty() {
                break;
            }
            let i = live[rng.below(live.len())];
            let key = clients[i].key;
            match clients[i].open.take() {
                None => {
                    let t = s.begin();
                    let v = s.read(&t, key).unwrap();
                    clients[i].open = Some((t, v));
                }
                Some((mut t, v)) => {
                    s.write(&mut t, key, v + 1);
                    clients[i].done = true;
                    match s.commit(t) {
                        Ok(()) => {
                            committed[key as usize] += 1;
                            for c in clients.iter_mut() {
                                if c.key == key && c.open.is_some() {
                                    c.overtaken += 1;
                                }
                            }
                        }
                        Err(_) => {
                            assert!(
                                clients[i].overtaken > 0,
                                "seed {seed}: refused with no concurrent writer"
                            );
                            refused += 1;
                        }
                    }
                }
            }
        }
        let latest = s.latest();
        assert_eq!(
            (latest[&0], latest[&1]),
            (committed[0], committed[1]),
            "seed {seed}: an increment was lost"
        );
    }
    assert!(refused > 0);
}
