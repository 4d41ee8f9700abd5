//! Last writer wins: every write carries a timestamp from its replica's
//! clock, and a merge keeps the write with the larger one.

use crate::Crdt;

// ANCHOR: register
/// A value with the timestamp and replica of the write that set it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LwwRegister<T> {
    pub stamp: u64,
    pub replica: u8,
    pub value: T,
}

impl<T: Clone + Ord> LwwRegister<T> {
    /// Keeps the write with the larger timestamp. Equal timestamps are
    /// broken by replica, then by value, so both sides pick the same.
    pub fn merge_from(&mut self, other: &LwwRegister<T>) {
        let key = |w: &LwwRegister<T>| (w.stamp, w.replica, w.value.clone());
        if key(other) > key(self) {
            *self = other.clone();
        }
    }
}
// ANCHOR_END: register

/// For the random histories: `op / 4` is the clock reading, so any
/// replica's clock may be anywhere, and `op % 4` is the value written.
impl Crdt for LwwRegister<u8> {
    const NAME: &'static str = "LWW register";
    fn empty() -> Self {
        LwwRegister {
            stamp: 0,
            replica: 0,
            value: 0,
        }
    }
    fn apply(&mut self, replica: u8, op: u8) {
        let write = LwwRegister {
            stamp: u64::from(op / 4),
            replica,
            value: op % 4,
        };
        self.merge_from(&write);
    }
    fn merge(&mut self, other: &Self) {
        self.merge_from(other);
    }
}

pub type Cart = Vec<&'static str>;

/// Replica A's and B's writes to one cart, as the listing's story tells.
pub struct Story {
    pub kept_in_partition: LwwRegister<Cart>,
    pub lost_in_partition: LwwRegister<Cart>,
    pub removal: LwwRegister<Cart>,
    pub kept_at_end: LwwRegister<Cart>,
}

// ANCHOR: story
/// A and B both start from `[bread]`. During a partition A adds milk at
/// 1000 ms and B adds eggs at 1040 ms (real time). After it heals, B reads
/// the cart and removes bread at 1080 ms. B's clock reads
/// `b_behind_ms` less than the real time.
pub fn story(b_behind_ms: u64) -> Story {
    let write = |real_ms: u64, replica: u8, value: Cart| LwwRegister {
        stamp: if replica == b'B' {
            real_ms - b_behind_ms
        } else {
            real_ms
        },
        replica,
        value,
    };
    let a = write(1000, b'A', vec!["bread", "milk"]);
    let b = write(1040, b'B', vec!["bread", "eggs"]);
    let mut synced = a.clone();
    synced.merge_from(&b);
    let lost = if synced == a { b } else { a };

    // B read the synced cart, so its write comes after both.
    let mut without_bread = synced.value.clone();
    without_bread.retain(|item| *item != "bread");
    let removal = write(1080, b'B', without_bread);
    let mut end = synced.clone();
    end.merge_from(&removal);
    Story {
        kept_in_partition: synced,
        lost_in_partition: lost,
        removal,
        kept_at_end: end,
    }
}
// ANCHOR_END: story
