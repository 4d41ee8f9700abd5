//! The turmoil scenario: verdicts per read strategy, determinism, and that
//! the recorded times are the simulation's.

use consistency_checker::classic;
use consistency_checker::network::{
    self, CLIENTS, MAX_LATENCY, MIN_LATENCY, OPS_PER_CLIENT, PARTITION_MS, ReadsFrom, Run,
};
use consistency_checker::{OpKind, Verdict};

fn ms(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap()
}

fn reads(run: &Run) -> impl Iterator<Item = (usize, &consistency_checker::Op)> {
    run.history
        .ops()
        .iter()
        .enumerate()
        .filter(|(_, op)| matches!(op.kind, OpKind::Read(_)))
}

// Reads served by the primary pass every model, network faults or not.
#[test]
fn primary_reads_are_linearizable() {
    let run = network::run(ReadsFrom::Primary);
    let verdict = Verdict::of(&run.history);
    assert_eq!(
        verdict,
        Verdict {
            linearizable: true,
            sequential: true,
            causal: true,
            written_values: true
        }
    );
    assert!(network::stale_reads(&run.history).is_empty());
}

// Reads served by the replica through the partition break every model; only
// the check that every read returned a written value passes, as recorded.
#[test]
fn replica_reads_pass_only_the_written_values_check() {
    let run = network::run(ReadsFrom::Replica);
    let verdict = Verdict::of(&run.history);
    assert_eq!(
        verdict,
        Verdict {
            linearizable: false,
            sequential: false,
            causal: false,
            written_values: true
        }
    );
    assert_eq!(network::stale_reads(&run.history).len(), 2);
}

// The stale reads happen while the partition cuts the replica off, and the
// reads sent after it healed are fresh again.
#[test]
fn stale_reads_fall_in_the_partition() {
    let run = network::run(ReadsFrom::Replica);
    let (cut, healed) = PARTITION_MS;
    let stale = network::stale_reads(&run.history);
    for &i in &stale {
        let op = run.history.ops()[i];
        assert!(op.invoke < healed && op.ret > cut, "{op:?}");
    }
    let after: Vec<usize> = reads(&run)
        .filter(|(_, op)| op.invoke > healed + ms(network::RESEND_EVERY) + ms(MAX_LATENCY))
        .map(|(i, _)| i)
        .collect();
    assert!(!after.is_empty(), "some reads come after the repair");
    assert!(after.iter().all(|i| !stale.contains(i)));
}

// Same seed, same history: the run is deterministic.
#[test]
fn runs_repeat_exactly() {
    for reads_from in [ReadsFrom::Primary, ReadsFrom::Replica] {
        let first = network::run(reads_from);
        let second = network::run(reads_from);
        assert_eq!(first.history, second.history);
        assert_eq!(first.elapsed_ms, second.elapsed_ms);
    }
}

// Invoke and return are virtual time: every operation is one round trip of
// two datagrams (2 to 10 ms each), and all of them end before the simulation does.
#[test]
fn times_come_from_the_simulation() {
    for reads_from in [ReadsFrom::Primary, ReadsFrom::Replica] {
        let run = network::run(reads_from);
        assert_eq!(run.history.ops().len(), CLIENTS * OPS_PER_CLIENT);
        for op in run.history.ops() {
            let took = op.ret - op.invoke;
            assert!(took >= 2 * ms(MIN_LATENCY), "{op:?}");
            // +2: the clock is read in whole 1 ms ticks on each side.
            assert!(took <= 2 * ms(MAX_LATENCY) + 2, "{op:?}");
            assert!(op.ret <= run.elapsed_ms, "{op:?}");
        }
        let last = run.history.ops().iter().map(|op| op.ret).max().unwrap();
        assert!(last > PARTITION_MS.1, "the run outlasts the partition");
    }
}

// stale_reads flags the read that missed a finished write, and nothing in a
// linearizable history.
#[test]
fn stale_reads_on_classic_histories() {
    let cases = classic::all();
    assert!(network::stale_reads(&cases[0].history).is_empty());
    assert_eq!(network::stale_reads(&cases[1].history), vec![1]);
}
