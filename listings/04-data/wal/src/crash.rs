//! The crash model and the checker.
//!
//! A crash (power loss, kernel panic) keeps every synced byte of the log.
//! Of the bytes appended since the last fsync, it may keep any prefix, and
//! what follows that prefix depends on the file system: nothing (`Torn`),
//! zeros or old junk where the file length was updated before the data
//! (`Zeroed`, `Garbage`), or everything but one block the kernel had not
//! written back yet (`LostBlock`, pages go to disk in no fixed order).
//!
//! `check` runs a seeded workload once on a `SimFile`, crashes it at every
//! moment the file recorded, with every tail, and recovers each image.

use std::collections::BTreeMap;

use crate::log_file::{Moment, SimFile};
use crate::record::{self, Put, Variant};
use crate::store::{KvStore, Policy};

/// The simulated disk's write-back unit. Real page caches write 4 KiB pages;
/// 16 bytes lets a workload of a few hundred bytes span many blocks.
pub const BLOCK: usize = 16;

// ANCHOR: tail
/// What a crash leaves after the last synced byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tail {
    /// The file ends after `keep` of the unsynced bytes.
    Torn,
    /// The file keeps its full length; after `keep` bytes it reads zeros.
    Zeroed,
    /// The file keeps its full length; after `keep` bytes, old junk.
    Garbage,
    /// Every unsynced byte arrived except the block at offset `keep`, which
    /// reads zeros.
    LostBlock,
}
// ANCHOR_END: tail

impl Tail {
    pub const ALL: [Tail; 4] = [Tail::Torn, Tail::Zeroed, Tail::Garbage, Tail::LostBlock];

    pub fn name(self) -> &'static str {
        match self {
            Tail::Torn => "torn",
            Tail::Zeroed => "zeroed",
            Tail::Garbage => "garbage",
            Tail::LostBlock => "lost-block",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The course's seeded generator (SplitMix64), so a seed replays the same
/// workload and the same junk on every machine.
pub use seeded::SplitMix64 as Rng;

// ANCHOR: images
/// Calls `each(tail, keep, image)` for every file a crash at `moment` may
/// leave. `log` is the file's final content; at `moment` it was the first
/// `moment.len` bytes of it, of which `moment.synced` were synced.
pub fn images(log: &[u8], moment: Moment, salt: u64, mut each: impl FnMut(Tail, usize, Vec<u8>)) {
    let (synced, len) = (moment.synced, moment.len);
    if synced == len {
        each(Tail::Torn, 0, log[..len].to_vec());
        return; // nothing unsynced: a crash keeps the file as it is
    }
    for keep in 0..=len - synced {
        each(Tail::Torn, keep, log[..synced + keep].to_vec());
        if synced + keep == len {
            break; // all kept: the other tails would be the same file
        }
        let mut zeroed = log[..len].to_vec();
        zeroed[synced + keep..].fill(0);
        each(Tail::Zeroed, keep, zeroed);
        let mut junk = Rng(salt ^ (keep as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let mut garbage = log[..len].to_vec();
        for byte in &mut garbage[synced + keep..] {
            *byte = junk.next_u64() as u8;
        }
        each(Tail::Garbage, keep, garbage);
    }
    // Blocks that hold unsynced bytes; synced bytes in them stay.
    let first_block = synced / BLOCK * BLOCK;
    for start in (first_block..len).step_by(BLOCK) {
        let mut image = log[..len].to_vec();
        image[start.max(synced)..(start + BLOCK).min(len)].fill(0);
        each(Tail::LostBlock, start, image);
    }
}
// ANCHOR_END: images

/// A seeded workload: puts of varying sizes over a few keys, under one
/// fsync policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    pub seed: u64,
    pub policy: Policy,
    pub puts: Vec<Put>,
}

impl Workload {
    /// 6 to 10 puts to keys `k0` to `k3`, values of 0 to 24 letters, fsync
    /// per write or group commit of 2, 3 or 4.
    pub fn generate(seed: u64) -> Workload {
        let mut rng = Rng(seed);
        let policies = [
            Policy::EveryWrite,
            Policy::Group(2),
            Policy::Group(3),
            Policy::Group(4),
        ];
        let policy = policies[rng.below(4)];
        let count = 6 + rng.below(5);
        let puts = (0..count)
            .map(|_| {
                let key = format!("k{}", rng.below(4));
                let value: Vec<u8> = (0..rng.below(25))
                    .map(|_| b'a' + rng.below(26) as u8)
                    .collect();
                Put::new(key.as_bytes(), &value).expect("keys are short")
            })
            .collect();
        Workload { seed, policy, puts }
    }
}

/// One crash image whose recovery broke the property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub moment: Moment,
    pub tail: Tail,
    pub keep: usize,
    pub what: String,
}

/// What crashing one workload at every moment found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Distinct moments of the log (crash points) crashed at.
    pub moments: usize,
    /// Crash images recovered, by tail (`Tail::ALL` order).
    pub images: [usize; 4],
    /// Of those, the ones whose recovery broke the property.
    pub wrong: [usize; 4],
    pub first: Option<Violation>,
    /// The workload's log: its final length and its moments.
    pub log_len: usize,
    pub trace: Vec<Moment>,
}

impl Report {
    pub fn images_total(&self) -> usize {
        self.images.iter().sum()
    }

    pub fn wrong_total(&self) -> usize {
        self.wrong.iter().sum()
    }
}

/// Runs the workload, then crashes it at every moment with every tail and
/// judges each recovery. With `stop_at_first`, returns at the first
/// violation (a sweep over a broken variant needs one per seed).
pub fn check(workload: &Workload, variant: Variant, stop_at_first: bool) -> Report {
    let file = run(workload, variant);
    let log = file.bytes().to_vec();
    let mut moments = vec![Moment {
        len: 0,
        synced: 0,
        acked: 0,
    }];
    for &m in file.moments() {
        if moments.last() != Some(&m) {
            moments.push(m);
        }
    }
    let prefixes = prefix_states(&workload.puts);
    let mut report = Report {
        log_len: log.len(),
        trace: moments.clone(),
        ..Report::default()
    };
    for (i, &moment) in moments.iter().enumerate() {
        if stop_at_first && report.first.is_some() {
            break;
        }
        report.moments += 1;
        let salt = workload.seed.wrapping_mul(1_000_003) ^ i as u64;
        images(&log, moment, salt, |tail, keep, image| {
            if stop_at_first && report.first.is_some() {
                return;
            }
            report.images[tail.index()] += 1;
            if let Some(what) = judge(workload, variant, &prefixes, moment.acked, image) {
                report.wrong[tail.index()] += 1;
                report.first.get_or_insert(Violation {
                    moment,
                    tail,
                    keep,
                    what,
                });
            }
        });
    }
    report
}

/// The workload on a fresh simulated file, ending with a commit (the
/// group-commit timer firing), so every put is acknowledged at the end.
pub fn run(workload: &Workload, variant: Variant) -> SimFile {
    let (mut store, _) = KvStore::recover(SimFile::default(), workload.policy, variant)
        .expect("a simulated file does not fail");
    for put in &workload.puts {
        store.put(&put.key, &put.value).expect("valid put");
    }
    store.commit().expect("a simulated file does not fail");
    store.into_file()
}

type State = BTreeMap<Vec<u8>, Vec<u8>>;

/// The state after the first `p` puts, for every `p` from 0 to all.
pub fn prefix_states(puts: &[Put]) -> Vec<State> {
    let mut state = State::new();
    let mut states = vec![state.clone()];
    for put in puts {
        state.insert(put.key.clone(), put.value.clone());
        states.push(state.clone());
    }
    states
}

// ANCHOR: judge
/// Recovers one crash image and checks the property: the state is that of
/// a prefix of the puts at least as long as the acknowledged ones; and a
/// put acknowledged after the restart survives the next crash too.
fn judge(
    workload: &Workload,
    variant: Variant,
    prefixes: &[State],
    acked: usize,
    image: Vec<u8>,
) -> Option<String> {
    let scanned = record::scan(&image, variant).puts;
    let (mut store, _) = KvStore::recover(SimFile::recovered(image), Policy::EveryWrite, variant)
        .expect("a simulated file does not fail");
    if !prefixes[acked..].contains(store.state()) {
        return Some(explain(&workload.puts, acked, &scanned));
    }
    let mut expected = store.state().clone();
    store.put(b"restart", b"after").expect("valid put");
    expected.insert(b"restart".to_vec(), b"after".to_vec());
    let after = SimFile::recovered(store.into_file().bytes().to_vec());
    let (again, _) = KvStore::recover(after, Policy::EveryWrite, variant)
        .expect("a simulated file does not fail");
    if again.state() != &expected {
        return Some("restart=after, acknowledged after the restart, is lost in the next".into());
    }
    None
}
// ANCHOR_END: judge

/// Says how the recovered records differ from the puts that were issued.
fn explain(puts: &[Put], acked: usize, recovered: &[Put]) -> String {
    let same = puts
        .iter()
        .zip(recovered)
        .take_while(|(a, b)| a == b)
        .count();
    match recovered.get(same) {
        None => format!(
            "lost acknowledged put {} ({}): {acked} acknowledged, {same} recovered",
            same + 1,
            puts[same].describe()
        ),
        Some(found) if puts[same..].contains(found) => format!(
            "put {} ({}) is missing but a later one ({}) was recovered",
            same + 1,
            puts[same].describe(),
            found.describe()
        ),
        Some(found) => format!(
            "record {} reads {}, which was never written",
            same + 1,
            found.describe()
        ),
    }
}
