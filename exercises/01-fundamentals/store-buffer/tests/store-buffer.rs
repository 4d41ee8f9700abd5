//! Tests for the store-buffer exercise. Each test runs a litmus test (a tiny
//! program of two threads) and checks the set of outcomes `tso_outcomes`
//! finds against what an x86 processor allows.

use std::collections::BTreeSet;

use store_buffer::{Op, Outcome, sc_outcomes, tso_outcomes};

const X: usize = 0;
const Y: usize = 1;

fn store(var: usize, value: u64) -> Op {
    Op::Store { var, value }
}

fn load(var: usize) -> Op {
    Op::Load { var }
}

fn outcomes<const N: usize>(list: [[&[u64]; 2]; N]) -> BTreeSet<Outcome> {
    list.iter()
        .map(|threads| threads.iter().map(|reads| reads.to_vec()).collect())
        .collect()
}

/// Store buffering: each thread stores 1 to its own variable, then reads the
/// other's.
fn store_buffering(fenced: bool) -> Vec<Vec<Op>> {
    let thread = |mine: usize, other: usize| {
        let mut program = vec![store(mine, 1)];
        if fenced {
            program.push(Op::Fence);
        }
        program.push(load(other));
        program
    };
    vec![thread(X, Y), thread(Y, X)]
}

// Pins the given SC enumerator: under sequential consistency at least one
// thread sees the other's store.
#[test]
fn sequential_consistency_never_reads_both_zeros() {
    let sc = sc_outcomes(&store_buffering(false), 2);
    assert_eq!(sc, outcomes([[&[0], &[1]], [&[1], &[0]], [&[1], &[1]]]));
}

// Pins the x86 behaviour: both stores can wait in their buffers while both
// loads read memory, so both threads read 0.
#[test]
fn store_buffering_can_read_both_zeros() {
    let tso = tso_outcomes(&store_buffering(false), 2);
    assert_eq!(
        tso,
        outcomes([[&[0], &[0]], [&[0], &[1]], [&[1], &[0]], [&[1], &[1]]])
    );
}

// Pins the fence: a thread that drains its buffer before it loads cannot miss
// a store that was drained before it.
#[test]
fn a_fence_between_the_store_and_the_load_restores_sc() {
    let program = store_buffering(true);
    assert_eq!(tso_outcomes(&program, 2), sc_outcomes(&program, 2));
}

// Pins FIFO buffers: the data store leaves before the flag store, so a reader
// that sees the flag sees the data. Message passing needs no fence on x86.
#[test]
fn message_passing_is_safe_on_tso() {
    let program = vec![vec![store(X, 42), store(Y, 1)], vec![load(Y), load(X)]];
    let tso = tso_outcomes(&program, 2);
    assert_eq!(tso, sc_outcomes(&program, 2));
    assert_eq!(
        tso,
        outcomes([[&[], &[0, 0]], [&[], &[0, 42]], [&[], &[1, 42]]])
    );
}

// Pins that a thread reads its own pending store, the newest one, even before
// memory has it.
#[test]
fn a_thread_reads_its_own_newest_buffered_store() {
    let program = vec![vec![store(X, 1), store(X, 2), load(X)], vec![load(X)]];
    let tso = tso_outcomes(&program, 1);
    assert_eq!(tso, outcomes([[&[2], &[0]], [&[2], &[1]], [&[2], &[2]]]));
}

// Pins coherence: two stores to one variable reach memory in program order,
// so a reader never sees the newer value and then the older one.
#[test]
fn a_reader_never_sees_one_variable_go_back_in_time() {
    let program = vec![vec![store(X, 1), store(X, 2)], vec![load(X), load(X)]];
    let tso = tso_outcomes(&program, 1);
    assert!(!tso.iter().any(|o| o[1] == [2, 1]), "{tso:?}");
    assert!(
        !tso.iter().any(|o| o[1] == [1, 0] || o[1] == [2, 0]),
        "{tso:?}"
    );
    assert_eq!(tso, sc_outcomes(&program, 1));
}

// Pins that every SC execution is also a TSO one (drain each store at once).
#[test]
fn every_sc_outcome_is_a_tso_outcome() {
    let programs = [
        store_buffering(false),
        vec![vec![load(X), store(Y, 1)], vec![load(Y), store(X, 1)]],
        vec![
            vec![store(X, 1), load(Y), store(Y, 2)],
            vec![store(Y, 1), load(X)],
        ],
    ];
    for program in programs {
        let sc = sc_outcomes(&program, 2);
        let tso = tso_outcomes(&program, 2);
        assert!(sc.is_subset(&tso), "{program:?}: {sc:?} not in {tso:?}");
    }
}

// Pins load buffering on x86: a load is never overtaken by a later store of
// the same thread, so both threads cannot read the other's store.
#[test]
fn load_buffering_never_reads_both_ones_on_tso() {
    let program = vec![vec![load(X), store(Y, 1)], vec![load(Y), store(X, 1)]];
    let tso = tso_outcomes(&program, 2);
    assert_eq!(tso, outcomes([[&[0], &[0]], [&[0], &[1]], [&[1], &[0]]]));
}

// Pins the edge cases: no threads, and threads with nothing to do.
#[test]
fn empty_programs_have_one_empty_outcome() {
    assert_eq!(tso_outcomes(&[], 0), BTreeSet::from([Vec::new()]));
    assert_eq!(
        tso_outcomes(&[vec![], vec![]], 1),
        BTreeSet::from([vec![Vec::new(), Vec::new()]])
    );
    assert_eq!(
        tso_outcomes(&[vec![store(X, 7)]], 1),
        BTreeSet::from([vec![Vec::new()]])
    );
}
