//! The outbox and the dual write as a simulated model (the PostgreSQL
//! version is `pg.rs`). The orders service commits orders; an event for
//! each committed order must reach the consumer, and none for an order that
//! rolled back. The service and the relay crash; the broker loses
//! publishes and acknowledgements and delivers some events twice.

use std::collections::{BTreeMap, BTreeSet};

use seeded::SplitMix64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publish {
    /// Order row and outbox row in one transaction; a relay publishes.
    Outbox,
    /// The outbox, but the consumer applies every delivery.
    OutboxNoDedup,
    /// Commit the order, then publish from the request handler.
    DualWrite,
}

pub struct Scenario {
    pub publish: Publish,
    /// (time, valid) of each order request; invalid ones roll back.
    pub requests: Vec<(u64, bool)>,
    /// The service process crashes at this time, for `down_for` ms.
    pub service_crash: Option<u64>,
    /// The relay crashes after this many of its steps, for `down_for` ms.
    pub relay_crash_after: Option<usize>,
    pub down_for: u64,
    /// A publish (or its acknowledgement) is lost with this chance.
    pub loss: f64,
    /// The broker delivers an event twice with this chance.
    pub dup: f64,
    /// No faults from this time on.
    pub until: u64,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub committed: BTreeSet<u64>,
    pub rolled_back: BTreeSet<u64>,
    /// Times each order's event reached the broker.
    pub published: BTreeMap<u64, u32>,
    /// Times the consumer applied each order's event.
    pub applied: BTreeMap<u64, u32>,
    pub deliveries: u32,
    pub trace: Vec<String>,
}

/// Publishing to the broker takes this long in the request handler.
pub const PUBLISH_TAKES: u64 = 5;
pub const RELAY_EVERY: u64 = 10;

pub fn run(s: &Scenario, seed: u64) -> Outcome {
    let mut rng = SplitMix64(seed ^ 0x0b0c);
    let mut out = Outcome::default();
    // The orders database: committed orders and their outbox rows (id, sent).
    let mut outbox: BTreeMap<u64, bool> = BTreeMap::new();
    // The service's memory: publishes in flight (order id, done at).
    let mut in_flight: Vec<(u64, u64)> = vec![];
    let mut service_up_at = 0u64;
    let mut relay_up_at = 0u64;
    let mut relay_steps = 0usize;
    let mut relay_crashed = false;
    let mut seen: BTreeSet<u64> = BTreeSet::new();
    let end = s.until + 1000;

    let deliver =
        |id: u64, out: &mut Outcome, seen: &mut BTreeSet<u64>, rng: &mut SplitMix64, t: u64| {
            *out.published.entry(id).or_default() += 1;
            let copies = if t < s.until && rng.unit() < s.dup {
                2
            } else {
                1
            };
            for _ in 0..copies {
                out.deliveries += 1;
                // ANCHOR: consume
                let first_time = seen.insert(id); // dedup by event id
                if first_time || s.publish == Publish::OutboxNoDedup {
                    *out.applied.entry(id).or_default() += 1;
                }
                // ANCHOR_END: consume
            }
        };

    for t in 0..end {
        let faulty = t < s.until;
        if s.service_crash == Some(t) {
            out.trace.push(format!("{t:>5} ms  service crashes"));
            service_up_at = t + s.down_for;
            in_flight.clear(); // its memory is gone
        }
        // Publishes the request handlers started finish now.
        let (done, later): (Vec<_>, Vec<_>) = in_flight.iter().partition(|(_, at)| *at == t);
        in_flight = later;
        for (id, _) in done {
            if faulty && rng.unit() < s.loss {
                out.trace.push(format!(
                    "{t:>5} ms  publish of order {id} fails; the order is already committed"
                ));
            } else {
                deliver(id, &mut out, &mut seen, &mut rng, t);
            }
        }
        for (i, &(at, valid)) in s.requests.iter().enumerate() {
            if at != t || t < service_up_at {
                continue;
            }
            let id = i as u64 + 1;
            if !valid {
                out.rolled_back.insert(id);
                continue;
            }
            out.committed.insert(id);
            match s.publish {
                Publish::Outbox | Publish::OutboxNoDedup => {
                    outbox.insert(id, false); // same transaction as the order
                }
                Publish::DualWrite => in_flight.push((id, t + PUBLISH_TAKES)),
            }
        }
        if s.publish == Publish::DualWrite || t % RELAY_EVERY != 0 || t < relay_up_at {
            continue;
        }
        // ANCHOR: relay
        let unsent: Vec<u64> = outbox
            .iter()
            .filter(|(_, sent)| !**sent)
            .map(|(id, _)| *id)
            .collect();
        for id in unsent {
            relay_steps += 1;
            if Some(relay_steps) == s.relay_crash_after && !relay_crashed {
                relay_crashed = true;
                out.trace.push(format!(
                    "{t:>5} ms  relay crashes before publishing order {id}"
                ));
                relay_up_at = t + s.down_for;
                break;
            }
            if faulty && rng.unit() < s.loss {
                continue; // the broker never got it: still unsent, retried
            }
            deliver(id, &mut out, &mut seen, &mut rng, t);
            if faulty && rng.unit() < s.loss {
                continue; // the ack was lost: published, still unsent
            }
            relay_steps += 1;
            if Some(relay_steps) == s.relay_crash_after && !relay_crashed {
                relay_crashed = true;
                out.trace.push(format!(
                    "{t:>5} ms  relay crashes after publishing order {id}, before marking it"
                ));
                relay_up_at = t + s.down_for;
                break;
            }
            outbox.insert(id, true); // mark sent
        }
        // ANCHOR_END: relay
    }
    out
}

/// Every committed order's event applied exactly once, none for the rest.
pub fn check(out: &Outcome) -> Result<(), String> {
    for id in &out.committed {
        match out.applied.get(id).copied().unwrap_or(0) {
            1 => {}
            0 => return Err(format!("order {id} committed, its event never published")),
            n => return Err(format!("order {id}'s event applied {n} times")),
        }
    }
    if let Some(id) = out.published.keys().find(|id| !out.committed.contains(id)) {
        return Err(format!(
            "event published for order {id}, which never committed"
        ));
    }
    Ok(())
}

pub fn scenario(seed: u64, publish: Publish) -> Scenario {
    let mut rng = SplitMix64(seed ^ 0x07b0);
    let requests = (0..6)
        .map(|_| (rng.below(900) as u64, rng.unit() > 0.2))
        .collect();
    Scenario {
        publish,
        requests,
        service_crash: (rng.unit() < 0.5).then(|| rng.below(900) as u64),
        relay_crash_after: (rng.unit() < 0.7).then(|| 1 + rng.below(12)),
        down_for: 10 + rng.below(100) as u64,
        loss: 0.1,
        dup: 0.1,
        until: 1000,
    }
}
