//! Three replicas that update, and send their whole state to each other,
//! over a network that cuts one replica off at random, loses what it
//! cannot carry, delivers in random order and sends some messages twice.

use crate::Crdt;
use crate::laws::REPLICAS;
use seeded::SplitMix64;

pub struct Run<C> {
    pub states: Vec<C>,
    /// The `op` of every update made, on any replica.
    pub ops: Vec<u8>,
    pub duplicated: usize,
    pub dropped: usize,
}

struct Message<C> {
    to: u8,
    from: u8,
    state: C,
}

// ANCHOR: sim
pub fn simulate<C: Crdt>(seed: u64, steps: usize) -> Run<C> {
    let mut rng = SplitMix64(seed);
    let mut states = vec![C::empty(); usize::from(REPLICAS)];
    let mut net: Vec<Message<C>> = Vec::new();
    let (mut ops, mut duplicated, mut dropped) = (Vec::new(), 0, 0);
    let mut cut_off: Option<u8> = None;
    let up = |cut: Option<u8>, a: u8, b: u8| cut != Some(a) && cut != Some(b);
    for step in 0..steps + 200 {
        let healed = step >= steps;
        if step % 50 == 0 {
            cut_off = match rng.below(2) {
                0 => None,
                _ => Some(rng.below(usize::from(REPLICAS)) as u8),
            };
        }
        if healed {
            cut_off = None;
        }
        match rng.below(10) {
            0..5 if !healed => {
                let (r, op) = (rng.below(3) as u8, rng.below(256) as u8);
                states[usize::from(r)].apply(r, op);
                ops.push(op);
            }
            5..8 => {
                let from = rng.below(3) as u8;
                let to = (from + 1 + rng.below(2) as u8) % REPLICAS;
                let state = states[usize::from(from)].clone();
                if rng.below(5) == 0 {
                    duplicated += 1;
                    net.push(Message {
                        to,
                        from,
                        state: state.clone(),
                    });
                }
                net.push(Message { to, from, state });
            }
            _ if !net.is_empty() => {
                // Any message in flight may arrive next.
                let m = net.swap_remove(rng.below(net.len()));
                if up(cut_off, m.from, m.to) {
                    states[usize::from(m.to)].merge(&m.state);
                } else {
                    dropped += 1;
                }
            }
            _ => {}
        }
    }
    // Anti-entropy after the last partition: everyone sends to everyone.
    for from in 0..REPLICAS {
        for to in (0..REPLICAS).filter(|&to| to != from) {
            let state = states[usize::from(from)].clone();
            net.push(Message { to, from, state });
        }
    }
    while !net.is_empty() {
        let m = net.swap_remove(rng.below(net.len()));
        states[usize::from(m.to)].merge(&m.state);
    }
    Run {
        states,
        ops,
        duplicated,
        dropped,
    }
}
// ANCHOR_END: sim

pub fn converged<C: Crdt>(states: &[C]) -> bool {
    states.windows(2).all(|w| w[0] == w[1])
}
