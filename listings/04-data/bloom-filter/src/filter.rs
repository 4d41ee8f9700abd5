//! The Bloom filter: a bit array of `m` bits and `k` probes per key.

use std::f64::consts::LN_2;
use std::fmt;

use crate::hash::KeyHash;

/// Upper bound on the bit array: 2^36 bits is 8 GiB. A request above this is
/// almost always a unit mistake (bytes for bits, or a runaway key count).
pub const MAX_BITS: u64 = 1 << 36;
/// Upper bound on probes per key. The optimum for 1 in a million false
/// positives is 20; anything far beyond that only burns CPU.
pub const MAX_HASHES: u32 = 64;

// ANCHOR: errors
/// Bad parameters are reported, never panicked on: they usually come from
/// configuration (a table option, a flag), and a server should refuse them
/// with a message rather than crash.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BloomError {
    ZeroBits,
    ZeroHashes,
    ZeroKeys,
    /// The target false-positive rate must lie strictly between 0 and 1.
    FpRateOutOfRange(f64),
    TooManyBits(u64),
    TooManyHashes(u32),
}
// ANCHOR_END: errors

impl fmt::Display for BloomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BloomError::ZeroBits => write!(f, "a Bloom filter needs at least 1 bit"),
            BloomError::ZeroHashes => write!(f, "a Bloom filter needs at least 1 hash (k >= 1)"),
            BloomError::ZeroKeys => write!(f, "sizing needs an expected key count >= 1"),
            BloomError::FpRateOutOfRange(rate) => {
                write!(
                    f,
                    "false-positive rate {rate} is not in the open range (0, 1)"
                )
            }
            BloomError::TooManyBits(bits) => {
                write!(f, "{bits} bits exceeds the limit of {MAX_BITS} bits")
            }
            BloomError::TooManyHashes(k) => {
                write!(f, "k = {k} exceeds the limit of {MAX_HASHES} hashes")
            }
        }
    }
}

impl std::error::Error for BloomError {}

// ANCHOR: positions
/// Kirsch and Mitzenmacher (2006): the k probe positions
/// `h1 + i * h2 (mod m)` for i in 0..k behave, for a Bloom filter, like k
/// independent hashes, so one hashing pass per key is enough.
fn positions(hash: KeyHash, k: u32, m_bits: u64) -> impl Iterator<Item = u64> {
    (0..u64::from(k)).map(move |i| hash.h1.wrapping_add(i.wrapping_mul(hash.h2)) % m_bits)
}
// ANCHOR_END: positions

// ANCHOR: struct
#[derive(Debug, Clone)]
pub struct BloomFilter {
    /// The bit array, packed 64 bits to a word.
    words: Vec<u64>,
    m_bits: u64,
    k: u32,
}
// ANCHOR_END: struct

impl BloomFilter {
    /// A filter of exactly `m_bits` bits and `k` probes per key.
    pub fn new(m_bits: u64, k: u32) -> Result<BloomFilter, BloomError> {
        if m_bits == 0 {
            return Err(BloomError::ZeroBits);
        }
        if m_bits > MAX_BITS {
            return Err(BloomError::TooManyBits(m_bits));
        }
        if k == 0 {
            return Err(BloomError::ZeroHashes);
        }
        if k > MAX_HASHES {
            return Err(BloomError::TooManyHashes(k));
        }
        let words = vec![0; m_bits.div_ceil(64) as usize];
        Ok(BloomFilter { words, m_bits, k })
    }

    /// `bits_per_key * expected_keys` bits, with the `k` that minimises
    /// false positives for that ratio.
    pub fn with_bits_per_key(
        expected_keys: u64,
        bits_per_key: u64,
    ) -> Result<BloomFilter, BloomError> {
        if expected_keys == 0 {
            return Err(BloomError::ZeroKeys);
        }
        let m_bits = expected_keys
            .checked_mul(bits_per_key)
            .ok_or(BloomError::TooManyBits(u64::MAX))?;
        if m_bits == 0 {
            return Err(BloomError::ZeroBits);
        }
        BloomFilter::new(m_bits, optimal_k(m_bits, expected_keys))
    }

    /// The smallest filter whose formula false-positive rate is at most
    /// `fp_rate` once `expected_keys` keys are in it.
    pub fn with_fp_rate(expected_keys: u64, fp_rate: f64) -> Result<BloomFilter, BloomError> {
        let m_bits = bits_for_fp_rate(expected_keys, fp_rate)?;
        BloomFilter::new(m_bits, optimal_k(m_bits, expected_keys))
    }

    // ANCHOR: insert
    pub fn insert(&mut self, key: &[u8]) {
        for bit in positions(KeyHash::of(key), self.k, self.m_bits) {
            self.words[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }
    // ANCHOR_END: insert

    // ANCHOR: contains
    /// `false` means "definitely never inserted"; `true` means "probably".
    pub fn contains(&self, key: &[u8]) -> bool {
        positions(KeyHash::of(key), self.k, self.m_bits)
            .all(|bit| self.words[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }
    // ANCHOR_END: contains

    pub fn m_bits(&self) -> u64 {
        self.m_bits
    }

    pub fn k(&self) -> u32 {
        self.k
    }

    /// Heap bytes of the bit array (whole 64-bit words).
    pub fn memory_bytes(&self) -> usize {
        self.words.len() * size_of::<u64>()
    }

    /// How many of the m bits are 1: the fill ratio drives the FP rate.
    pub fn bits_set(&self) -> u64 {
        self.words.iter().map(|w| u64::from(w.count_ones())).sum()
    }
}

// ANCHOR: formula
/// The classic approximation (Bloom 1970; see Broder and Mitzenmacher 2004):
/// after n keys each bit is still 0 with probability about e^(-kn/m), and a
/// key never inserted is a false positive when all k of its bits are 1.
pub fn formula_fp_rate(m_bits: u64, n_keys: u64, k: u32) -> f64 {
    let k = f64::from(k);
    (1.0 - (-k * n_keys as f64 / m_bits as f64).exp()).powf(k)
}
// ANCHOR_END: formula

// ANCHOR: sizing
/// The k that minimises the formula: (m / n) * ln 2, at least 1.
pub fn optimal_k(m_bits: u64, n_keys: u64) -> u32 {
    let k = (m_bits as f64 / n_keys as f64 * LN_2).round();
    k.clamp(1.0, f64::from(MAX_HASHES)) as u32
}

/// With the optimal k, solving the formula for m gives
/// m = -n ln(p) / (ln 2)^2, rounded up to whole bits.
pub fn bits_for_fp_rate(n_keys: u64, fp_rate: f64) -> Result<u64, BloomError> {
    if n_keys == 0 {
        return Err(BloomError::ZeroKeys);
    }
    // Written as a positive test so NaN is rejected too.
    if !(fp_rate > 0.0 && fp_rate < 1.0) {
        return Err(BloomError::FpRateOutOfRange(fp_rate));
    }
    let m_bits = (-(n_keys as f64) * fp_rate.ln() / (LN_2 * LN_2)).ceil();
    if m_bits > MAX_BITS as f64 {
        return Err(BloomError::TooManyBits(m_bits as u64));
    }
    Ok((m_bits as u64).max(1))
}
// ANCHOR_END: sizing
