//! Tests of `Store::checkpoint`: `cargo test -p wal-checkpoint`.

use std::collections::BTreeMap;

use wal_checkpoint::{Disk, LOG, SNAPSHOT, Store};

type State = BTreeMap<String, String>;

/// The puts of the workload; a checkpoint follows the ones marked `true`.
const WORKLOAD: [(&str, &str, bool); 8] = [
    ("k1", "apple", false),
    ("k2", "banana", false),
    ("k1", "cherry", true),
    ("k3", "damson", false),
    ("k2", "elder", true),
    ("k4", "fig", false),
    ("k1", "grape", true),
    ("k3", "hazel", false),
];

fn run_workload() -> Store {
    let mut store = Store::open(Disk::default()).unwrap();
    for (key, value, checkpoint) in WORKLOAD {
        store.put(key, value);
        if checkpoint {
            store.checkpoint();
        }
    }
    store
}

/// The state after the first `p` puts, for every `p`.
fn prefix_states() -> Vec<State> {
    let mut state = State::new();
    let mut states = vec![state.clone()];
    for (key, value, _) in WORKLOAD {
        state.insert(key.into(), value.into());
        states.push(state.clone());
    }
    states
}

// After a checkpoint the log is empty and the snapshot holds the state.
#[test]
fn a_checkpoint_empties_the_log() {
    let mut store = Store::open(Disk::default()).unwrap();
    store.put("k1", "a");
    store.put("k2", "b");
    store.checkpoint();
    assert_eq!(store.disk.read(LOG), Some(Vec::new()));
    assert!(store.disk.read(SNAPSHOT).is_some());
    let reopened = Store::open(store.disk.clone()).unwrap();
    assert_eq!(reopened.state(), store.state());
}

// Puts after a checkpoint go to the log, and recovery applies them on top.
#[test]
fn recovery_reads_the_snapshot_then_the_log() {
    let store = run_workload();
    let reopened = Store::open(store.disk.clone()).unwrap();
    assert_eq!(reopened.state(), &prefix_states()[WORKLOAD.len()]);
    assert!(
        !store.disk.read(LOG).unwrap().is_empty(),
        "k3=hazel is in the log"
    );
}

// A checkpoint of an empty store, and two in a row, are fine.
#[test]
fn empty_and_repeated_checkpoints() {
    let mut store = Store::open(Disk::default()).unwrap();
    store.checkpoint();
    store.checkpoint();
    assert!(Store::open(store.disk.clone()).unwrap().state().is_empty());
    store.put("k1", "a");
    store.checkpoint();
    store.checkpoint();
    let reopened = Store::open(store.disk.clone()).unwrap();
    assert_eq!(reopened.state().get("k1").map(String::as_str), Some("a"));
}

// The property: crash the disk at every moment of the workload, in every way
// the crash model allows. Recovery must succeed, keep every acknowledged put,
// and show the state of a prefix of the puts; and the recovered store must
// take a put and a checkpoint and still hold them after a restart.
#[test]
fn no_crash_loses_an_acknowledged_put() {
    let store = run_workload();
    let prefixes = prefix_states();
    let mut images = 0;
    for (moment, fs) in store.disk.history().iter().enumerate() {
        for image in fs.crash_images() {
            images += 1;
            let recovered = match Store::open(image) {
                Ok(recovered) => recovered,
                Err(e) => panic!("moment {moment}: recovery failed: {e:?}"),
            };
            assert!(
                prefixes[fs.acked..].contains(recovered.state()),
                "moment {moment}: {} puts acknowledged, recovered {:?}",
                fs.acked,
                recovered.state()
            );
            let mut recovered = recovered;
            recovered.put("after", "restart");
            recovered.checkpoint();
            let expected = recovered.state().clone();
            let again = Store::open(recovered.disk.clone()).unwrap();
            assert_eq!(again.state(), &expected, "moment {moment}: after a restart");
        }
    }
    assert!(images > 80, "only {images} crash images");
}
