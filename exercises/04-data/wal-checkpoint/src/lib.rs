//! A key-value store with a write-ahead log and checkpoints, on a simulated
//! disk that can be crashed at any moment.
//!
//! Your turn: write `Store::checkpoint` until `cargo test -p wal-checkpoint`
//! passes. Everything else is given.
//!
//! Layout: `Disk` (files, a directory, and what a crash may leave of them),
//! the record format (`frame`, `unframe`), then `Store`: `open` (recovery),
//! `put` and `checkpoint`.

use std::collections::BTreeMap;

/// The log, the checkpoint, and the checkpoint while it is being written.
pub const LOG: &str = "wal.log";
pub const SNAPSHOT: &str = "snapshot";
pub const SNAPSHOT_TMP: &str = "snapshot.tmp";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Inode {
    data: Vec<u8>,
    /// What a crash cannot take away (set by `fsync`).
    synced: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum DirOp {
    Link(String, usize),
    Rename(String, String),
}

/// The files and the directory at one moment.
#[derive(Debug, Clone, Default)]
pub struct Fs {
    inodes: Vec<Inode>,
    names: BTreeMap<String, usize>,
    /// The directory as of its last fsync, and the changes since, in order.
    durable_names: BTreeMap<String, usize>,
    pending: Vec<DirOp>,
    /// Puts acknowledged by this moment.
    pub acked: usize,
}

/// A simulated disk. Data written to a file survives a crash once the file
/// is fsynced; a new name or a rename, once the directory is fsynced. Every
/// operation is recorded, so a test can crash the disk at any moment.
#[derive(Debug, Clone, Default)]
pub struct Disk {
    fs: Fs,
    history: Vec<Fs>,
}

impl Disk {
    /// Opens `name` for writing from the start: an existing file is emptied
    /// (a data change, like `O_TRUNC`); a new one gets a name (a directory
    /// change).
    pub fn create(&mut self, name: &str) {
        match self.fs.names.get(name) {
            Some(&inode) => self.fs.inodes[inode].data.clear(),
            None => {
                self.fs.inodes.push(Inode::default());
                let inode = self.fs.inodes.len() - 1;
                self.fs.names.insert(name.to_string(), inode);
                self.fs.pending.push(DirOp::Link(name.to_string(), inode));
            }
        }
        self.record();
    }

    pub fn append(&mut self, name: &str, bytes: &[u8]) {
        let inode = self.inode(name);
        self.fs.inodes[inode].data.extend_from_slice(bytes);
        self.record();
    }

    pub fn truncate(&mut self, name: &str, len: usize) {
        let inode = self.inode(name);
        self.fs.inodes[inode].data.truncate(len);
        self.record();
    }

    /// Makes the file's data (not its name) survive a crash.
    pub fn fsync(&mut self, name: &str) {
        let index = self.inode(name);
        let inode = &mut self.fs.inodes[index];
        inode.synced = inode.data.clone();
        self.record();
    }

    /// Gives `from`'s file the name `to`, replacing any file called `to`, in
    /// one step: a crash leaves the old name or the new one, never neither.
    pub fn rename(&mut self, from: &str, to: &str) {
        let inode = self
            .fs
            .names
            .remove(from)
            .expect("rename of a missing file");
        self.fs.names.insert(to.to_string(), inode);
        self.fs.pending.push(DirOp::Rename(from.into(), to.into()));
        self.record();
    }

    /// Makes every new name and rename so far survive a crash.
    pub fn fsync_dir(&mut self) {
        self.fs.durable_names = self.fs.names.clone();
        self.fs.pending.clear();
        self.record();
    }

    pub fn read(&self, name: &str) -> Option<Vec<u8>> {
        let &inode = self.fs.names.get(name)?;
        Some(self.fs.inodes[inode].data.clone())
    }

    /// Called by `Store::put` once a put is acknowledged.
    pub fn note_acked(&mut self, acked: usize) {
        self.fs.acked = acked;
        self.record();
    }

    /// The disk at every moment so far, oldest first.
    pub fn history(&self) -> &[Fs] {
        &self.history
    }

    fn inode(&self, name: &str) -> usize {
        *self
            .fs
            .names
            .get(name)
            .unwrap_or_else(|| panic!("no file {name}"))
    }

    fn record(&mut self) {
        self.history.push(self.fs.clone());
    }
}

impl Fs {
    /// Every disk a crash at this moment may leave. The directory keeps its
    /// fsynced state plus any prefix of the changes made since. A file keeps
    /// its synced data, or all its data, or its new data torn in half or
    /// zeroed after the half.
    pub fn crash_images(&self) -> Vec<Disk> {
        let mut images = Vec::new();
        for applied in 0..=self.pending.len() {
            let mut names = self.durable_names.clone();
            for op in &self.pending[..applied] {
                match op {
                    DirOp::Link(name, inode) => {
                        names.insert(name.clone(), *inode);
                    }
                    DirOp::Rename(from, to) => {
                        if let Some(inode) = names.remove(from) {
                            names.insert(to.clone(), inode);
                        }
                    }
                }
            }
            let mut disks = vec![Fs {
                inodes: vec![Inode::default(); self.inodes.len()],
                durable_names: names.clone(),
                names,
                pending: Vec::new(),
                acked: self.acked,
            }];
            let mut reachable: Vec<usize> = disks[0].names.values().copied().collect();
            reachable.sort_unstable();
            reachable.dedup();
            for inode in reachable {
                let choices = self.inodes[inode].crash_data();
                disks = disks
                    .into_iter()
                    .flat_map(|fs| {
                        choices.iter().map(move |data| {
                            let mut fs = fs.clone();
                            fs.inodes[inode] = Inode {
                                data: data.clone(),
                                synced: data.clone(),
                            };
                            fs
                        })
                    })
                    .collect();
            }
            images.extend(disks.into_iter().map(|fs| Disk {
                fs,
                history: Vec::new(),
            }));
        }
        images
    }
}

impl Inode {
    fn crash_data(&self) -> Vec<Vec<u8>> {
        let (old, new) = (&self.synced, &self.data);
        let base = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let half = base + (new.len() - base) / 2;
        let mut zeroed = new.clone();
        zeroed[half..].fill(0);
        let mut choices = vec![
            old.clone(),
            new.clone(),
            new[..base].to_vec(),
            new[..half].to_vec(),
            zeroed,
        ];
        choices.sort();
        choices.dedup();
        choices
    }
}

/// CRC-32 (IEEE), bit by bit: short, and fast enough for a test.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `length | crc | payload`, the CRC over the length and the payload.
pub fn frame(payload: &[u8]) -> Vec<u8> {
    let length = (payload.len() as u32).to_le_bytes();
    let crc = crc32(&[&length[..], payload].concat());
    [&length[..], &crc.to_le_bytes(), payload].concat()
}

/// The first frame's payload and the bytes it took, if it is whole and good.
pub fn unframe(bytes: &[u8]) -> Option<(&[u8], usize)> {
    let length = u32::from_le_bytes(bytes.get(0..4)?.try_into().ok()?) as usize;
    let crc = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    let payload = bytes.get(8..8 + length)?;
    // The CRC covers the length, so zeros (length 0, CRC 0) are no frame.
    let good = crc32(&[&bytes[..4], payload].concat()) == crc;
    good.then_some((payload, 8 + length))
}

/// `key length (u8) | key | value length (u16 LE) | value`, for each pair.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a String, &'a String)>) -> Vec<u8> {
    let mut out = Vec::new();
    for (key, value) in pairs {
        out.push(key.len() as u8);
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(&(value.len() as u16).to_le_bytes());
        out.extend_from_slice(value.as_bytes());
    }
    out
}

pub fn decode_pairs(mut bytes: &[u8]) -> Option<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    while let Some((&key_len, rest)) = bytes.split_first() {
        let key = rest.get(..usize::from(key_len))?;
        let rest = &rest[key.len()..];
        let value_len = u16::from_le_bytes(rest.get(..2)?.try_into().ok()?) as usize;
        let value = rest.get(2..2 + value_len)?;
        pairs.push((
            String::from_utf8(key.to_vec()).ok()?,
            String::from_utf8(value.to_vec()).ok()?,
        ));
        bytes = &rest[2 + value_len..];
    }
    Some(pairs)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveryError {
    /// A snapshot exists but its checksum is wrong: starting empty would
    /// silently lose every write it held.
    CorruptSnapshot,
}

pub struct Store {
    pub disk: Disk,
    state: BTreeMap<String, String>,
    acked: usize,
}

impl Store {
    /// Recovery: the snapshot if there is one, then every good record of the
    /// log, which is cut after the last good one.
    pub fn open(mut disk: Disk) -> Result<Store, RecoveryError> {
        let mut state = BTreeMap::new();
        if let Some(bytes) = disk.read(SNAPSHOT) {
            let (payload, _) = unframe(&bytes).ok_or(RecoveryError::CorruptSnapshot)?;
            let pairs = decode_pairs(payload).ok_or(RecoveryError::CorruptSnapshot)?;
            state.extend(pairs);
        }
        let Some(log) = disk.read(LOG) else {
            disk.create(LOG);
            disk.fsync(LOG);
            disk.fsync_dir();
            return Ok(Store {
                disk,
                state,
                acked: 0,
            });
        };
        let mut at = 0;
        while let Some((payload, used)) = unframe(&log[at..]) {
            let Some(pairs) = decode_pairs(payload) else {
                break;
            };
            state.extend(pairs);
            at += used;
        }
        if at < log.len() {
            disk.truncate(LOG, at);
            disk.fsync(LOG);
        }
        Ok(Store {
            disk,
            state,
            acked: 0,
        })
    }

    /// Logs the put, makes it durable, applies it, acknowledges it.
    pub fn put(&mut self, key: &str, value: &str) {
        let record = frame(&encode_pairs([(&key.to_string(), &value.to_string())]));
        self.disk.append(LOG, &record);
        self.disk.fsync(LOG);
        self.state.insert(key.to_string(), value.to_string());
        self.acked += 1;
        self.disk.note_acked(self.acked);
    }

    pub fn state(&self) -> &BTreeMap<String, String> {
        &self.state
    }

    /// Writes the whole state as a snapshot and empties the log, so that
    /// recovery reads one snapshot instead of every put ever made. A crash
    /// at any moment must lose no acknowledged put.
    pub fn checkpoint(&mut self) {
        // The disk's operations: append, create, fsync, fsync_dir, rename,
        // truncate. `frame(&encode_pairs(&self.state))` is a snapshot's bytes.
        todo!("write the snapshot so that no crash loses a put, then empty the log")
    }
}
