//! HyperLogLog (Flajolet, Fusy, Gandouet, Meunier, 2007): m = 2^p registers,
//! each the longest run of leading zeros seen among the hashes sent to it.

use bloom_filter::KeyHash;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HyperLogLog {
    p: u32,
    registers: Vec<u8>,
}

impl HyperLogLog {
    /// 2^p registers, p from 4 to 18.
    pub fn new(p: u32) -> HyperLogLog {
        assert!((4..=18).contains(&p), "p must be 4..=18");
        HyperLogLog {
            p,
            registers: vec![0; 1 << p],
        }
    }

    pub fn registers(&self) -> usize {
        self.registers.len()
    }

    /// One byte a register here; Redis packs 6 bits.
    pub fn memory_bytes(&self) -> usize {
        self.registers.len()
    }

    /// The standard error the paper gives: 1.04 / sqrt(m).
    pub fn standard_error(&self) -> f64 {
        1.04 / (self.registers.len() as f64).sqrt()
    }

    pub fn add(&mut self, key: &str) {
        self.add_hash(KeyHash::of(key.as_bytes()).h1);
    }

    // ANCHOR: add
    /// The top p bits pick a register; the rest give a rank: the position
    /// of their first 1 bit. A rank of r turns up once in 2^r hashes.
    pub fn add_hash(&mut self, hash: u64) {
        let index = (hash >> (64 - self.p)) as usize;
        let rest = hash << self.p;
        let rank = (rest.leading_zeros() + 1).min(64 - self.p + 1) as u8;
        self.registers[index] = self.registers[index].max(rank);
    }
    // ANCHOR_END: add

    // ANCHOR: estimate
    /// The harmonic mean of 2^register over the registers, scaled; below
    /// 2.5 m, while some registers are still 0, count by empty registers
    /// instead (linear counting), which is far more accurate there.
    pub fn estimate(&self) -> f64 {
        let m = self.registers.len() as f64;
        let alpha = match self.registers.len() {
            16 => 0.673,
            32 => 0.697,
            64 => 0.709,
            _ => 0.7213 / (1.0 + 1.079 / m),
        };
        let sum: f64 = self
            .registers
            .iter()
            .map(|&r| 2f64.powi(-i32::from(r)))
            .sum();
        let raw = alpha * m * m / sum;
        let zeros = self.registers.iter().filter(|&&r| r == 0).count();
        if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        }
    }
    // ANCHOR_END: estimate

    // ANCHOR: merge
    /// The sketch of two shards together: each register's maximum.
    pub fn merge(&mut self, other: &HyperLogLog) {
        assert_eq!(self.p, other.p);
        for (mine, theirs) in self.registers.iter_mut().zip(&other.registers) {
            *mine = (*mine).max(*theirs);
        }
    }
    // ANCHOR_END: merge
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_sketches_use_the_papers_alpha() {
        // 16 registers of 10: alpha * m^2 / (m * 2^-10), with alpha_16 = 0.673.
        let h = HyperLogLog {
            p: 4,
            registers: vec![10; 16],
        };
        assert!((h.estimate() - 0.673 * 16.0 * 1024.0).abs() < 1e-6);
    }

    #[test]
    fn empty_is_zero_and_small_counts_are_close() {
        let mut h = HyperLogLog::new(12);
        assert_eq!(h.estimate(), 0.0);
        for i in 0..100 {
            h.add(&format!("k{i}"));
        }
        assert!((h.estimate() - 100.0).abs() < 3.0, "{}", h.estimate());
    }
}
