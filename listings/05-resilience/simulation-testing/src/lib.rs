//! A key-value store with a look-aside cache in front, run on turmoil under
//! one seed's faults (partitions, message loss, delay, crashes and
//! restarts), with an invariant checked over what the clients saw.
//!
//! - `db` holds the data (its map survives a crash: it is the disk) and a
//!   global version counter. A write bumps the version, stores, tells the
//!   cache to drop the key, and answers the client only once the cache has
//!   acknowledged the drop.
//! - `cache` holds copies in memory (lost on a crash). A client reads the
//!   cache; on a miss it reads `db` and puts what it got into the cache (a
//!   "fill"), the look-aside pattern.
//! - The invariant ("fresh"): a read never returns a version older than a
//!   write that was acknowledged before the read began.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::rc::Rc;
use std::time::Duration;

use fault_sweep::{Outcome, Rng, Schedule};
use serde::{Deserialize, Serialize};
use tokio::task::spawn_local;
use tokio::time::{sleep, timeout};
use turmoil::lookup;
use turmoil::net::UdpSocket;

pub const SERVERS: [&str; 2] = ["db", "cache"];
const PORT: u16 = 9000;
pub const CLIENTS: usize = 4;
pub const OPS_PER_CLIENT: usize = 12;
pub const KEYS: u64 = 2;
/// Faults start and end within this much of the start of the run.
pub const FAULT_HORIZON: Duration = Duration::from_millis(800);
const PATIENCE: Duration = Duration::from_millis(100);

// ANCHOR: variants
/// How the cache treats a fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cache {
    /// Stores every fill. A fill read from `db` before a write, but arriving
    /// after that write's invalidation, puts the old value back until the
    /// next invalidation of the key.
    Naive,
    /// Remembers the version of each invalidation (a tombstone) and refuses
    /// older fills; but tombstones live in memory and a restart forgets them.
    Tombstones,
    /// Tombstones, and after a restart a floor: the cache asks `db` for its
    /// current version and refuses every fill older than that.
    Fixed,
}
// ANCHOR_END: variants

pub const VARIANTS: [(&str, Cache); 3] = [
    ("naive", Cache::Naive),
    ("tombstones", Cache::Tombstones),
    ("fixed", Cache::Fixed),
];

#[derive(Debug, Clone, Serialize, Deserialize)]
enum Msg {
    Get { key: u64 },
    Hit { value: u64, version: u64 },
    Miss,
    Fill { key: u64, value: u64, version: u64 },
    Put { key: u64, value: u64 },
    Written { version: u64 },
    Read { key: u64 },
    Current { value: u64, version: u64 },
    Invalidate { key: u64, version: u64 },
    Dropped,
    Version,
    Now { version: u64 },
}

fn encode(msg: &Msg) -> Vec<u8> {
    serde_json::to_vec(msg).expect("a message encodes")
}

async fn call(host: &str, msg: &Msg) -> Option<Msg> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await.ok()?;
    let to = SocketAddr::from((lookup(host), PORT));
    socket.send_to(&encode(msg), to).await.ok()?;
    let mut buf = [0u8; 256];
    let (len, _) = timeout(PATIENCE, socket.recv_from(&mut buf))
        .await
        .ok()?
        .ok()?;
    serde_json::from_slice(&buf[..len]).ok()
}

async fn send(host: &str, msg: &Msg) {
    if let Ok(socket) = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).await {
        let to = SocketAddr::from((lookup(host), PORT));
        let _ = socket.send_to(&encode(msg), to).await;
    }
}

fn now_ms() -> u64 {
    let elapsed = turmoil::sim_elapsed().expect("inside the simulation");
    u64::try_from(elapsed.as_millis()).expect("a short run")
}

/// The trace of one run: what each host did, in virtual time.
type Trace = Rc<RefCell<Vec<String>>>;

fn log(trace: &Trace, line: String) {
    trace
        .borrow_mut()
        .push(format!("{:>5} ms  {line}", now_ms()));
}

/// The store's disk: survives crashes of `db`.
#[derive(Default)]
struct Disk {
    version: u64,
    data: BTreeMap<u64, (u64, u64)>,
}

async fn serve<F, Fut>(handle: F) -> turmoil::Result
where
    F: Fn(Msg) -> Fut + 'static,
    Fut: std::future::Future<Output = Option<Msg>> + 'static,
{
    let socket = Rc::new(UdpSocket::bind((Ipv4Addr::UNSPECIFIED, PORT)).await?);
    let handle = Rc::new(handle);
    let mut buf = [0u8; 256];
    loop {
        let (len, from) = socket.recv_from(&mut buf).await?;
        let Ok(msg) = serde_json::from_slice::<Msg>(&buf[..len]) else {
            continue;
        };
        let (socket, handle) = (Rc::clone(&socket), Rc::clone(&handle));
        spawn_local(async move {
            if let Some(reply) = handle(msg).await {
                let _ = socket.send_to(&encode(&reply), from).await;
            }
        });
    }
}

// ANCHOR: db
async fn db(disk: Rc<RefCell<Disk>>, trace: Trace) -> turmoil::Result {
    serve(move |msg| {
        let (disk, trace) = (Rc::clone(&disk), Rc::clone(&trace));
        async move {
            match msg {
                Msg::Read { key } => {
                    let (value, version) = disk.borrow().data.get(&key).copied().unwrap_or((0, 0));
                    Some(Msg::Current { value, version })
                }
                Msg::Version => Some(Msg::Now {
                    version: disk.borrow().version,
                }),
                Msg::Put { key, value } => {
                    let version = {
                        let mut disk = disk.borrow_mut();
                        disk.version += 1;
                        let version = disk.version;
                        disk.data.insert(key, (value, version));
                        version
                    };
                    log(&trace, format!("db   stored k{key} = {value} (v{version})"));
                    // Acknowledge the write only once the cache has dropped
                    // its copy; try a few times, then leave the client
                    // without an answer (its write is then "unknown").
                    for _ in 0..4 {
                        if let Some(Msg::Dropped) =
                            call("cache", &Msg::Invalidate { key, version }).await
                        {
                            log(&trace, format!("db   cache dropped k{key}; ack v{version}"));
                            return Some(Msg::Written { version });
                        }
                    }
                    None
                }
                _ => None,
            }
        }
    })
    .await
}
// ANCHOR_END: db

/// The cache's memory: lost when the host crashes.
#[derive(Default)]
struct Memory {
    entries: BTreeMap<u64, (u64, u64)>,
    tombstones: BTreeMap<u64, u64>,
    /// `Fixed` only: no fill older than this is taken; `None` until `db`
    /// has told this incarnation its version.
    floor: Option<u64>,
}

// ANCHOR: fill
/// Whether the cache takes a fill of `key` at `version`.
fn accepts(cache: Cache, memory: &Memory, key: u64, version: u64) -> bool {
    let newer_than_tombstone = memory.tombstones.get(&key).is_none_or(|&t| version >= t);
    let newer_than_entry = memory.entries.get(&key).is_none_or(|&(_, v)| version > v);
    match cache {
        Cache::Naive => true,
        Cache::Tombstones => newer_than_tombstone && newer_than_entry,
        Cache::Fixed => {
            memory.floor.is_some_and(|floor| version >= floor)
                && newer_than_tombstone
                && newer_than_entry
        }
    }
}
// ANCHOR_END: fill

async fn cache(variant: Cache, trace: Trace) -> turmoil::Result {
    let memory = Rc::new(RefCell::new(Memory::default()));
    log(&trace, "cache started, empty".to_string());
    if variant == Cache::Fixed {
        let (memory, trace) = (Rc::clone(&memory), Rc::clone(&trace));
        spawn_local(async move {
            loop {
                if let Some(Msg::Now { version }) = call("db", &Msg::Version).await {
                    memory.borrow_mut().floor = Some(version);
                    log(&trace, format!("cache floor set to v{version}"));
                    return;
                }
            }
        });
    }
    serve(move |msg| {
        let (memory, trace) = (Rc::clone(&memory), Rc::clone(&trace));
        async move {
            let mut memory = memory.borrow_mut();
            match msg {
                Msg::Get { key } => Some(match memory.entries.get(&key) {
                    Some(&(value, version)) => Msg::Hit { value, version },
                    None => Msg::Miss,
                }),
                Msg::Fill {
                    key,
                    value,
                    version,
                } => {
                    if accepts(variant, &memory, key, version) {
                        memory.entries.insert(key, (value, version));
                        log(
                            &trace,
                            format!("cache filled k{key} = {value} (v{version})"),
                        );
                    } else {
                        log(&trace, format!("cache refused fill k{key} v{version}"));
                    }
                    None
                }
                Msg::Invalidate { key, version } => {
                    memory.entries.remove(&key);
                    let t = memory.tombstones.entry(key).or_insert(0);
                    *t = (*t).max(version);
                    log(&trace, format!("cache dropped k{key} for v{version}"));
                    Some(Msg::Dropped)
                }
                _ => None,
            }
        }
    })
    .await
}

/// One operation as the client saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    pub client: usize,
    pub key: u64,
    pub invoke: u64,
    /// When the answer came; `None` for a write without an answer.
    pub ret: Option<u64>,
    pub write: bool,
    pub value: u64,
    pub version: u64,
}

// ANCHOR: client
async fn client(
    id: usize,
    plan: Vec<(u64, u64, bool)>,
    ops: Rc<RefCell<Vec<Op>>>,
    trace: Trace,
) -> turmoil::Result {
    for (k, (think, key, write)) in plan.into_iter().enumerate() {
        sleep(Duration::from_millis(think)).await;
        let invoke = now_ms();
        let name = format!("c{}", id + 1);
        if write {
            let value = 100 * (id as u64 + 1) + k as u64;
            log(&trace, format!("{name}   write k{key} = {value}"));
            let answer = call("db", &Msg::Put { key, value }).await;
            let (ret, version) = match answer {
                Some(Msg::Written { version }) => (Some(now_ms()), version),
                _ => (None, 0),
            };
            #[rustfmt::skip]
            ops.borrow_mut().push(Op { client: id, key, invoke, ret, write, value, version });
            continue;
        }
        let (value, version) = match call("cache", &Msg::Get { key }).await {
            Some(Msg::Hit { value, version }) => {
                log(
                    &trace,
                    format!("{name}   got k{key} = {value} (v{version}) from cache"),
                );
                (value, version)
            }
            _ => {
                // A miss (or no cache): read the store, then fill the cache.
                let Some(Msg::Current { value, version }) = call("db", &Msg::Read { key }).await
                else {
                    continue; // no answer: the read tells nothing
                };
                log(
                    &trace,
                    format!("{name}   read k{key} = {value} (v{version}) from db; filling"),
                );
                send(
                    "cache",
                    &Msg::Fill {
                        key,
                        value,
                        version,
                    },
                )
                .await;
                (value, version)
            }
        };
        let ret = Some(now_ms());
        #[rustfmt::skip]
        ops.borrow_mut().push(Op { client: id, key, invoke, ret, write, value, version });
    }
    Ok(())
}
// ANCHOR_END: client

/// The faults of one seed: `db` or `cache` cut off, a one-way cut between
/// them, or one of them crashed and restarted.
pub fn schedule(seed: u64) -> Schedule {
    Schedule::generate(seed, &SERVERS, FAULT_HORIZON)
}

/// One client's operations: (think time in ms, key, is it a write).
pub type Plan = Vec<(u64, u64, bool)>;

/// Runs `variant` under `schedule`, with a workload drawn from `seed`, and
/// returns the clients' operations and the trace.
pub fn simulate(variant: Cache, seed: u64, schedule: &Schedule) -> (Vec<Op>, Vec<String>) {
    let mut workload = Rng::new(seed);
    let plans = (0..CLIENTS)
        .map(|_| {
            (0..OPS_PER_CLIENT)
                .map(|_| {
                    (
                        1 + workload.below(20),
                        workload.below(KEYS),
                        workload.below(10) < 3,
                    )
                })
                .collect()
        })
        .collect();
    simulate_plans(variant, seed, schedule, plans)
}

/// Runs `variant` under `schedule` with one client per plan: how a test
/// scripts one exact interleaving.
pub fn simulate_plans(
    variant: Cache,
    seed: u64,
    schedule: &Schedule,
    plans: Vec<Plan>,
) -> (Vec<Op>, Vec<String>) {
    let mut sim = schedule.builder(seed, Duration::from_secs(60)).build();
    let disk = Rc::new(RefCell::new(Disk::default()));
    let trace: Trace = Rc::new(RefCell::new(Vec::new()));
    let ops = Rc::new(RefCell::new(Vec::new()));
    {
        let (disk, trace) = (Rc::clone(&disk), Rc::clone(&trace));
        sim.host("db", move || db(Rc::clone(&disk), Rc::clone(&trace)));
    }
    {
        let trace = Rc::clone(&trace);
        sim.host("cache", move || cache(variant, Rc::clone(&trace)));
    }
    for (id, plan) in plans.into_iter().enumerate() {
        let (ops, trace) = (Rc::clone(&ops), Rc::clone(&trace));
        sim.client(format!("client-{}", id + 1), client(id, plan, ops, trace));
    }
    fault_sweep::drive(&mut sim, schedule, &SERVERS).expect("every client finishes");
    let mut ops = ops.take();
    ops.sort_by_key(|o| (o.invoke, o.client));
    let trace = trace.take();
    (ops, trace)
}

// ANCHOR: invariant
/// The first read that returned a version older than a write of its key
/// acknowledged before the read began: `(write, read)`.
pub fn stale_read(ops: &[Op]) -> Option<(Op, Op)> {
    for read in ops.iter().filter(|o| !o.write) {
        let newer = ops.iter().find(|w| {
            w.write
                && w.key == read.key
                && w.ret.is_some_and(|ret| ret < read.invoke)
                && w.version > read.version
        });
        if let Some(write) = newer {
            return Some((*write, *read));
        }
    }
    None
}
// ANCHOR_END: invariant

/// One seed for the sweep: the trace and the verdict.
pub fn run(variant: &str, seed: u64, schedule: &Schedule) -> Outcome {
    let cache = VARIANTS
        .iter()
        .find(|(name, _)| *name == variant)
        .map(|(_, c)| *c)
        .expect("fault_sweep checks the variant name");
    let (ops, mut history) = simulate(cache, seed, schedule);
    let violation = stale_read(&ops).map(|(w, r)| {
        format!(
            "c{} read k{} = {} (v{}) at {} ms, but c{}'s write of {} (v{}) was acknowledged at {} ms",
            r.client + 1,
            r.key,
            r.value,
            r.version,
            r.invoke,
            w.client + 1,
            w.value,
            w.version,
            w.ret.unwrap_or_default()
        )
    });
    if let Some((w, r)) = stale_read(&ops) {
        // Keep the trace short: the stale read's key, from a little before
        // the write began to the read's answer.
        let key = format!("k{}", r.key);
        let (from, to) = (w.invoke.saturating_sub(20), r.ret.unwrap_or(u64::MAX));
        history.retain(|line| {
            let at: u64 = line
                .split_whitespace()
                .next()
                .and_then(|t| t.parse().ok())
                .unwrap_or(0);
            (from..=to).contains(&at)
                && (line
                    .split_whitespace()
                    .any(|w| w.trim_end_matches(';') == key)
                    || line.contains("cache started"))
        });
    }
    Outcome { history, violation }
}
