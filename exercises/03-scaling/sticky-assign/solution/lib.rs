//! Sticky assignment of partitions to a consumer group: balanced, and
//! moving as few partitions as possible when members come and go, since a
//! moved partition pauses and may reprocess what was not committed.
//!
// --- solution ---
//! Reference solution of the exercise; the tests live in
//! `../tests/sticky-assign.rs`.
// --- stub ---
// //! Your task: implement [`sticky`] until `cargo test -p sticky-assign`
// //! passes. The tests in `tests/sticky-assign.rs` are the specification.
// --- end ---

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
    // --- solution ---
    if members.is_empty() {
        return Err(AssignError::NoMembers);
    }
    let mut names: Vec<&str> = members.to_vec();
    names.sort_unstable();
    if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(AssignError::Duplicate(w[0].to_string()));
    }
    let n = previous.len();
    let (base, extra) = (n / names.len(), n % names.len());
    let mut owner: Vec<Option<String>> = vec![None; n];
    let mut count = vec![0usize; names.len()];
    // Keep what can be kept: a member keeps up to `base` partitions, and
    // the first `extra` members to want more may keep one more.
    let mut bigger = 0;
    for (p, prev) in previous.iter().enumerate() {
        let Some(i) = prev
            .as_deref()
            .and_then(|o| names.iter().position(|m| *m == o))
        else {
            continue;
        };
        if count[i] < base || (count[i] == base && bigger < extra) {
            if count[i] == base {
                bigger += 1;
            }
            count[i] += 1;
            owner[p] = Some(names[i].to_string());
        }
    }
    // Deal the rest to the least loaded, respecting the same limits.
    for slot in owner.iter_mut().filter(|o| o.is_none()) {
        let i = (0..names.len())
            .filter(|&i| count[i] < base || (count[i] == base && bigger < extra))
            .min_by_key(|&i| (count[i], i))
            .expect("n partitions always fit in the balanced counts");
        if count[i] == base {
            bigger += 1;
        }
        count[i] += 1;
        *slot = Some(names[i].to_string());
    }
    Ok(owner
        .into_iter()
        .map(|o| o.expect("every partition dealt"))
        .collect())
    // --- stub ---
    // todo!("sticky({previous:?}, {members:?})")
    // --- end ---
}
