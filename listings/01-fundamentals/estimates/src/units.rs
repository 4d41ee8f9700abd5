//! Formatting for the printout: grouped digits and decimal byte units.
//! Decimal (1 GB = 10^9 bytes), because disks and network cards are sold in
//! decimal units, and the estimate compares against them.

/// `1234567` as `"1,234,567"`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte count in decimal units with one decimal, rounded to nearest:
/// `27_800_000` is `"27.8 MB"`. Integer arithmetic, so no float rounding.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    if n < 1_000 {
        return format!("{n} B");
    }
    let n = u128::from(n);
    let mut unit = 1;
    let mut scale: u128 = 1_000;
    loop {
        let tenths = (n * 10 + scale / 2) / scale;
        // 999,960 bytes rounds to 1000.0 kB: say 1.0 MB instead.
        if tenths < 10_000 || unit == UNITS.len() - 1 {
            return format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit]);
        }
        unit += 1;
        scale *= 1_000;
    }
}

/// `big / small` with one decimal, rounded to nearest: `ratio(26, 4)` is `"6.5"`.
pub fn ratio(big: u64, small: u64) -> String {
    if small == 0 {
        return "-".to_string();
    }
    let tenths = (u128::from(big) * 10 + u128::from(small) / 2) / u128::from(small);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// `n` and a noun, plural unless `n` is 1: `count(1, "day")` is `"1 day"`.
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", group(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Commas go every three digits from the right, never in front.
    #[test]
    fn groups_digits_in_threes() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1_000), "1,000");
        assert_eq!(group(138_891), "138,891");
        assert_eq!(group(u64::MAX), "18,446,744,073,709,551,615");
    }

    // Units step at 1,000, round to one decimal, and never show 1000.0 of a unit.
    #[test]
    fn decimal_units_round_to_one_place() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_000), "1.0 kB");
        assert_eq!(bytes(27_779_400), "27.8 MB");
        assert_eq!(bytes(999_960), "1.0 MB");
        assert_eq!(bytes(36_000_000_000_000), "36.0 TB");
        assert_eq!(bytes(u64::MAX), "18.4 EB");
    }

    // One of a thing is singular; zero and many are plural and grouped.
    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "day"), "1 day");
        assert_eq!(count(0, "write"), "0 writes");
        assert_eq!(count(30, "day"), "30 days");
        assert_eq!(count(1_000, "server"), "1,000 servers");
    }

    // Ratios keep one decimal and a zero divisor prints a dash instead of panicking.
    #[test]
    fn ratios_round_and_survive_zero() {
        assert_eq!(ratio(26, 4), "6.5");
        assert_eq!(ratio(1, 3), "0.3");
        assert_eq!(ratio(2, 3), "0.7");
        assert_eq!(ratio(5, 0), "-");
    }
}
