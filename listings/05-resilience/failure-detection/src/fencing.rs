//! A lock service hands out leases with fencing tokens; holders write to a
//! storage service; garbage-collection pauses, partitions, slow packets and
//! drifting clocks get in the way. Times are milliseconds of simulated time.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use seeded::SplitMix64;

/// How long a lease lasts, by the lock service's clock.
pub const LEASE_MS: u64 = 1000;
/// Writes a holder makes per lease before it lets the lease go.
const WRITES_PER_LEASE: u32 = 5;
/// Time between a holder's lease check and its write leaving: building the
/// request, a syscall, a log line.
const WORK_MS: u64 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Holders check their lease; the storage checks the token.
    Fencing,
    /// Holders write for as long as they think they hold the lock.
    NoFencing,
    /// Holders check their lease by their own clock before every write.
    ClientClock,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::Fencing, Variant::NoFencing, Variant::ClientClock];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Fencing => "fencing",
            Variant::NoFencing => "no-fencing",
            Variant::ClientClock => "client-clock",
        }
    }

    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// One write the storage accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub at: u64,
    pub holder: usize,
    pub token: u64,
}

// ANCHOR: storage
/// The storage service. With `fenced`, it remembers the highest token it
/// has accepted and refuses any write that carries a lower one.
#[derive(Debug, Default)]
pub struct Storage {
    pub fenced: bool,
    highest: u64,
    pub accepted: Vec<Accepted>,
    pub rejected: u32,
}

impl Storage {
    pub fn new(fenced: bool) -> Storage {
        Storage {
            fenced,
            ..Storage::default()
        }
    }

    pub fn write(&mut self, at: u64, holder: usize, token: u64) -> bool {
        if self.fenced && token < self.highest {
            self.rejected += 1;
            return false;
        }
        self.highest = self.highest.max(token);
        self.accepted.push(Accepted { at, holder, token });
        true
    }
}
// ANCHOR_END: storage

/// The faults of one run.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub holders: usize,
    /// (holder, from, to): the holder's process is frozen.
    pub pauses: Vec<(usize, u64, u64)>,
    /// (holder, from, to): the holder cannot reach the lock service.
    pub partitions: Vec<(usize, u64, u64)>,
    /// Each holder's clock speed in per mille: 950 runs 5% slow.
    pub clock_permille: Vec<u64>,
    /// Chance in percent that a write spends 500-2500 ms in the network.
    pub slow_write_percent: u64,
    pub until: u64,
}

impl Schedule {
    /// Up to two pauses and two partitions per holder in the first 4 s.
    pub fn generate(seed: u64) -> Schedule {
        let mut rng = SplitMix64(seed);
        let holders = 2 + rng.below(2);
        let mut pauses = Vec::new();
        let mut partitions = Vec::new();
        let mut clock_permille = Vec::new();
        for h in 0..holders {
            for _ in 0..rng.below(3) {
                let from = rng.below(4000) as u64;
                pauses.push((h, from, from + 200 + rng.below(2800) as u64));
            }
            for _ in 0..rng.below(3) {
                let from = rng.below(4000) as u64;
                partitions.push((h, from, from + 200 + rng.below(2000) as u64));
            }
            clock_permille.push(900 + rng.below(201) as u64);
        }
        Schedule {
            holders,
            pauses,
            partitions,
            clock_permille,
            slow_write_percent: rng.below(6) as u64,
            until: 6000,
        }
    }

    /// The two-holder story of the chapter: A freezes for 2.74 s just after
    /// checking its lease.
    pub fn paused_primary() -> Schedule {
        Schedule {
            holders: 2,
            pauses: vec![(0, 260, 3000)],
            partitions: vec![],
            clock_permille: vec![1000, 1000],
            slow_write_percent: 0,
            until: 4000,
        }
    }

    fn paused_until(&self, holder: usize, at: u64) -> u64 {
        self.pauses
            .iter()
            .filter(|&&(h, from, to)| h == holder && from <= at && at < to)
            .map(|&(_, _, to)| to)
            .max()
            .unwrap_or(at)
    }

    fn cut_off(&self, holder: usize, at: u64) -> bool {
        self.partitions
            .iter()
            .any(|&(h, from, to)| h == holder && from <= at && at < to)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    TryAcquire(usize),
    LockReceives {
        holder: usize,
        sent: u64,
    },
    Granted {
        holder: usize,
        token: u64,
        sent: u64,
    },
    Check(usize),
    Send(usize),
    StorageReceives {
        holder: usize,
        token: u64,
    },
}

#[derive(Debug, Clone, Copy, Default)]
struct Holder {
    token: u64,
    /// When the holder sent the request that won its lease: it counts the
    /// lease from there, by its own clock.
    lease_sent: u64,
    writes_left: u32,
}

/// What a run left behind.
#[derive(Debug)]
pub struct Outcome {
    pub storage: Storage,
    /// Accepted writes whose token was lower than one accepted before.
    pub stale_accepted: Vec<Accepted>,
    pub trace: Vec<String>,
}

// ANCHOR: check
/// The property: the tokens the storage accepted never go down, so no
/// holder whose lease was taken over wrote after its successor did.
pub fn stale_writes(accepted: &[Accepted]) -> Vec<Accepted> {
    let mut highest = 0;
    let mut stale = Vec::new();
    for write in accepted {
        if write.token < highest {
            stale.push(*write);
        }
        highest = highest.max(write.token);
    }
    stale
}
// ANCHOR_END: check

const NAMES: [&str; 3] = ["A", "B", "C"];

pub fn run(variant: Variant, seed: u64, schedule: &Schedule) -> Outcome {
    let mut rng = SplitMix64(seed ^ 0x5eed);
    let mut queue = BinaryHeap::new();
    let mut order = 0u64;
    let mut trace = Vec::new();
    let mut holders = vec![Holder::default(); schedule.holders];
    let mut storage = Storage::new(variant == Variant::Fencing);
    let (mut next_token, mut lease_expiry) = (0u64, 0u64);

    // A holder's own events wait while it is paused; servers never pause.
    let mut push = |queue: &mut BinaryHeap<_>, at: u64, event: Event| {
        let at = match event {
            Event::TryAcquire(h) | Event::Check(h) | Event::Send(h) => schedule.paused_until(h, at),
            Event::Granted { holder, .. } => schedule.paused_until(holder, at),
            _ => at,
        };
        order += 1;
        queue.push(Reverse((at, order, event)));
    };
    for h in 0..schedule.holders {
        push(&mut queue, h as u64 * 3, Event::TryAcquire(h));
    }

    while let Some(Reverse((now, _, event))) = queue.pop() {
        if now > schedule.until {
            break;
        }
        let delay = |rng: &mut SplitMix64| 2 + rng.below(8) as u64;
        match event {
            Event::TryAcquire(h) => {
                if schedule.cut_off(h, now) {
                    push(&mut queue, now + 200, Event::TryAcquire(h));
                } else {
                    let d = delay(&mut rng);
                    push(
                        &mut queue,
                        now + d,
                        Event::LockReceives {
                            holder: h,
                            sent: now,
                        },
                    );
                }
            }
            Event::LockReceives { holder, sent } => {
                let d = delay(&mut rng);
                if now >= lease_expiry {
                    next_token += 1;
                    lease_expiry = now + LEASE_MS;
                    trace.push(format!(
                        "{now:>5} ms: lock service grants {} token {next_token}, lease to {lease_expiry} ms",
                        NAMES[holder]
                    ));
                    let token = next_token;
                    push(
                        &mut queue,
                        now + d,
                        Event::Granted {
                            holder,
                            token,
                            sent,
                        },
                    );
                } else {
                    push(&mut queue, now + d + 100, Event::TryAcquire(holder));
                }
            }
            Event::Granted {
                holder,
                token,
                sent,
            } => {
                holders[holder] = Holder {
                    token,
                    lease_sent: sent,
                    writes_left: WRITES_PER_LEASE,
                };
                push(&mut queue, now, Event::Check(holder));
            }
            // ANCHOR: holder
            Event::Check(h) => {
                let elapsed = now - holders[h].lease_sent;
                let by_my_clock = elapsed * schedule.clock_permille[h] / 1000;
                if variant != Variant::NoFencing && by_my_clock >= LEASE_MS {
                    push(&mut queue, now + 100, Event::TryAcquire(h));
                } else {
                    // The lease looked fine. Nothing checks it again
                    // before the write leaves, WORK_MS (or a pause) later.
                    push(&mut queue, now + WORK_MS, Event::Send(h));
                }
            }
            // ANCHOR_END: holder
            Event::Send(h) => {
                let mut d = delay(&mut rng);
                if (rng.below(100) as u64) < schedule.slow_write_percent {
                    d += 500 + rng.below(2000) as u64;
                }
                let token = holders[h].token;
                push(
                    &mut queue,
                    now + d,
                    Event::StorageReceives { holder: h, token },
                );
                holders[h].writes_left -= 1;
                if holders[h].writes_left > 0 {
                    push(&mut queue, now + 100, Event::Check(h));
                } else {
                    push(&mut queue, now + 100, Event::TryAcquire(h));
                }
            }
            Event::StorageReceives { holder, token } => {
                let ok = storage.write(now, holder, token);
                trace.push(format!(
                    "{now:>5} ms: storage {} {}'s write with token {token}",
                    if ok { "accepts" } else { "REJECTS" },
                    NAMES[holder]
                ));
            }
        }
    }
    let stale_accepted = stale_writes(&storage.accepted);
    Outcome {
        storage,
        stale_accepted,
        trace,
    }
}
