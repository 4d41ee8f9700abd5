//! Cutting a batch into one chunk per thread.

use std::ops::Range;

// ANCHOR: split
/// Cuts `0..len` into contiguous ranges, one per part, whose lengths differ
/// by at most one; the first `len % parts` ranges get the extra item. Asking
/// for more parts than there are items gives one range per item (a thread
/// with nothing to do is pure cost), and `parts == 0` counts as 1.
pub fn split_ranges(len: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, len.max(1));
    let (base, extra) = (len / parts, len % parts);
    let mut start = 0;
    (0..parts)
        .map(|part| {
            let end = start + base + usize::from(part < extra);
            let range = start..end;
            start = end;
            range
        })
        .filter(|range| !range.is_empty())
        .collect()
}
// ANCHOR_END: split
