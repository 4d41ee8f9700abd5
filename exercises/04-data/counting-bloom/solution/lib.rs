// --- solution ---
//! A counting Bloom filter: a small counter per slot instead of a bit, so a
//! key can be removed (Fan, Cao, Almeida, Broder, "Summary Cache", 2000).
//!
//! Layout: the given hashing (`fnv1a64`, `splitmix64`, `positions`), then
//! `CountingBloom` with `new`, `insert`, `contains` and `remove`.
// --- stub ---
// //! Your turn: a counting Bloom filter, which can forget a key.
// //!
// //! A plain Bloom filter cannot delete: clearing a key's bits would also clear
// //! bits that other keys share. A counting filter keeps a small counter per
// //! slot instead of a bit (Fan, Cao, Almeida, Broder, "Summary Cache", 2000).
// //!
// //! The hashing below is given. Replace each `todo!()` until
// //! `cargo test -p counting-bloom` passes.
// --- end ---

/// FNV-1a, 64-bit. Stable across Rust versions, unlike `DefaultHasher`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The splitmix64 finaliser: spreads every input bit over the output.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The k slots of `key` among `m` slots, by double hashing `h1 + i * h2`.
pub fn positions(key: &[u8], k: u32, m: usize) -> impl Iterator<Item = usize> {
    let h1 = splitmix64(fnv1a64(key));
    let h2 = splitmix64(h1) | 1;
    let m = m as u64;
    (0..u64::from(k)).map(move |i| (h1.wrapping_add(i.wrapping_mul(h2)) % m) as usize)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountingBloomError {
    ZeroCounters,
    ZeroHashes,
}

#[derive(Debug, Clone)]
pub struct CountingBloom {
    counters: Vec<u8>,
    k: u32,
}

impl CountingBloom {
    /// `m_counters` one-byte counters and `k` probes per key. Zero of either
    /// is an error, not a panic.
    pub fn new(m_counters: usize, k: u32) -> Result<CountingBloom, CountingBloomError> {
        // --- solution ---
        if m_counters == 0 {
            return Err(CountingBloomError::ZeroCounters);
        }
        if k == 0 {
            return Err(CountingBloomError::ZeroHashes);
        }
        Ok(CountingBloom {
            counters: vec![0; m_counters],
            k,
        })
        // --- stub ---
        // todo!("validate, then allocate {m_counters} counters for k = {k}")
        // --- end ---
    }

    /// Adds 1 to each of the key's k counters. A counter at 255 stays at 255.
    pub fn insert(&mut self, key: &[u8]) {
        // --- solution ---
        for slot in positions(key, self.k, self.counters.len()) {
            // A full counter stays full: once it has lost count, decrementing
            // it later could reach 0 while keys still map to it.
            self.counters[slot] = self.counters[slot].saturating_add(1);
        }
        // --- stub ---
        // todo!("count {key:?} in {} counters", self.counters.len())
        // --- end ---
    }

    /// True when all k counters of the key are above 0.
    pub fn contains(&self, key: &[u8]) -> bool {
        // --- solution ---
        positions(key, self.k, self.counters.len()).all(|slot| self.counters[slot] > 0)
        // --- stub ---
        // todo!("look up {key:?} with k = {}", self.k)
        // --- end ---
    }

    /// Takes 1 from each of the key's k counters and returns true, or returns
    /// false and changes nothing when the key is definitely absent.
    /// A counter at 255 has lost count and is never decremented.
    pub fn remove(&mut self, key: &[u8]) -> bool {
        // --- solution ---
        // A key the filter has never seen must not take counts from others.
        if !self.contains(key) {
            return false;
        }
        for slot in positions(key, self.k, self.counters.len()) {
            if self.counters[slot] < u8::MAX {
                self.counters[slot] -= 1;
            }
        }
        true
        // --- stub ---
        // todo!("forget {key:?}")
        // --- end ---
    }
}
