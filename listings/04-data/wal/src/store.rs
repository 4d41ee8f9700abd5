//! The key-value store: every put goes to the log, is made durable, and only
//! then is applied to the in-memory map and acknowledged.

use std::collections::BTreeMap;
use std::fmt;
use std::io;

use crate::log_file::LogFile;
use crate::record::{self, Put, PutError, Scan, Stop, Variant};

/// When the store fsyncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// One fsync per put: each put waits for its own.
    EveryWrite,
    /// Group commit: one fsync for every `n` puts, which all wait for it.
    Group(usize),
    /// Never fsync, acknowledge at once: survives a crash of the process
    /// (the bytes are in the OS page cache), not a crash of the machine.
    NoFsync,
}

impl Policy {
    fn batch(self) -> usize {
        match self {
            Policy::EveryWrite => 1,
            Policy::Group(n) => n.max(1),
            Policy::NoFsync => usize::MAX,
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Policy::EveryWrite => write!(f, "fsync per write"),
            Policy::Group(n) => write!(f, "group commit of {n}"),
            Policy::NoFsync => write!(f, "no fsync"),
        }
    }
}

#[derive(Debug)]
pub enum WalError {
    BadPut(PutError),
    Io(io::Error),
    /// An fsync failed earlier. The kernel may have dropped the unsynced
    /// pages and cleared the error, so a retry could "succeed" without the
    /// data: the store refuses all writes until it is recovered from disk.
    Poisoned,
}

impl fmt::Display for WalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalError::BadPut(e) => write!(f, "bad put: {e:?}"),
            WalError::Io(e) => write!(f, "log I/O failed: {e}"),
            WalError::Poisoned => write!(f, "an fsync failed; recover the store from disk"),
        }
    }
}

impl std::error::Error for WalError {}

impl From<io::Error> for WalError {
    fn from(e: io::Error) -> Self {
        WalError::Io(e)
    }
}

impl From<PutError> for WalError {
    fn from(e: PutError) -> Self {
        WalError::BadPut(e)
    }
}

/// What recovery found in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub records: usize,
    /// Bytes after the last good record (cut off, unless the variant is
    /// `NoTruncate`).
    pub cut_bytes: usize,
    pub stop: Stop,
}

pub struct KvStore<F: LogFile> {
    file: F,
    policy: Policy,
    variant: Variant,
    state: BTreeMap<Vec<u8>, Vec<u8>>,
    /// Logged, not yet fsynced: neither applied nor acknowledged.
    unsynced: Vec<(u64, Put)>,
    /// Applied and acknowledged, not yet fsynced (`AckBeforeFsync` only).
    acked_unsynced: usize,
    next_id: u64,
    acked: usize,
    poisoned: bool,
}

impl<F: LogFile> KvStore<F> {
    // ANCHOR: recover
    /// Opens a store on `file`: replays every good record, then cuts the
    /// log at the first bad one so that new records follow good ones.
    pub fn recover(
        mut file: F,
        policy: Policy,
        variant: Variant,
    ) -> Result<(KvStore<F>, Recovered), WalError> {
        let log = file.read_all()?;
        let Scan {
            puts,
            valid_len,
            stop,
        } = record::scan(&log, variant);
        // Cut, and sync what stays (even if nothing is cut): after a crash of
        // the process alone, the replayed records may still be only in the
        // page cache, and a power cut must not take back what reads will see.
        if variant != Variant::NoTruncate {
            file.truncate(valid_len)?;
        }
        let recovered = Recovered {
            records: puts.len(),
            cut_bytes: log.len() - valid_len,
            stop,
        };
        let mut state = BTreeMap::new();
        for put in puts {
            state.insert(put.key, put.value);
        }
        let store = KvStore {
            file,
            policy,
            variant,
            state,
            unsynced: Vec::new(),
            acked_unsynced: 0,
            next_id: recovered.records as u64,
            acked: 0,
            poisoned: false,
        };
        Ok((store, recovered))
    }
    // ANCHOR_END: recover

    // ANCHOR: put
    /// Logs a put. Returns the ids of the puts this call acknowledged: its
    /// own, several (the group it completed), or none yet.
    pub fn put(&mut self, key: &[u8], value: &[u8]) -> Result<Vec<u64>, WalError> {
        if self.poisoned {
            return Err(WalError::Poisoned);
        }
        let put = Put::new(key, value)?;
        let id = self.next_id;
        self.next_id += 1;
        self.file.append(&record::encode(&put))?; // 1. log
        if self.variant == Variant::AckBeforeFsync || self.policy == Policy::NoFsync {
            return self.ack_before_fsync(id, put);
        }
        self.unsynced.push((id, put));
        if self.unsynced.len() >= self.policy.batch() {
            return self.commit();
        }
        Ok(Vec::new())
    }

    /// Makes every logged put durable, then applies and acknowledges them.
    pub fn commit(&mut self) -> Result<Vec<u64>, WalError> {
        if self.poisoned {
            return Err(WalError::Poisoned);
        }
        if self.unsynced.is_empty() && self.acked_unsynced == 0 {
            return Ok(Vec::new());
        }
        if let Err(e) = self.file.sync() {
            // 2. durable, or never trusted again
            self.poisoned = true;
            return Err(e.into());
        }
        self.acked_unsynced = 0;
        let mut ids = Vec::with_capacity(self.unsynced.len());
        for (id, put) in self.unsynced.drain(..) {
            self.state.insert(put.key, put.value); // 3. apply
            ids.push(id);
        }
        self.acked += ids.len();
        self.file.note_acked(self.acked); // 4. acknowledge
        Ok(ids)
    }
    // ANCHOR_END: put

    /// The mistake (and `NoFsync`'s bargain): the put is applied and
    /// acknowledged while its record may still be only in the page cache;
    /// the fsync comes later, or never.
    fn ack_before_fsync(&mut self, id: u64, put: Put) -> Result<Vec<u64>, WalError> {
        self.state.insert(put.key, put.value);
        self.acked += 1;
        self.file.note_acked(self.acked);
        self.acked_unsynced += 1;
        if self.acked_unsynced >= self.policy.batch() {
            self.commit()?;
        }
        Ok(vec![id])
    }

    pub fn get(&self, key: &[u8]) -> Option<&[u8]> {
        self.state.get(key).map(Vec::as_slice)
    }

    /// The applied state: acknowledged puts only.
    pub fn state(&self) -> &BTreeMap<Vec<u8>, Vec<u8>> {
        &self.state
    }

    pub fn file(&self) -> &F {
        &self.file
    }

    pub fn into_file(self) -> F {
        self.file
    }
}
