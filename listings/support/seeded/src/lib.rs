//! SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
//! generators", OOPSLA 2014): a small generator whose output depends only
//! on its seed, so every simulation of the course repeats exactly, on every
//! machine and with every version of every crate.

pub mod sweep;

/// The generator; the field is its state, and its starting value the seed.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in (0, 1].
    pub fn unit(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }

    /// A uniform index in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// An exponentially distributed number with the given mean.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * self.unit().ln()
    }
}

/// Popularity by Zipf's law: the item of rank k (from 0) is drawn with
/// probability proportional to 1/(k+1)^s. With s = 1, a small share of the
/// items takes most of the draws, as web requests and cache keys do.
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    /// `n` items, exponent 1.
    pub fn new(n: usize) -> Zipf {
        Zipf::with_exponent(n, 1.0)
    }

    /// `n` items, exponent `s`: larger is more skewed, 0 is uniform.
    pub fn with_exponent(n: usize, s: f64) -> Zipf {
        assert!(n > 0, "Zipf needs at least one item");
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|k| {
                total += 1.0 / (k as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// The rank of one draw, in `0..n`.
    pub fn sample(&self, rng: &mut SplitMix64) -> usize {
        let target = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        self.cumulative
            .partition_point(|&c| c < target)
            .min(self.cumulative.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    // The first outputs for seed 0 of the reference implementation, as
    // published with Java's SplittableRandom and in Vigna's C version.
    #[test]
    fn matches_the_reference_sequence() {
        let mut rng = SplitMix64(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn draws_stay_in_range() {
        let mut rng = SplitMix64(42);
        for _ in 0..10_000 {
            let u = rng.unit();
            assert!(u > 0.0 && u <= 1.0);
            assert!(rng.below(7) < 7);
            assert!(rng.exponential(3.0) >= 0.0);
        }
    }

    // Rank 0 is drawn about twice as often as rank 1 and ten times as often as rank 9.
    #[test]
    fn zipf_follows_one_over_rank() {
        let zipf = super::Zipf::new(100);
        let mut rng = SplitMix64(7);
        let mut counts = [0u32; 100];
        for _ in 0..200_000 {
            counts[zipf.sample(&mut rng)] += 1;
        }
        let ratio = |a: usize, b: usize| f64::from(counts[a]) / f64::from(counts[b]);
        assert!((ratio(0, 1) - 2.0).abs() < 0.1, "{}", ratio(0, 1));
        assert!((ratio(0, 9) - 10.0).abs() < 0.7, "{}", ratio(0, 9));
    }
}
