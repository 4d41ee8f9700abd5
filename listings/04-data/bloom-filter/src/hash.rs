//! Stable hashing: one key becomes two 64-bit hashes, `h1` and `h2`.
//!
//! Why not `std::collections::hash_map::DefaultHasher`: the standard library
//! documents its algorithm as unspecified and free to change between Rust
//! releases, and `RandomState` seeds it differently in every process. A Bloom
//! filter is often written to disk (one per SSTable) and read back later by a
//! newer binary or another process; if the same key hashed to other bits
//! there, every lookup could say "definitely not" for a key that is present.
//! FNV-1a and the splitmix64 finaliser are short, published functions whose
//! output is fixed forever, so the bits a key maps to never move.

// ANCHOR: hash
/// FNV-1a, 64-bit: offset basis and prime from the FNV specification
/// (Fowler, Noll, Vo; IETF draft-eastlake-fnv).
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

/// The splitmix64 step (Steele, Lea, Flood 2014): every input bit
/// changes about half of the output bits. FNV-1a alone spreads the
/// last bytes of a key poorly, and "key-41" vs "key-42" differ only there.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The two hashes that double hashing needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyHash {
    pub h1: u64,
    /// Always odd, so it is never 0: with `h2 == 0` all k probes
    /// would land on the same bit.
    pub h2: u64,
}

impl KeyHash {
    pub fn of(key: &[u8]) -> KeyHash {
        let h1 = splitmix64(fnv1a64(key));
        let h2 = splitmix64(h1) | 1;
        KeyHash { h1, h2 }
    }
}
// ANCHOR_END: hash

#[cfg(test)]
mod tests {
    use super::*;

    // FNV-1a matches the published test vectors, so it is the real FNV-1a.
    #[test]
    fn fnv1a64_matches_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    // splitmix64 matches the first output of the reference generator seeded with 0.
    #[test]
    fn splitmix64_matches_reference_output() {
        assert_eq!(splitmix64(0), 0xe220_a839_7b1d_cdaf);
    }

    // h2 is odd for every key, so the k probes never collapse onto one bit.
    #[test]
    fn h2_is_always_odd() {
        for i in 0..10_000 {
            assert_eq!(KeyHash::of(format!("key-{i}").as_bytes()).h2 % 2, 1);
        }
    }
}
