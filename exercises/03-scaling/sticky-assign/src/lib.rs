//! Sticky assignment of partitions to a consumer group: balanced, and
//! moving as few partitions as possible when members come and go, since a
//! moved partition pauses and may reprocess what was not committed.
//!
//! Your task: implement [`sticky`] until `cargo test -p sticky-assign`
//! passes. The tests in `tests/sticky-assign.rs` are the specification.

/// Why no assignment can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssignError {
    /// No members to give partitions to.
    NoMembers,
    /// A member name appears twice.
    Duplicate(String),
}

/// The new owner of each partition, given the previous owners (`None`
/// for a partition nobody owned) and the members now in the group.
///
/// - Balanced: every member gets `n / m` or `n / m + 1` partitions.
/// - Sticky: a partition stays with its previous owner whenever that owner
///   is still a member and keeping it does not break the balance; no
///   assignment that moves fewer partitions is balanced.
/// - Deterministic: partitions that must move go, lowest partition first,
///   to the member with the fewest partitions (earliest name on a tie).
pub fn sticky(previous: &[Option<String>], members: &[&str]) -> Result<Vec<String>, AssignError> {
    todo!("sticky({previous:?}, {members:?})")
}
