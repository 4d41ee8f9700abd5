//! Where the log lives: a real file (`RealFile`) or a simulated one
//! (`SimFile`) that remembers how much of it is synced, so a test can ask
//! what a crash could leave.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// What the store does to its log.
pub trait LogFile {
    /// Appends bytes; they may sit in the OS page cache until `sync`.
    fn append(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Returns once every byte appended so far is on stable storage.
    fn sync(&mut self) -> io::Result<()>;
    /// The whole log, from its first byte.
    fn read_all(&mut self) -> io::Result<Vec<u8>>;
    /// Cuts the log to `len` bytes, durably, before returning.
    fn truncate(&mut self, len: usize) -> io::Result<()>;
    /// Told when the store acknowledges writes (`acked` in all since it
    /// opened the log), so a simulated file can crash right after an
    /// acknowledgement. A real file ignores it.
    fn note_acked(&mut self, _acked: usize) {}
}

// ANCHOR: real_file
/// A log in a real file.
pub struct RealFile {
    file: File,
}

impl RealFile {
    /// Opens the log at `path`, creating it if needed. A new file's name is
    /// an entry in its directory, durable only once the directory itself is
    /// fsynced. Done on every open: a run that created the file may have
    /// crashed before its own directory fsync.
    pub fn open(path: &Path) -> io::Result<RealFile> {
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)?;
        file.sync_all()?;
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        File::open(dir.unwrap_or(Path::new(".")))?.sync_all()?;
        Ok(RealFile { file })
    }
}

impl LogFile for RealFile {
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes)
    }

    fn sync(&mut self) -> io::Result<()> {
        // fdatasync(2): the data, and the file length, which reading the data
        // back needs; not the modification time, which it does not.
        self.file.sync_data()
    }

    fn read_all(&mut self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.file.seek(SeekFrom::Start(0))?;
        self.file.read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn truncate(&mut self, len: usize) -> io::Result<()> {
        self.file.set_len(len as u64)?;
        self.file.sync_all()
    }
}
// ANCHOR_END: real_file

/// A directory for scratch files that removes itself when dropped.
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    /// A new empty directory under `parent`, named with `tag` and the
    /// process id so that two runs never share it.
    pub fn new(parent: &Path, tag: &str) -> io::Result<TempDir> {
        let path = parent.join(format!("{tag}-{}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path)?;
        }
        std::fs::create_dir_all(&path)?;
        Ok(TempDir { path })
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A moment in a simulated log's life: its length, how much of it was
/// synced, and how many writes had been acknowledged by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub len: usize,
    pub synced: usize,
    pub acked: usize,
}

/// A log on a simulated disk. Appends only grow `bytes`; `synced` is how
/// many of them a crash cannot take away. Every change is recorded as a
/// `Moment`, the points where the checker crashes it.
#[derive(Debug, Clone, Default)]
pub struct SimFile {
    bytes: Vec<u8>,
    synced: usize,
    acked: usize,
    moments: Vec<Moment>,
    /// Makes `sync` fail, as fsync does when the disk reports an error.
    pub fail_sync: bool,
}

impl SimFile {
    /// A file whose bytes are all on disk, as after a restart.
    pub fn recovered(bytes: Vec<u8>) -> SimFile {
        let synced = bytes.len();
        SimFile {
            bytes,
            synced,
            ..SimFile::default()
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn synced(&self) -> usize {
        self.synced
    }

    /// Every moment recorded, oldest first.
    pub fn moments(&self) -> &[Moment] {
        &self.moments
    }

    fn note(&mut self) {
        self.moments.push(Moment {
            len: self.bytes.len(),
            synced: self.synced,
            acked: self.acked,
        });
    }
}

impl LogFile for SimFile {
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.bytes.extend_from_slice(bytes);
        self.note();
        Ok(())
    }

    fn sync(&mut self) -> io::Result<()> {
        if self.fail_sync {
            return Err(io::Error::other("simulated fsync failure"));
        }
        self.synced = self.bytes.len();
        self.note();
        Ok(())
    }

    fn read_all(&mut self) -> io::Result<Vec<u8>> {
        Ok(self.bytes.clone())
    }

    fn truncate(&mut self, len: usize) -> io::Result<()> {
        self.bytes.truncate(len);
        self.synced = self.bytes.len();
        self.note();
        Ok(())
    }

    fn note_acked(&mut self, acked: usize) {
        self.acked = acked;
        self.note();
    }
}
