//! Pins what a reader of a published flag can see under each pair of
//! orderings, as loom finds it across every execution.

use std::collections::BTreeSet;
use std::process::Command;

use loom::sync::atomic::Ordering::{Acquire, Relaxed, Release, SeqCst};
use lost_update::publish::{Observation, PAYLOAD};
use memory_ordering::explore;
use memory_ordering::litmus::{flags_text, publish_with};

fn with_stale_read() -> BTreeSet<Observation> {
    [
        Observation::NotReady,
        Observation::Ready(0),
        Observation::Ready(PAYLOAD),
    ]
    .into_iter()
    .collect()
}

fn without_stale_read() -> BTreeSet<Observation> {
    [Observation::NotReady, Observation::Ready(PAYLOAD)]
        .into_iter()
        .collect()
}

// Pins that a Release store alone, or an Acquire load alone, does not carry
// the data: each needs the other half of the pair.
#[test]
fn half_a_pair_still_lets_the_reader_see_stale_data() {
    for (store, load) in [(Relaxed, Relaxed), (Release, Relaxed), (Relaxed, Acquire)] {
        let outcomes = explore(move || publish_with(store, load));
        assert_eq!(outcomes.finals, with_stale_read(), "{store:?} / {load:?}");
    }
}

// Pins that Release paired with Acquire, or SeqCst on both, always carries
// the data to a reader that sees the flag.
#[test]
fn a_release_acquire_pair_carries_the_data() {
    for (store, load) in [(Release, Acquire), (SeqCst, SeqCst)] {
        let outcomes = explore(move || publish_with(store, load));
        assert_eq!(
            outcomes.finals,
            without_stale_read(),
            "{store:?} / {load:?}"
        );
    }
}

// Pins that publish_with agrees with the race-conditions chapter's model.
#[test]
fn publish_with_matches_run_publish() {
    use lost_update::publish::run_publish;
    assert_eq!(
        explore(|| publish_with(Release, Acquire)).finals,
        explore(|| run_publish(true)).finals
    );
    assert_eq!(
        explore(|| publish_with(Relaxed, Relaxed)).finals,
        explore(|| run_publish(false)).finals
    );
}

// Pins how the tables spell a pair of flags.
#[test]
fn flags_text_prints_ones_and_zeros() {
    assert_eq!(flags_text((false, true)), "(0, 1)");
    assert_eq!(flags_text((true, false)), "(1, 0)");
}

// Pins that the listings print the same thing every run, and that a
// LOOM_MAX_PREEMPTIONS in the reader's shell does not change the counts:
// `explore` overrides every setting loom reads from the environment.
#[test]
fn the_listings_are_deterministic() {
    for exe in [
        env!("CARGO_BIN_EXE_memory-ordering"),
        env!("CARGO_BIN_EXE_loom-limits"),
        env!("CARGO_BIN_EXE_publish-outcomes"),
    ] {
        let run = |preemptions: Option<&str>| {
            let mut command = Command::new(exe);
            command.env_remove("LOOM_MAX_PREEMPTIONS");
            if let Some(bound) = preemptions {
                command.env("LOOM_MAX_PREEMPTIONS", bound);
            }
            command.output().expect("the listing runs").stdout
        };
        let plain = run(None);
        assert!(!plain.is_empty(), "{exe} printed nothing");
        assert_eq!(plain, run(None), "{exe}: two runs differ");
        assert_eq!(
            plain,
            run(Some("1")),
            "{exe}: LOOM_MAX_PREEMPTIONS=1 changed the output"
        );
    }
}
