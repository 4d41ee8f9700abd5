// --- solution ---
//! Reference solution: the freshness invariant of the simulation chapter.
// --- stub ---
// //! Your turn: the invariant checker a simulation sweep runs on every seed.
// //!
// //! A sweep is only as good as its checker: the simulator finds schedules,
// //! the checker decides which of them are bugs. Write the one for the
// //! chapter's cached store. The tests are in `tests/stale-read-checker.rs`.
// //!
// //! Run `cargo test -p stale-read-checker` until every test passes.
// --- end ---

/// One operation on one key, as a client saw it, in virtual milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    pub key: u64,
    /// When the client sent it.
    pub invoke: u64,
    /// When the answer came back; `None` if it never did.
    pub ret: Option<u64>,
    /// A write (true) or a read (false).
    pub write: bool,
    /// The value written or read. Values are arbitrary labels: a newer
    /// write may carry a smaller value.
    pub value: u64,
    /// The store's version of that value (the write's, or the one the read
    /// returned). Versions of one key grow with every write.
    pub version: u64,
}

/// The index in `ops` of the first read (in slice order) that returned a
/// version older than some write of the same key whose answer came back
/// strictly before the read was sent. `None` when every read is fresh.
///
/// A write without an answer proves nothing (it may or may not have
/// happened), and a write still in flight when the read was sent may be
/// ordered either way.
pub fn first_stale_read(ops: &[Op]) -> Option<usize> {
    // --- solution ---
    ops.iter().position(|read| {
        !read.write
            && ops.iter().any(|w| {
                w.write
                    && w.key == read.key
                    && w.ret.is_some_and(|ret| ret < read.invoke)
                    && w.version > read.version
            })
    })
    // --- stub ---
    // let _ = ops;
    // todo!("find the first read older than an acknowledged write")
    // --- end ---
}
