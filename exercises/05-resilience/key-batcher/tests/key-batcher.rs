//! Tests of the key batcher: one fetch per tick, each key once, each
//! caller its own answer.

use std::cell::RefCell;

use key_batcher::{Answer, Batcher, Ticket, ZeroBatch};

/// A fetch that records the keys of each call and finds every key below
/// 100, valued key * 10, returned in reverse order.
fn recording(calls: &RefCell<Vec<Vec<u32>>>) -> impl FnMut(&[u32]) -> Vec<(u32, u32)> + '_ {
    move |keys: &[u32]| {
        calls.borrow_mut().push(keys.to_vec());
        keys.iter()
            .rev()
            .filter(|k| **k < 100)
            .map(|&k| (k, k * 10))
            .collect()
    }
}

fn batcher(max: usize) -> Batcher<u32, u32> {
    Batcher::new(max).expect("a positive batch size")
}

// Many keys requested in one tick go out in one fetch, not one each.
#[test]
fn one_fetch_per_tick() {
    let calls = RefCell::new(Vec::new());
    let mut b = batcher(100);
    let tickets: Vec<Ticket> = [15, 4, 16, 8].into_iter().map(|k| b.request(k)).collect();
    assert_eq!(b.dispatch(recording(&calls)), 1);
    assert_eq!(*calls.borrow(), [vec![15, 4, 16, 8]]);
    assert_eq!(b.answer(tickets[2]), Answer::Found(160));
}

// A key requested three times is fetched once, and all three callers get it.
#[test]
fn duplicates_fetched_once() {
    let calls = RefCell::new(Vec::new());
    let mut b = batcher(100);
    let t = [b.request(7), b.request(3), b.request(7), b.request(7)];
    b.dispatch(recording(&calls));
    assert_eq!(*calls.borrow(), [vec![7, 3]]);
    for i in [0, 2, 3] {
        assert_eq!(b.answer(t[i]), Answer::Found(70));
    }
    assert_eq!(b.answer(t[1]), Answer::Found(30));
}

// The fetch answers in its own order; each ticket still gets its own key's
// value (matched by key, not by position).
#[test]
fn answers_matched_by_key() {
    let calls = RefCell::new(Vec::new());
    let mut b = batcher(100);
    let t1 = b.request(1);
    let t2 = b.request(2);
    let t3 = b.request(3);
    b.dispatch(recording(&calls));
    assert_eq!(b.answer(t1), Answer::Found(10));
    assert_eq!(b.answer(t2), Answer::Found(20));
    assert_eq!(b.answer(t3), Answer::Found(30));
}

// A key the fetch did not return is NotFound; the others are unaffected.
#[test]
fn missing_key_is_not_found() {
    let calls = RefCell::new(Vec::new());
    let mut b = batcher(100);
    let found = b.request(5);
    let missing = b.request(500);
    b.dispatch(recording(&calls));
    assert_eq!(b.answer(found), Answer::Found(50));
    assert_eq!(b.answer(missing), Answer::NotFound);
}

// Before its tick is dispatched a ticket waits; a tick with no requests
// makes no fetch at all.
#[test]
fn waiting_until_dispatched_and_empty_tick_fetches_nothing() {
    let calls = RefCell::new(Vec::new());
    let mut b = batcher(100);
    assert_eq!(b.dispatch(recording(&calls)), 0);
    assert!(calls.borrow().is_empty());
    let t = b.request(9);
    assert_eq!(b.answer(t), Answer::Waiting);
    b.dispatch(recording(&calls));
    assert_eq!(b.answer(t), Answer::Found(90));
}

// Keys requested after a dispatch belong to the next tick: the next fetch
// asks for them only, and a key asked again is fetched again (no cache).
#[test]
fn each_tick_fetches_its_own_keys() {
    let calls = RefCell::new(Vec::new());
    let mut b = batcher(100);
    let first = b.request(1);
    b.request(2);
    b.dispatch(recording(&calls));
    let again = b.request(1);
    let new = b.request(3);
    assert_eq!(b.dispatch(recording(&calls)), 1);
    assert_eq!(*calls.borrow(), [vec![1, 2], vec![1, 3]]);
    assert_eq!(b.answer(first), Answer::Found(10));
    assert_eq!(b.answer(again), Answer::Found(10));
    assert_eq!(b.answer(new), Answer::Found(30));
}

// Distinct keys are split into fetches of at most max_batch, in first-
// request order; a duplicate never makes a chunk of its own.
#[test]
fn batches_are_capped() {
    let calls = RefCell::new(Vec::new());
    let mut b = batcher(2);
    let t: Vec<Ticket> = [1, 2, 1, 3, 2, 4, 5]
        .into_iter()
        .map(|k| b.request(k))
        .collect();
    assert_eq!(b.dispatch(recording(&calls)), 3);
    assert_eq!(*calls.borrow(), [vec![1, 2], vec![3, 4], vec![5]]);
    let got: Vec<Answer<u32>> = t.iter().map(|&t| b.answer(t)).collect();
    let want: Vec<Answer<u32>> = [10, 20, 10, 30, 20, 40, 50]
        .into_iter()
        .map(Answer::Found)
        .collect();
    assert_eq!(got, want);
}

// A fetch that returns a key it was not asked for does not answer a
// caller of another chunk with it, whether the stray row comes before or
// after the real one.
#[test]
fn extra_rows_are_ignored() {
    let mut b = batcher(1);
    let t: Vec<Ticket> = [1, 2, 3].into_iter().map(|k| b.request(k)).collect();
    // The calls for keys 1 and 3, made before and after key 2's, also
    // return key 2 with a wrong value.
    b.dispatch(|keys: &[u32]| {
        let mut rows: Vec<(u32, u32)> = keys.iter().map(|&k| (k, k * 10)).collect();
        if !keys.contains(&2) {
            rows.push((2, 999));
        }
        rows
    });
    assert_eq!(b.answer(t[0]), Answer::Found(10));
    assert_eq!(b.answer(t[1]), Answer::Found(20));
    assert_eq!(b.answer(t[2]), Answer::Found(30));
}

// A batch size of zero could never fetch anything.
#[test]
fn zero_batch_is_refused() {
    assert_eq!(Batcher::<u32, u32>::new(0).err(), Some(ZeroBatch));
}
