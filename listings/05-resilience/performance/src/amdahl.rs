//! Amdahl's law for one request: a part that takes fraction `p` of the
//! time, made `s` times faster.

// ANCHOR: amdahl
/// The whole request's speedup when a part taking fraction `p` of it is
/// made `s` times faster.
pub fn speedup(p: f64, s: f64) -> f64 {
    1.0 / ((1.0 - p) + p / s)
}

/// The most that part can buy: made infinitely fast, the rest remains.
pub fn bound(p: f64) -> f64 {
    1.0 / (1.0 - p)
}
// ANCHOR_END: amdahl

#[cfg(test)]
mod tests {
    use super::*;

    // Half the time made twice as fast saves a quarter; the bound is 2x.
    #[test]
    fn half_twice_as_fast() {
        assert!((speedup(0.5, 2.0) - 4.0 / 3.0).abs() < 1e-12);
        assert!((bound(0.5) - 2.0).abs() < 1e-12);
        assert!(speedup(0.5, 1e12) < bound(0.5));
    }
}
