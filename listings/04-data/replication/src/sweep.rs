//! Every configuration under the same seeded fault schedules: four clients,
//! eight operations each, while servers are isolated, links cut one way,
//! messages lost and delayed, and servers crashed and restarted. Each
//! history is judged by the crate's properties (no stale read, no
//! acknowledged write lost, no read of a write that is later lost) and,
//! for the chapter's table, by the book's consistency checker. `src/bin/replication-faults.rs` sweeps many seeds
//! with it (see the `fault-sweep` crate).

use std::time::Duration;

use consistency_checker::{History, linearizable, sequentially_consistent};
use fault_sweep::{Outcome, Schedule};

use crate::clients::{Clients, describe, stale_read};
use crate::leader::{self, Mode};
use crate::quorum::{self, Config};

pub const CLIENTS: usize = 4;
pub const OPS_PER_CLIENT: usize = 8;
/// Faults start and end within this much of the start of the run.
pub const FAULT_HORIZON: Duration = Duration::from_millis(600);
const SERVERS: [&str; 5] = ["r1", "r2", "r3", "r4", "r5"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setup {
    Leader(Mode),
    Quorum(Config),
}

const fn quorum(w: usize, r: usize, sloppy: bool) -> Setup {
    Setup::Quorum(Config {
        w,
        r,
        sloppy,
        read_repair: true,
    })
}

/// The variants the `faults` binary accepts, by name.
pub const VARIANTS: [(&str, Setup); 7] = [
    ("async", Setup::Leader(Mode::Async)),
    ("semi-sync", Setup::Leader(Mode::SemiSync)),
    ("sync", Setup::Leader(Mode::Sync)),
    ("quorum-w2r2", quorum(2, 2, false)),
    ("quorum-w1r2", quorum(1, 2, false)),
    ("quorum-w1r1", quorum(1, 1, false)),
    ("sloppy-w2r2", quorum(2, 2, true)),
];

/// The faults of one seed, over five servers. Leader-follower runs on r1 to
/// r3 and ignores the faults of r4 and r5.
pub fn schedule(seed: u64) -> Schedule {
    Schedule::generate(seed, &SERVERS, FAULT_HORIZON)
}

/// What a run lost by the time every fault healed: acknowledged writes,
/// and writes that a read returned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lost {
    pub writes: Vec<u64>,
    pub reads: Vec<u64>,
}

/// One seed's run of a setup: its clients (with their history) and what
/// it lost.
pub fn play(setup: Setup, seed: u64, schedule: &Schedule) -> (Clients, Lost) {
    match setup {
        Setup::Leader(mode) => {
            let lf = leader::run(mode, seed, schedule, CLIENTS, OPS_PER_CLIENT);
            let (writes, reads) = (lf.lost(), lf.lost_reads());
            (lf.clients, Lost { writes, reads })
        }
        Setup::Quorum(config) => {
            let q = quorum::run(config, seed, schedule, CLIENTS, OPS_PER_CLIENT);
            let (writes, reads) = (q.lost(), q.lost_reads());
            (q.clients, Lost { writes, reads })
        }
    }
}

pub fn setup(variant: &str) -> Setup {
    VARIANTS
        .iter()
        .find(|(name, _)| *name == variant)
        .map(|(_, s)| *s)
        .expect("fault_sweep checks the variant name")
}

/// Why a history breaks the crate's properties, or `None`.
pub fn violation(history: &History, lost: &Lost) -> Option<String> {
    let list = |values: &[u64]| {
        let values: Vec<String> = values.iter().map(u64::to_string).collect();
        values.join(", ")
    };
    if !lost.writes.is_empty() {
        return Some(format!("acknowledged writes lost: {}", list(&lost.writes)));
    }
    if !lost.reads.is_empty() {
        return Some(format!("writes read, then lost: {}", list(&lost.reads)));
    }
    stale_read(history).map(|(r, w)| {
        format!(
            "stale read: {} after {}",
            history.describe(r),
            history.describe(w)
        )
    })
}

/// One seed for the sweep.
pub fn run(variant: &str, seed: u64, schedule: &Schedule) -> Outcome {
    let (clients, lost) = play(setup(variant), seed, schedule);
    let history = clients.history();
    let mut records = clients.records.clone();
    records.sort_by_key(|r| (r.op.invoke, r.op.client));
    Outcome {
        history: records
            .iter()
            .map(|r| describe(&r.op, r.server, CLIENTS))
            .collect(),
        violation: violation(&history, &lost),
    }
}

/// What the consistency checker and the crate's properties say about one
/// configuration over many seeds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub seeds: u64,
    pub linearizable: u64,
    /// Sequentially consistent but not linearizable.
    pub sequential_only: u64,
    pub neither: u64,
    pub stale: u64,
    pub lost: u64,
}

/// Runs `setup` for seeds `0..seeds` and tallies the verdicts.
pub fn tally(setup: Setup, seeds: u64) -> Tally {
    let mut t = Tally {
        seeds,
        ..Tally::default()
    };
    for seed in 0..seeds {
        let (clients, lost) = play(setup, seed, &schedule(seed));
        let history = clients.history();
        if linearizable(&history).is_some() {
            t.linearizable += 1;
        } else if sequentially_consistent(&history).is_some() {
            t.sequential_only += 1;
        } else {
            t.neither += 1;
        }
        t.stale += u64::from(stale_read(&history).is_some());
        t.lost += u64::from(!lost.writes.is_empty());
    }
    t
}
