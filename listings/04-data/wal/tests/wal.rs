//! Tests of the write-ahead log: `cargo test -p wal`.

use std::io::Write;

use wal::crash::{self, BLOCK, Tail, Workload};
use wal::log_file::{LogFile, Moment, SimFile, TempDir};
use wal::record::{self, PutError, Stop};
use wal::{KvStore, Policy, Put, RealFile, Variant, WalError};

fn open(file: SimFile, policy: Policy) -> KvStore<SimFile> {
    KvStore::recover(file, policy, Variant::Wal).unwrap().0
}

fn log_of(puts: &[(&str, &str)]) -> Vec<u8> {
    puts.iter()
        .flat_map(|(k, v)| record::encode(&Put::new(k.as_bytes(), v.as_bytes()).unwrap()))
        .collect()
}

// With fsync per write, each put is acknowledged by its own call.
#[test]
fn every_write_acknowledges_each_put() {
    let mut store = open(SimFile::default(), Policy::EveryWrite);
    assert_eq!(store.put(b"k1", b"a").unwrap(), vec![0]);
    assert_eq!(store.put(b"k2", b"b").unwrap(), vec![1]);
    assert_eq!(store.get(b"k1"), Some(&b"a"[..]));
    assert_eq!(store.file().synced(), store.file().bytes().len());
}

// Group commit applies and acknowledges nothing until the fsync of the group.
#[test]
fn group_commit_waits_for_its_fsync() {
    let mut store = open(SimFile::default(), Policy::Group(3));
    assert!(store.put(b"k1", b"a").unwrap().is_empty());
    assert!(store.put(b"k2", b"b").unwrap().is_empty());
    assert_eq!(store.get(b"k1"), None, "not durable, so not visible");
    assert_eq!(store.file().synced(), 0);
    assert_eq!(store.put(b"k3", b"c").unwrap(), vec![0, 1, 2]);
    assert_eq!(store.get(b"k1"), Some(&b"a"[..]));
    assert!(store.put(b"k4", b"d").unwrap().is_empty());
    assert_eq!(
        store.commit().unwrap(),
        vec![3],
        "commit flushes a partial group"
    );
    assert_eq!(store.commit().unwrap(), Vec::<u64>::new());
}

// A failed fsync poisons the store: no retry can be trusted.
#[test]
fn failed_fsync_refuses_further_writes() {
    let mut store = open(SimFile::default(), Policy::EveryWrite);
    store.put(b"k1", b"a").unwrap();
    let mut file = store.into_file();
    file.fail_sync = true;
    let mut store = KvStore::recover(file, Policy::EveryWrite, Variant::Wal)
        .unwrap()
        .0;
    assert!(matches!(store.put(b"k2", b"b"), Err(WalError::Io(_))));
    assert_eq!(store.get(b"k2"), None, "never acknowledged, never applied");
    assert!(matches!(store.put(b"k3", b"c"), Err(WalError::Poisoned)));
    assert!(matches!(store.commit(), Err(WalError::Poisoned)));
}

// Bad keys are refused before anything reaches the log.
#[test]
fn bad_puts_are_refused() {
    let mut store = open(SimFile::default(), Policy::EveryWrite);
    assert!(matches!(
        store.put(b"", b"v"),
        Err(WalError::BadPut(PutError::EmptyKey))
    ));
    assert!(matches!(
        store.put(&[b'k'; 300], b"v"),
        Err(WalError::BadPut(PutError::KeyTooLong))
    ));
    assert!(store.file().bytes().is_empty());
}

// Recovery replays every good record and cuts a torn last record off the file.
#[test]
fn recovery_cuts_a_torn_tail() {
    let mut log = log_of(&[("k1", "a"), ("k2", "bb")]);
    let good = log.len();
    log.extend_from_slice(&log_of(&[("k3", "ccc")])[..7]);
    let (store, recovered) =
        KvStore::recover(SimFile::recovered(log), Policy::EveryWrite, Variant::Wal).unwrap();
    assert_eq!((recovered.records, recovered.cut_bytes), (2, 7));
    assert_eq!(recovered.stop, Stop::Torn);
    assert_eq!(store.file().bytes().len(), good);
    assert_eq!(store.get(b"k2"), Some(&b"bb"[..]));
    assert_eq!(store.get(b"k3"), None);
}

// Recovery syncs the records it replays: after a crash of the process alone
// they may still be only in the page cache.
#[test]
fn recovery_syncs_what_it_replays() {
    let mut file = SimFile::default();
    file.append(&log_of(&[("k1", "a")])).unwrap();
    assert_eq!(file.synced(), 0);
    let store = open(file, Policy::EveryWrite);
    assert_eq!(store.get(b"k1"), Some(&b"a"[..]));
    assert_eq!(store.file().synced(), store.file().bytes().len());
}

// A zero-filled tail is cut, and a put after recovery survives the next one.
#[test]
fn a_put_after_a_zeroed_tail_survives() {
    let mut log = log_of(&[("k1", "a")]);
    log.extend_from_slice(&[0; 20]);
    let mut store = open(SimFile::recovered(log), Policy::EveryWrite);
    store.put(b"k2", b"b").unwrap();
    let again = open(
        SimFile::recovered(store.into_file().bytes().to_vec()),
        Policy::EveryWrite,
    );
    assert_eq!(again.get(b"k2"), Some(&b"b"[..]));
}

// Without the cut, the same put lands after the zeros and is lost next time.
#[test]
fn without_the_cut_the_next_put_is_lost() {
    let mut log = log_of(&[("k1", "a")]);
    log.extend_from_slice(&[0; 20]);
    let file = SimFile::recovered(log);
    let mut store = KvStore::recover(file, Policy::EveryWrite, Variant::NoTruncate)
        .unwrap()
        .0;
    assert_eq!(store.put(b"k2", b"b").unwrap(), vec![1]);
    let bytes = store.into_file().bytes().to_vec();
    let again = open(SimFile::recovered(bytes), Policy::EveryWrite);
    assert_eq!(again.get(b"k2"), None);
}

// A flipped bit in a record's value is caught by the checksum, not by the length.
#[test]
fn a_flipped_bit_stops_recovery() {
    let mut log = log_of(&[("k1", "a"), ("k2", "hello")]);
    let last = log.len() - 1;
    log[last] ^= 0x20;
    let scan = record::scan(&log, Variant::Wal);
    assert_eq!((scan.puts.len(), scan.stop), (1, Stop::BadChecksum));
    let trusting = record::scan(&log, Variant::NoChecksum);
    assert_eq!(trusting.puts[1].value, b"hellO");
}

// A crash with u unsynced bytes leaves u + 1 torn files, u zeroed, u with
// junk, and one per block that holds unsynced bytes.
#[test]
fn images_of_one_moment() {
    let log = log_of(&[("k1", "abcdefghijklmnopqrstuvwxyz")]);
    let moment = Moment {
        len: log.len(),
        synced: 10,
        acked: 0,
    };
    let mut counts = [0; 4];
    let mut lengths = Vec::new();
    crash::images(&log, moment, 1, |tail, _, image| {
        counts[Tail::ALL.iter().position(|t| *t == tail).unwrap()] += 1;
        assert_eq!(&image[..10], &log[..10], "synced bytes survive");
        lengths.push(image.len());
    });
    let unsynced = log.len() - 10;
    let blocks = log.len().div_ceil(BLOCK);
    assert_eq!(counts, [unsynced + 1, unsynced, unsynced, blocks]);
    assert_eq!(lengths.iter().min(), Some(&10));
    assert_eq!(lengths.iter().max(), Some(&log.len()));
}

// The correct log loses nothing acknowledged and recovers a prefix, everywhere.
#[test]
fn the_correct_log_survives_every_crash() {
    for seed in 0..50 {
        let report = crash::check(&Workload::generate(seed), Variant::Wal, false);
        assert_eq!(report.wrong_total(), 0, "seed {seed}: {:?}", report.first);
        assert!(report.images_total() > 100);
    }
}

// Each broken variant is caught, and only by the tails that can expose it.
#[test]
fn the_checker_catches_each_broken_variant() {
    let mut wrong = [[0; 4]; 5];
    for seed in 0..50 {
        for (i, variant) in Variant::ALL.into_iter().enumerate() {
            let report = crash::check(&Workload::generate(seed), variant, false);
            for (sum, w) in wrong[i].iter_mut().zip(report.wrong) {
                *sum += w;
            }
        }
    }
    let caught = |i: usize| wrong[i].iter().sum::<usize>() > 0;
    assert!(
        caught(1) && caught(2) && caught(3) && caught(4),
        "{wrong:?}"
    );
    assert_eq!(
        wrong[2][0], 0,
        "no-checksum: a length check is enough when the file just ends"
    );
    assert_eq!(
        wrong[3][..3],
        [0, 0, 0],
        "skip-bad-record: only a lost block leaves good records after a bad one"
    );
}

// The listing's workload with fsync per write (the page's editable excerpt):
// no crash leaves a good record after a bad one, so skipping goes unseen,
// while the other three mistakes are still caught.
#[test]
fn fsync_per_write_hides_skip_bad_record() {
    let workload = Workload {
        policy: Policy::EveryWrite,
        ..Workload::generate(7)
    };
    for variant in Variant::ALL {
        let wrong = crash::check(&workload, variant, false).wrong_total();
        let caught = !matches!(variant, Variant::Wal | Variant::SkipBadRecord);
        assert_eq!(
            wrong > 0,
            caught,
            "{}: {wrong} wrong images",
            variant.name()
        );
    }
}

// A workload ends with every put acknowledged and synced.
#[test]
fn a_workload_ends_fully_synced() {
    let workload = Workload::generate(3);
    let file = crash::run(&workload, Variant::Wal);
    assert_eq!(file.synced(), file.bytes().len());
    let last = *file.moments().last().unwrap();
    assert_eq!(last.acked, workload.puts.len());
}

// A real file: records written and synced are read back after reopening, and
// a torn tail is cut off the file on disk.
#[test]
fn a_real_file_recovers_and_cuts() {
    let dir = TempDir::new(&std::env::temp_dir(), "wal-test").unwrap();
    let path = dir.path.join("log");
    {
        let (mut store, _) = KvStore::recover(
            RealFile::open(&path).unwrap(),
            Policy::Group(2),
            Variant::Wal,
        )
        .unwrap();
        store.put(b"k1", b"a").unwrap();
        store.put(b"k2", b"b").unwrap();
        store.put(b"k3", b"c").unwrap();
        store.commit().unwrap();
    }
    let good = std::fs::metadata(&path).unwrap().len();
    let mut raw = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    raw.write_all(&[7, 0, 0, 0, 1, 2]).unwrap();
    drop(raw);
    let mut file = RealFile::open(&path).unwrap();
    assert_eq!(file.read_all().unwrap().len() as u64, good + 6);
    let (store, recovered) = KvStore::recover(file, Policy::EveryWrite, Variant::Wal).unwrap();
    assert_eq!((recovered.records, recovered.stop), (3, Stop::Torn));
    assert_eq!(store.get(b"k3"), Some(&b"c"[..]));
    assert_eq!(std::fs::metadata(&path).unwrap().len(), good);
}
