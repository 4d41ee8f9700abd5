//! A 64-bit hash that gives the same value on every machine, forever.
//!
//! Every client of a sharded store must agree on where a key lives, and a
//! recorded output must not change when Rust is upgraded. std's
//! `DefaultHasher` promises neither: its algorithm "may change at any
//! moment" (std docs), and `RandomState` seeds it randomly per process, so
//! two processes would place the same key on different nodes. So the crate
//! writes its own: FNV-1a 64, then the fmix64 finalizer from MurmurHash3.

// ANCHOR: stable_hash
/// FNV-1a, 64-bit: xor in a byte, multiply by a prime, repeat.
/// Constants from the FNV reference (Fowler, Noll, Vo; draft-eastlake-fnv).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET_BASIS;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

/// MurmurHash3's fmix64 finalizer (Austin Appleby): every input bit flips
/// about half of the output bits. FNV-1a alone mixes the last byte of a key
/// poorly into the high bits, and the ring orders points by exactly those
/// bits, so keys like `user:1` and `user:2` would land next to each other.
pub fn fmix64(mut hash: u64) -> u64 {
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    hash
}

/// The hash every placement in this crate uses, for keys and ring points.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    fmix64(fnv1a64(bytes))
}
// ANCHOR_END: stable_hash
