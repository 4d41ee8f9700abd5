//! Clients arriving at a fixed pace against each design, on tokio's paused
//! clock: the service time and every latency are virtual, so a run prints
//! the same numbers every time.

use crate::actor;
use crate::locked::Locked;
use crate::{Inventory, ReserveError};
use std::time::Duration;
use tokio::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    Mutex,
    /// Actor, callers wait for room in the mailbox.
    ActorWait,
    /// Actor, callers are refused when the mailbox is full.
    ActorShed,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Report {
    pub served: usize,
    pub refused: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

// ANCHOR: load
/// `clients` callers, one every `every`, each reserving one unit; the
/// service spends `work` on each request. Latency is measured from the
/// moment a client arrives to its answer.
pub async fn load(
    design: Design,
    clients: u32,
    every: Duration,
    work: Duration,
    capacity: usize,
) -> Report {
    let inventory = || Inventory::with_stock(&[("mug", 1_000_000)]);
    let locked = Locked::new(inventory(), work);
    let (handle, _task) = actor::spawn(inventory(), capacity, work);
    let start = Instant::now();
    let mut calls = Vec::new();
    for n in 0..clients {
        let (locked, handle) = (locked.clone(), handle.clone());
        calls.push(tokio::spawn(async move {
            tokio::time::sleep_until(start + every * n).await;
            let arrived = Instant::now();
            let result = match design {
                Design::Mutex => locked.reserve("mug", 1).await,
                Design::ActorWait => handle.reserve("mug", 1).await,
                Design::ActorShed => handle.try_reserve("mug", 1).await,
            };
            (result, arrived.elapsed())
        }));
    }
    let mut latencies = Vec::new();
    let mut refused = 0;
    for call in calls {
        match call.await.expect("a client panicked") {
            (Ok(_), latency) => latencies.push(latency),
            (Err(ReserveError::Busy), _) => refused += 1,
            (Err(other), _) => panic!("unexpected {other:?}"),
        }
    }
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q).ceil() as usize).max(1) - 1];
    Report {
        served: latencies.len(),
        refused,
        p50: at(0.50),
        p99: at(0.99),
        max: *latencies.last().expect("someone was served"),
    }
}
// ANCHOR_END: load
