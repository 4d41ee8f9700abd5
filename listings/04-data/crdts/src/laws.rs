//! Random histories of three replicas, and the checks a merge must pass.

use crate::{Counter, Crdt, merged};
use seeded::SplitMix64;

/// One step of a history: a local update, or one replica taking in
/// another's state.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Update { replica: u8, op: u8 },
    Sync { from: u8, to: u8 },
}

pub const REPLICAS: u8 = 3;

/// Runs `steps` on three replicas that start empty: their final states.
pub fn run_history<C: Crdt>(steps: &[Step]) -> Vec<C> {
    let mut states = vec![C::empty(); usize::from(REPLICAS)];
    for step in steps {
        match *step {
            Step::Update { replica, op } => states[usize::from(replica)].apply(replica, op),
            Step::Sync { from, to } => {
                let from_state = states[usize::from(from)].clone();
                states[usize::from(to)].merge(&from_state);
            }
        }
    }
    states
}

pub fn random_history(rng: &mut SplitMix64, len: usize) -> Vec<Step> {
    (0..len)
        .map(|_| {
            let replica = rng.below(usize::from(REPLICAS)) as u8;
            if rng.below(3) == 0 {
                let to = (replica + 1 + rng.below(2) as u8) % REPLICAS;
                Step::Sync { from: replica, to }
            } else {
                let op = rng.below(256) as u8;
                Step::Update { replica, op }
            }
        })
        .collect()
}

// ANCHOR: laws
pub fn commutative<C: Crdt>(a: &C, b: &C) -> bool {
    merged(a, b) == merged(b, a)
}

pub fn associative<C: Crdt>(a: &C, b: &C, c: &C) -> bool {
    merged(&merged(a, b), c) == merged(a, &merged(b, c))
}

pub fn idempotent<C: Crdt>(a: &C) -> bool {
    merged(a, a) == *a
}

/// After every replica's state is merged into one, the counter holds the
/// sum of every update made anywhere.
pub fn counts_every_update<C: Counter>(steps: &[Step], states: &[C]) -> bool {
    let mut all = C::empty();
    for s in states {
        all.merge(s);
    }
    let made: i64 = steps
        .iter()
        .map(|s| match *s {
            Step::Update { op, .. } => C::delta(op),
            Step::Sync { .. } => 0,
        })
        .sum();
    all.value() == made
}
// ANCHOR_END: laws

/// How many of `seeds` random histories pass each law.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub commutative: usize,
    pub associative: usize,
    pub idempotent: usize,
    pub counts: usize,
}

pub fn tally<C: Crdt>(seeds: u64, len: usize, counts: impl Fn(&[Step], &[C]) -> bool) -> Tally {
    let mut t = Tally::default();
    for seed in 0..seeds {
        let steps = random_history(&mut SplitMix64(seed), len);
        let s = run_history::<C>(&steps);
        t.commutative += usize::from(commutative(&s[0], &s[1]));
        t.associative += usize::from(associative(&s[0], &s[1], &s[2]));
        t.idempotent += usize::from(idempotent(&s[0]));
        t.counts += usize::from(counts(&steps, &s));
    }
    t
}
